package render_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/baerekrafthjelperen/hjelperen/bench/fixture"
	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden renders every page of the test site, the 404 page and the
// search pages with the test theme and compares them with
// testdata/golden. It shows each kind's layout, the partials, and links and
// strings at every depth and in both languages.
func TestGolden(t *testing.T) {
	r, site := newRenderer(t, nil)
	got := map[string][]byte{}
	for _, p := range site.Pages {
		got[p.OutPath] = []byte(renderPage(t, r, p))
	}
	var err error
	if got["404.html"], err = r.NotFound(); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"nb", "nn"} {
		out := "sok.html"
		if lang != "nb" {
			out = lang + "/sok.html"
		}
		if got[out], err = r.SearchPage(lang, "js/search-index."+lang+".js"); err != nil {
			t.Fatal(err)
		}
	}
	for name, html := range got {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, html, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%v (run go test ./generator/render -update)", err)
			continue
		}
		if !bytes.Equal(html, want) {
			t.Errorf("%s differs from %s (run go test ./generator/render -update if the change is intended):\n%s", name, golden, html)
		}
	}
}

// TestLayoutPerKind checks that each page is rendered with its kind's
// layout inside baseof.html.
func TestLayoutPerKind(t *testing.T) {
	r, site := newRenderer(t, nil)
	for _, p := range site.Pages {
		html := renderPage(t, r, p)
		if !strings.HasPrefix(html, "<!DOCTYPE html>") {
			t.Errorf("%s: not rendered through baseof.html:\n%s", p.OutPath, html)
		}
		if !strings.Contains(html, `<main class="kind-`+string(p.Kind)+`">`) {
			t.Errorf("%s: no main for kind %s:\n%s", p.OutPath, p.Kind, html)
		}
	}
	th := renderPage(t, r, site.ByPath["tema/bolig.md"])
	if !strings.Contains(th, "<p>Det finnes boliger for alle.</p>") {
		t.Errorf("the theme page was not rendered with layouts/theme.html:\n%s", th)
	}
}

// helpers reads the key=value lines the links.html partial prints.
func helpers(t *testing.T, html string) map[string]string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<pre>\n(.*?)</pre>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no helper block in\n%s", html)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(m[1]), "\n") {
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}

func TestLinkHelpers(t *testing.T) {
	r, site := newRenderer(t, nil)
	tests := []struct {
		path, lang string
		want       map[string]string
	}{
		{"_index.md", "nb", map[string]string{
			"root": "./", "self": "index.html", "om": "om.html", "bolig": "tema/bolig.html",
			"static": "bilder/kart.svg", "search": "sok.html",
			"hreflang nn": "https://example.no/hjelper/nn/",
		}},
		{"_index.md", "nn", map[string]string{
			// om.md has no nynorsk variant: the link goes to bokmål.
			"root": "../", "self": "index.html", "om": "../om.html", "bolig": "tema/bolig.html",
			"static": "../bilder/kart.svg", "search": "sok.html",
			"alternate nb Bokmål": "../index.html", "alternate nn Nynorsk": "index.html (current)",
		}},
		{"om.md", "nb", map[string]string{
			"root": "./", "self": "om.html", "om": "om.html", "bolig": "tema/bolig.html",
			"alternate nb Bokmål": "om.html (current)",
		}},
		{"tema/bolig.md", "nb", map[string]string{
			"root": "../", "self": "bolig.html", "om": "../om.html", "bolig": "bolig.html",
			"static": "../bilder/kart.svg", "search": "../sok.html",
			"alternate nn Nynorsk": "../nn/tema/bolig.html",
			"hreflang nb":          "https://example.no/hjelper/tema/bolig.html",
		}},
		{"tema/bolig.md", "nn", map[string]string{
			"root": "../../", "self": "bolig.html", "om": "../../om.html", "bolig": "bolig.html",
			"static": "../../bilder/kart.svg", "search": "../sok.html",
			"alternate nb Bokmål": "../../tema/bolig.html",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.path, func(t *testing.T) {
			got := helpers(t, renderPage(t, r, page(t, site, tt.path, tt.lang)))
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("%s = %q, want %q", k, got[k], want)
				}
			}
			if _, ok := got["hreflang nb"]; ok && tt.path == "om.md" {
				t.Error("a page in one language has hreflang links")
			}
		})
	}
}

func TestCanonicalAndAsset(t *testing.T) {
	r, site := newRenderer(t, nil)
	tests := []struct {
		path, lang, canonical, css string
	}{
		{"_index.md", "nb", "https://example.no/hjelper/", "css/site.0123456789.css"},
		{"_index.md", "nn", "https://example.no/hjelper/nn/", "../css/site.0123456789.css"},
		{"tema/_index.md", "nb", "https://example.no/hjelper/tema/", "../css/site.0123456789.css"},
		{"tema/bolig.md", "nn", "https://example.no/hjelper/nn/tema/bolig.html", "../../css/site.0123456789.css"},
	}
	for _, tt := range tests {
		html := renderPage(t, r, page(t, site, tt.path, tt.lang))
		if want := `<link rel="canonical" href="` + tt.canonical + `">`; !strings.Contains(html, want) {
			t.Errorf("%s/%s: no %s in\n%s", tt.lang, tt.path, want, html)
		}
		if want := `<link rel="stylesheet" href="` + tt.css + `">`; !strings.Contains(html, want) {
			t.Errorf("%s/%s: no %s in\n%s", tt.lang, tt.path, want, html)
		}
	}

	// Without base_url there is no canonical link.
	site = loadSite(t, map[string]string{"hjelperen.toml": strings.Replace(siteFiles["hjelperen.toml"], `base_url = "https://example.no/hjelper/"`, "", 1)})
	r, err := render.New(site, theme{mapFS(themeFiles)}, render.Options{Assets: assets})
	if err != nil {
		t.Fatal(err)
	}
	if html := renderPage(t, r, site.ByPath["om.md"]); strings.Contains(html, "canonical") {
		t.Errorf("canonical link without base_url:\n%s", html)
	}
}

// TestNotFound checks that the 404 page links relative to the output
// root, where it lies, whatever the base URL: it must work wherever the
// site is hosted or opened (the service worker rewrites the links for
// deeper addresses).
func TestNotFound(t *testing.T) {
	r, _ := newRenderer(t, nil)
	html, err := r.NotFound()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<title>Fant ikke siden – Minihjelper</title>`,
		`<a href="./">Hei</a>`,
		`<a href="om.html">om</a>`,
		`href="css/site.0123456789.css"`,
	} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("404 page has no %s:\n%s", want, html)
		}
	}
	if bytes.Contains(html, []byte("canonical")) || bytes.Contains(html, []byte("/hjelper/")) {
		t.Errorf("404 page has a canonical link or a link under the base URL's path:\n%s", html)
	}
}

func TestSearchPage(t *testing.T) {
	r, _ := newRenderer(t, nil)
	tests := []struct {
		lang string
		want []string
	}{
		{"nb", []string{`<h1>Søk</h1>`, `<script src="js/i.js">`, `<p>nb=sok.html nn=nn/sok.html </p>`}},
		// The nynorsk title comes from nn.toml; the page is one level down.
		{"nn", []string{`<h1>Søk i sidene</h1>`, `<script src="../js/i.js">`, `<p>nb=../sok.html nn=sok.html </p>`}},
	}
	for _, tt := range tests {
		html, err := r.SearchPage(tt.lang, "js/i.js")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range tt.want {
			if !bytes.Contains(html, []byte(want)) {
				t.Errorf("%s search page has no %s:\n%s", tt.lang, want, html)
			}
		}
	}
}

// TestStrings checks T and Tf: a nynorsk page uses nn.toml, falls back to
// nb.toml for a key nn.toml lacks, and a key missing in both is an error
// that names the default language's file.
func TestStrings(t *testing.T) {
	r, site := newRenderer(t, nil)
	tests := []struct {
		lang, hello, greeting string
	}{
		{"nb", "Hei", "Hei, Bolig!"},
		{"nn", "Hei på deg", "Hei, Bustad!"},
	}
	for _, tt := range tests {
		html := renderPage(t, r, page(t, site, "tema/bolig.md", tt.lang))
		h := helpers(t, html)
		if h["hello"] != tt.hello || h["greeting"] != tt.greeting {
			t.Errorf("%s: hello=%q greeting=%q, want %q and %q", tt.lang, h["hello"], h["greeting"], tt.hello, tt.greeting)
		}
		if !strings.Contains(html, "Bare på bokmål</footer>") {
			t.Errorf("%s: only_nb does not fall back to bokmål:\n%s", tt.lang, html)
		}
	}

	r, site = newRenderer(t, map[string]string{"layouts/page.html": `{{define "main"}}{{.T "no_such_key"}}{{end}}`})
	_, err := r.Page(page(t, site, "om.md", "nb"))
	if err == nil || !strings.Contains(err.Error(), `interface string "no_such_key" is missing in i18n/nb.toml`) {
		t.Errorf("missing string: err = %v", err)
	}
}

// TestCached checks that Data.Cached renders a partial once for the pages
// that share an output folder, language and section and are not in the
// menu themselves, and again for any other page. The partial here prints
// the page's title, which a cached partial must not do, to show which page
// it was rendered for.
func TestCached(t *testing.T) {
	edits := map[string]string{"layouts/partials/menu.html": `<nav>for {{.Page.Title}}</nav>`}
	r, site := newRenderer(t, edits)
	tests := []struct{ path, lang, want string }{
		{"veiledning/a.md", "nb", "for Side A"},
		{"veiledning/b.md", "nb", "for Side A"}, // same folder and section: reused
		{"om.md", "nb", "for Om oss"},           // another folder, in the menu
		{"_index.md", "nb", "for Forside"},      // same folder, but om.md is in the menu
		{"tema/_index.md", "nb", "for Tema"},    // in the menu
		{"tema/bolig.md", "nb", "for Bolig"},
		{"tema/bolig.md", "nn", "for Bustad"}, // another language
		{"_index.md", "nn", "for Framside"},
	}
	for _, tt := range tests {
		html := renderPage(t, r, page(t, site, tt.path, tt.lang))
		if !strings.Contains(html, "<nav>"+tt.want+"</nav>") {
			t.Errorf("%s/%s: want <nav>%s</nav> in\n%s", tt.lang, tt.path, tt.want, html)
		}
	}

	// A renderer for a new version of the site starts with no cache.
	r = r.WithSite(site)
	html := renderPage(t, r, page(t, site, "veiledning/b.md", "nb"))
	if !strings.Contains(html, "<nav>for Side B</nav>") {
		t.Errorf("WithSite kept the cache:\n%s", html)
	}
}

// TestMemo checks that Data.Memo renders a partial once per key and
// language, whatever data later calls pass.
func TestMemo(t *testing.T) {
	edits := map[string]string{
		"layouts/partials/memo.html": `[{{.}}]`,
		"layouts/theme.html": `{{define "main"}}{{.Memo "layouts/partials/memo.html" "k" .Page.Title}}` +
			`{{.Memo "layouts/partials/memo.html" "k" "other"}}{{.Memo "layouts/partials/memo.html" "k2" "third"}}{{end}}`,
	}
	r, site := newRenderer(t, edits)
	tests := []struct{ lang, want string }{
		{"nb", "[Bolig][Bolig][third]"},
		{"nn", "[Bustad][Bustad][third]"},
	}
	for _, tt := range tests {
		html := renderPage(t, r, page(t, site, "tema/bolig.md", tt.lang))
		if !strings.Contains(html, tt.want) {
			t.Errorf("%s: want %s in\n%s", tt.lang, tt.want, html)
		}
	}
	// The second rendering of the bokmål page reuses the first.
	if html := renderPage(t, r, page(t, site, "tema/bolig.md", "nb")); !strings.Contains(html, "[Bolig][Bolig][third]") {
		t.Errorf("second rendering differs:\n%s", html)
	}
}

// TestTemplateErrors checks that a template error names the theme file,
// line and column where the theme author can fix it, and the content file
// being rendered. Columns count from 1 and point at the action's first
// token after "{{" (text/template reports them from 0). Parse errors have
// a line only. An error inside a partial rendered by Cached or Memo is
// reported in the partial, like one in a partial called with {{template}}.
func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits map[string]string
		pos   string // of the diag.Error
		msg   string // in the message
	}{
		{"parse error in a kind's layout",
			map[string]string{"layouts/page.html": "{{define \"main\"}}\n  {{if}}{{end}}"},
			"themes/mini/layouts/page.html:2", "missing value for if"},
		{"parse error in a partial",
			map[string]string{"layouts/partials/extra.html": "ok\n\n{{end}}"},
			"themes/mini/layouts/partials/extra.html:3", "unexpected {{end}}"},
		{"missing layout",
			map[string]string{"layouts/method.html": ""},
			"themes/mini/layouts/method.html", "missing layout"},
		{"missing base layout",
			map[string]string{"layouts/baseof.html": ""},
			"themes/mini/layouts/baseof.html", "file does not exist"},
		{"error calling a helper",
			map[string]string{"layouts/page.html": "{{define \"main\"}}\n\n  <p>{{.T \"no_such\"}}</p>{{end}}"},
			"themes/mini/layouts/page.html:3:8", "(while rendering content/om.md)"},
		{"error in a partial",
			map[string]string{"layouts/partials/crumbs.html": "<ol>\n{{.URL \"nope.md\"}}</ol>"},
			"themes/mini/layouts/partials/crumbs.html:2:3", `no page "nope.md"`},
		{"unknown field in the base layout",
			map[string]string{"layouts/baseof.html": "<!DOCTYPE html>\n{{.Nope}}"},
			"themes/mini/layouts/baseof.html:2:3", "can't evaluate field Nope"},
		{"html/template error: no such template",
			map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{template \"layouts/partials/nope.html\" .}}{{end}}"},
			"themes/mini/layouts/page.html:2:12", `no such template "layouts/partials/nope.html" (while rendering content/om.md)`},
		{"worksheet data on a plain page",
			map[string]string{"layouts/page.html": "{{define \"main\"}}{{.WorksheetJSON}}{{end}}"},
			"themes/mini/layouts/page.html:1:20", "content/om.md is not a worksheet"},
		{"error inside a cached partial",
			map[string]string{"layouts/partials/menu.html": "<nav>\n {{.Asset \"nope.css\"}}</nav>"},
			"themes/mini/layouts/partials/menu.html:2:4", `executing "layouts/baseof.html" at <.Cached>: error calling Cached: executing "layouts/partials/menu.html" at <.Asset>: error calling Asset: no asset "nope.css"`},
		{"error inside a memoised partial",
			map[string]string{"layouts/partials/memo.html": "[\n\n  {{.Nope}}]", "layouts/page.html": "{{define \"main\"}}\n{{.Memo \"layouts/partials/memo.html\" \"k\" .}}{{end}}"},
			"themes/mini/layouts/partials/memo.html:3:5", `error calling Memo: executing "layouts/partials/memo.html" at <.Nope>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := loadSite(t, nil)
			r, err := render.New(site, theme{mapFS(themeFiles, tt.edits)}, render.Options{Assets: assets})
			if err == nil {
				_, err = r.Page(site.ByPath["om.md"])
			}
			checkError(t, err, tt.pos, tt.msg)
		})
	}
}

// checkError checks that err holds one diag.Error at pos with msg in its
// message.
func checkError(t *testing.T, err error, pos, msg string) {
	t.Helper()
	var e *diag.Error
	var list diag.List
	if errors.As(err, &list) && len(list) == 1 {
		e = list[0]
	}
	if e == nil && !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want one *diag.Error", err, err)
	}
	if got := e.Pos.String(); got != pos {
		t.Errorf("position %q, want %q (error: %v)", got, pos, err)
	}
	if !strings.Contains(e.Msg, msg) {
		t.Errorf("message %q does not contain %q", e.Msg, msg)
	}
}

// TestMinifiedLayoutErrors renders with layouts that a "minifier" has
// joined onto one line: an error must still point at the line in the
// theme's file as written.
func TestMinifiedLayoutErrors(t *testing.T) {
	site := loadSite(t, nil)
	files := mapFS(themeFiles, map[string]string{"layouts/page.html": "{{define \"main\"}}\n\n  <p>{{.URL \"nope.md\"}}</p>{{end}}"})
	join := func(name, src string) (string, error) { return strings.ReplaceAll(src, "\n", " "), nil }
	r, err := render.New(site, theme{files}, render.Options{Assets: assets, MinifyTemplate: join})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Preminified() {
		t.Error("Preminified() = false with MinifyTemplate set")
	}
	if html := renderPage(t, r, site.ByPath["tema/bolig.md"]); strings.Contains(html, "\n") {
		t.Errorf("the page was not rendered from the joined layouts:\n%s", html)
	}
	_, err = r.Page(site.ByPath["om.md"])
	checkError(t, err, "themes/mini/layouts/page.html:3:8", `no page "nope.md"`)

	fail := func(name, src string) (string, error) {
		if name == "layouts/baseof.html" {
			return "", errors.New("cannot minify")
		}
		return src, nil
	}
	_, err = render.New(site, theme{files}, render.Options{Assets: assets, MinifyTemplate: fail})
	checkError(t, err, "themes/mini/layouts/baseof.html", "cannot minify")
}

// TestThemeOverride renders the sample site with the embedded default
// theme and one layout of the site's own: the site's layout is used for its
// kind, the embedded ones for the others, and errors say which file is the
// site's.
func TestThemeOverride(t *testing.T) {
	root := fstest.MapFS{
		"themes/default/layouts/page.html": {Data: []byte("{{define \"main\"}}<p id=\"override\">{{.Page.Title}}</p>\n{{.Nope}}{{end}}")},
	}
	sample := os.DirFS("../testdata/sites/sample")
	theme := themes.Open(root, "default")
	site, err := content.NewLoader().Load(sample, theme)
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(site, theme, render.Options{Assets: fixture.Assets(theme)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Page(site.ByPath["om.md"])
	checkError(t, err, "themes/default/layouts/page.html:2:3", "can't evaluate field Nope")

	root["themes/default/layouts/page.html"].Data = []byte(`{{define "main"}}<p id="override">{{.Page.Title}}</p>{{end}}`)
	r, err = render.New(site, theme, render.Options{Assets: fixture.Assets(theme)})
	if err != nil {
		t.Fatal(err)
	}
	html := renderPage(t, r, site.ByPath["om.md"])
	if !strings.Contains(html, `<p id="override">Om Bærekrafthjelperen</p>`) || !strings.Contains(html, `<a class="skip-link"`) {
		t.Errorf("om.md is not rendered with the site's page.html inside the embedded baseof.html:\n%s", html)
	}
	if html := renderPage(t, r, site.ByPath["tema/bolig.md"]); strings.Contains(html, `id="override"`) {
		t.Errorf("a theme page used the site's page layout:\n%s", html)
	}
	if got, want := theme.Origin("layouts/theme.html"), "(embedded) themes/default/layouts/theme.html"; got != want {
		t.Errorf("Origin = %q, want %q", got, want)
	}
}

// TestTextHelpers checks the helpers that shorten texts for layouts.
func TestTextHelpers(t *testing.T) {
	tests := []struct{ call, want string }{
		{`.FirstSentence "Før vedtak. Deretter mer."`, "Før vedtak."},
		{`.FirstSentence "Innen 22. juni hvert år. Mer."`, "Innen 22. juni hvert år."},
		{`.FirstSentence "Ingen punktum her"`, "Ingen punktum her"},
		{`.FirstSentence "Versjon 2.0 er ute."`, "Versjon 2.0 er ute."},
		{`.FirstSentence ""`, ""},
		{`host "https://www.nve.no/klima/"`, "nve.no"},
		{`host "https://kartverket.no"`, "kartverket.no"},
		{`host "ikke en adresse"`, "ikke en adresse"},
		{`join .Page.Languages ","`, "nb"},
		{`add 2 3`, "5"},
		{`ext "bilder/kart.svg"`, ".svg"},
	}
	for _, tt := range tests {
		t.Run(tt.call, func(t *testing.T) {
			r, site := newRenderer(t, map[string]string{"layouts/page.html": `{{define "main"}}<out>{{` + tt.call + `}}</out>{{end}}`})
			html := renderPage(t, r, site.ByPath["om.md"])
			if want := "<out>" + tt.want + "</out>"; !strings.Contains(html, want) {
				t.Errorf("got %s, want %s", regexp.MustCompile(`<out>.*</out>`).FindString(html), want)
			}
		})
	}
}

// TestCrossReferences checks the lists a layout gets of other pages: the
// red-thread steps in step order (not file name order) with their
// neighbours, the steps that use a worksheet, a theme's funding and its
// methods (general methods last), each in the page's language where the
// page exists in it.
func TestCrossReferences(t *testing.T) {
	r, site := newRenderer(t, nil)
	steps := []struct {
		path, lang string
		want       map[string]string
	}{
		{"rod-trad/2-start.md", "nb", map[string]string{"prev": "", "next": "5-midt.html Midt", "steps": "2 Start, 5 Midt, 10 Vedtak,"}},
		{"rod-trad/5-midt.md", "nb", map[string]string{"prev": "2-start.html Start", "next": "10-vedtak.html Vedtak"}},
		{"rod-trad/10-vedtak.md", "nb", map[string]string{"prev": "5-midt.html Midt", "next": ""}},
		{"rod-trad/5-midt.md", "nn", map[string]string{"prev": "../../rod-trad/2-start.html Start", "next": "../../rod-trad/10-vedtak.html Vedtak",
			"steps": "2 Start, 5 Midtvegs, 10 Vedtak,"}},
	}
	for _, tt := range steps {
		got := helpers(t, renderPage(t, r, page(t, site, tt.path, tt.lang)))
		for k, want := range tt.want {
			if strings.TrimSpace(got[k]) != want {
				t.Errorf("%s/%s: %s = %q, want %q", tt.lang, tt.path, k, got[k], want)
			}
		}
	}

	pages := []struct {
		path, lang, want string
	}{
		{"arbeidsskjema/saksbehandling.md", "nb", `<p class="used-by"><a href="../rod-trad/5-midt.html">Midt</a> <a href="../rod-trad/10-vedtak.html">Vedtak</a> </p>`},
		{"arbeidsskjema/saksbehandling.md", "nn", `<p class="used-by"><a href="../rod-trad/5-midt.html">Midtvegs</a> <a href="../../rod-trad/10-vedtak.html">Vedtak</a> </p>`},
		{"tema/bolig.md", "nb", `<ul class="refs"><li><a href="../virkemidler/husbanken.html">Husbanken</a> Lån.</li>
<li><a href="../metoder/barnetrakk.html">Barnetråkk</a></li><li><a href="../metoder/generell.html">Generell</a></li></ul>`},
		{"_index.md", "nn", `<p class="lists">Bustad | Sakshandsaming | Husbanken | Barnetråkk Generell | | </p>`},
		{"_index.md", "nn", `<p class="lookup">Bustad</p><p>nei: ingen</p>`},
	}
	for _, tt := range pages {
		if html := renderPage(t, r, page(t, site, tt.path, tt.lang)); !strings.Contains(html, tt.want) {
			t.Errorf("%s/%s: no %s in\n%s", tt.lang, tt.path, tt.want, html)
		}
	}
}
