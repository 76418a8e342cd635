package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const sample = "testdata/sites/sample"

// treeHash returns one hash per file under dir, keyed by slash path.
func treeHash(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	testsite.Write(t, dir, name, text)
}

func TestBuildSample(t *testing.T) {
	site := testsite.Copy(t, sample)
	dest := filepath.Join(t.TempDir(), "public")
	rep, err := Build(t.Context(), Options{Source: site, Dest: dest})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if rep.Pages < 15 {
		t.Errorf("Pages = %d, want at least 15", rep.Pages)
	}
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "tema/klimatilpasning.html",
		"nn/tema/klimatilpasning.html", "arbeidsskjema/saksbehandling.html", "bilder/kart.svg"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing output %s", f)
		}
	}
}

// TestErrors feeds each kind of content mistake to a build over a good
// previous output and checks the message and that the output is untouched.
func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string // file to write, relative to the site
		text  string
		wants []string // substrings of the error, each with its position
	}{
		{
			name:  "toml syntax",
			file:  "content/om.md",
			text:  "+++\ntitle = \"Om\"\ndescription = \"x\nweight = 1\n+++\n\nTekst.\n",
			wants: []string{"content/om.md:3:"},
		},
		{
			name:  "unknown field typo",
			file:  "content/om.md",
			text:  "+++\ntitel = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\nTekst.\n",
			wants: []string{`content/om.md:2:1: ukjent felt «titel» (mente du «title»?)`},
		},
		{
			name:  "missing required field",
			file:  "content/virkemidler/ny.md",
			text:  "+++\ntitle = \"Ny\"\ndescription = \"Ny ordning.\"\napplicants = \"Kommuner\"\nsupports = \"Noe\"\nurl = \"https://example.no/\"\ndimensions = [\"klima-og-miljo\"]\nthemes = [\"klimatilpasning\"]\n+++\n",
			wants: []string{`content/virkemidler/ny.md:1:1: mangler feltet «owner»`},
		},
		{
			name: "duplicate question id",
			file: "content/tema/ny.md",
			text: "+++\ntitle = \"Ny\"\ndescription = \"Nytt tema.\"\ndimension = \"klima-og-miljo\"\nsdgs = [13]\nlevels = [\"saksbehandling\"]\n\n" +
				"[[rules]]\nid = \"ny-r1\"\ntext = \"Regel.\"\n\n[[questions]]\nid = \"natur-saks-1\"\nlevel = \"saksbehandling\"\ntext = \"Spørsmål?\"\n+++\n\nTekst.\n",
			wants: []string{`content/tema/ny.md:12:1: spørsmålet: ID-en «natur-saks-1» er brukt før, i content/tema/natur-og-arealbruk.md`},
		},
		{
			name: "dangling dimension",
			file: "content/tema/ny.md",
			text: "+++\ntitle = \"Ny\"\ndescription = \"Nytt tema.\"\ndimension = \"finnes-ikke\"\nsdgs = [13]\nlevels = [\"saksbehandling\"]\n\n" +
				"[[rules]]\nid = \"ny-r1\"\ntext = \"Regel.\"\n\n[[questions]]\nid = \"ny-saks-1\"\nlevel = \"saksbehandling\"\ntext = \"Spørsmål?\"\n+++\n\nTekst.\n",
			wants: []string{`content/tema/ny.md:4:1: dimension: finner ikke «finnes-ikke» i content/dimensjoner/`},
		},
		{
			name:  "funding to unknown theme",
			file:  "content/virkemidler/ny.md",
			text:  "+++\ntitle = \"Ny\"\ndescription = \"Ny ordning.\"\nowner = \"Eier\"\napplicants = \"Kommuner\"\nsupports = \"Noe\"\nurl = \"https://example.no/\"\ndimensions = [\"klima-og-miljo\"]\nthemes = [\"finnes-ikke\"]\n+++\n",
			wants: []string{`content/virkemidler/ny.md:9:1: themes: finner ikke «finnes-ikke» i content/tema/`},
		},
		{
			name:  "step to unknown worksheet",
			file:  "content/rod-trad/01-kunnskap.md",
			text:  "+++\ntitle = \"Kunnskap\"\ndescription = \"x\"\nstep = 1\ntiming = \"Før valget\"\nlegal_basis = \"pbl\"\nworksheets = [\"kunnskapsgrunnlag\"]\n+++\n\nTekst.\n",
			wants: []string{`content/rod-trad/01-kunnskap.md:7:1: worksheets: finner ikke «kunnskapsgrunnlag» i content/arbeidsskjema/`},
		},
		{
			name:  "broken internal link",
			file:  "content/om.md",
			text:  "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\nLes om [bolig](tema/finnes-ikke.md) her.\n",
			wants: []string{`content/om.md:6:8: lenken «tema/finnes-ikke.md» virker ikke`},
		},
		{
			name:  "insecure external link",
			file:  "content/om.md",
			text:  "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\nSe [NVE](http://nve.no/).\n",
			wants: []string{`content/om.md:6:4: lenken «http://nve.no/» bruker http://`},
		},
		{
			name:  "raw html",
			file:  "content/om.md",
			text:  "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\nTekst <b>fet</b>.\n",
			wants: []string{`content/om.md:6:7: HTML-kode kan ikke brukes i teksten`},
		},
		{
			name:  "invalid utf-8",
			file:  "content/om.md",
			text:  "+++\ntitle = \"Om\"\ndescription = \"Bl\xe5b\xe6r\"\n+++\n",
			wants: []string{`content/om.md:3:18: filen har et tegn som ikke er UTF-8`},
		},
		{
			name:  "unclosed front matter",
			file:  "content/om.md",
			text:  "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n\nTekst.\n",
			wants: []string{`content/om.md:1:1: feltene øverst er ikke avsluttet`},
		},
		{
			name:  "template error in overriding theme file",
			file:  "themes/default/layouts/page.html",
			text:  "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n{{.Page.Nope}}\n{{end}}\n",
			wants: []string{`themes/default/layouts/page.html:3:8: template: executing`, `(while rendering content/om.md)`},
		},
		{
			name:  "template syntax error in overriding theme file",
			file:  "themes/default/layouts/page.html",
			text:  "{{define \"main\"}}\n{{if}}\n{{end}}\n",
			wants: []string{`themes/default/layouts/page.html:2: template: `, `missing value for if`},
		},
		{
			name:  "bad config",
			file:  "hjelperen.toml",
			text:  "title = \"X\"\nbase_url = \"https://example.no/\"\nlanguage = \"nb\"\n\n[[menu]]\ntitle = \"Tema\"\npage = \"finnes/ikke.md\"\n",
			wants: []string{`hjelperen.toml:5:1: menu: siden «finnes/ikke.md» finnes ikke`},
		},
		{
			name:  "scale translation with unknown code",
			file:  "content/data/skalaer.nn.toml",
			text:  "[[scale]]\nid = \"virkning\"\n\n[[scale.option]]\ncode = \"positiv\"\nlabel = \"Positiv verknad\"\n\n[[scale.option]]\ncode = \"kanskje\"\nlabel = \"Kanskje\"\n",
			wants: []string{`content/data/skalaer.nn.toml:8:1: skalaen «virkning»: koden «kanskje» finnes ikke`},
		},
		{
			name:  "bad worksheet goals",
			file:  "content/arbeidsskjema/saksbehandling.md",
			text:  "+++\ntitle = \"Saksbehandling\"\ndescription = \"S.\"\nscale = \"virkning\"\nlegal_basis = \"pbl\"\npurpose = \"P.\"\ngoals = \"ja\"\n+++\n\nTekst.\n",
			wants: []string{`content/arbeidsskjema/saksbehandling.md:7:1: goals: «ja» er ikke gyldig; bruk "define"`},
		},
		{
			name:  "bad scale meaning",
			file:  "content/data/skalaer.toml",
			text:  "[[scale]]\nid = \"virkning\"\ntitle = \"V\"\n\n[[scale.option]]\ncode = \"ja\"\nlabel = \"Ja\"\nmeaning = \"good\"\n\n[[scale.option]]\ncode = \"nei\"\nlabel = \"Nei\"\nmeaning = \"negative\"\n",
			wants: []string{`content/data/skalaer.toml:5:1: skalaen «virkning», svaralternativet «ja»: meaning «good» kan ikke brukes`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := testsite.Copy(t, sample)
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
				t.Fatalf("first build: %v", err)
			}
			before := treeHash(t, dest)
			write(t, site, tt.file, tt.text)
			_, err := Build(t.Context(), Options{Source: site, Dest: dest})
			if err == nil {
				t.Fatal("Build succeeded, want an error")
			}
			for _, want := range tt.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain %q:\n%v", want, err)
				}
			}
			if !sameTree(before, treeHash(t, dest)) {
				t.Error("a failed build changed the output folder")
			}
			assertNoStaging(t, filepath.Dir(dest))
		})
	}
}

// TestAllProblemsReported checks that one build reports several problems
// in different files at once.
func TestAllProblemsReported(t *testing.T) {
	site := testsite.Copy(t, sample)
	write(t, site, "content/om.md", "+++\ntitel = \"Om\"\ndescription = \"x\"\n+++\n\nTekst.\n")
	write(t, site, "content/tema/_index.md", "+++\ntitle = \"Tema\"\ndescription = \"x\"\n+++\n\n[x](nei.md)\n")
	_, err := Build(t.Context(), Options{Source: site, CheckOnly: true})
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{"content/om.md:2:1:", "content/tema/_index.md:6:1:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func assertNoStaging(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.Contains(e.Name(), ".old-") {
			t.Errorf("leftover staging folder %s", e.Name())
		}
	}
}

func TestDeterministic(t *testing.T) {
	site := testsite.Copy(t, sample)
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	for _, d := range []string{a, b} {
		if _, err := Build(t.Context(), Options{Source: site, Dest: d}); err != nil {
			t.Fatal(err)
		}
	}
	ha, hb := treeHash(t, a), treeHash(t, b)
	if !sameTree(ha, hb) {
		t.Errorf("two builds of the same input differ:\n%v\n%v", ha, hb)
	}
}

func TestDeletedPageDisappears(t *testing.T) {
	site := testsite.Copy(t, sample)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content/metoder/barnetrakk.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "metoder/barnetrakk.html")); !os.IsNotExist(err) {
		t.Errorf("stale page left in output: %v", err)
	}
}

func TestRefusesDestThatHoldsSource(t *testing.T) {
	site := testsite.Copy(t, sample)
	for _, dest := range []string{site, filepath.Dir(site)} {
		_, err := Build(t.Context(), Options{Source: site, Dest: dest})
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("Build into %s: err = %v, want refusal", dest, err)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content/om.md")); err != nil {
		t.Fatalf("content was touched: %v", err)
	}
}

var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)`)

// TestGolden compares rendered pages with testdata/golden. Run
// "go test ./generator -update" after an intended change.
func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: sample, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	pages := []string{"om.html", "tema/klimatilpasning.html", "nn/tema/klimatilpasning.html", "tema/natur-og-arealbruk.html",
		"virkemidler/index.html", "rod-trad/index.html", "sitemap.xml", "404.html"}
	sort.Strings(pages)
	for _, p := range pages {
		got, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		// Asset fingerprints change with every stylesheet edit; the
		// fingerprinting itself is tested separately.
		got = fingerprint.ReplaceAll(got, []byte(".HASH.$1"))
		golden := filepath.Join("testdata/golden", filepath.FromSlash(p))
		if *update {
			write(t, ".", golden, string(got))
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./generator -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test ./generator -update if the change is intended)", p, golden)
		}
	}
}

func TestAssetsFingerprinted(t *testing.T) {
	site := testsite.Copy(t, sample)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(dest, "om.html"))
	m := regexp.MustCompile(`href="(css/site\.[0-9a-f]{10}\.css)"`).FindSubmatch(html)
	if m == nil {
		t.Fatalf("no fingerprinted stylesheet link in om.html")
	}
	if _, err := os.Stat(filepath.Join(dest, string(m[1]))); err != nil {
		t.Fatalf("linked stylesheet missing: %v", err)
	}
	// Overriding the stylesheet changes its name.
	write(t, site, "themes/default/static/css/site.css", "body{color:red}")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	html2, _ := os.ReadFile(filepath.Join(dest, "om.html"))
	if bytes.Contains(html2, m[1]) {
		t.Error("stylesheet name did not change with its content")
	}
}

func TestSearchCanBeTurnedOff(t *testing.T) {
	site := testsite.Copy(t, sample)
	cfg, _ := os.ReadFile(filepath.Join(site, "hjelperen.toml"))
	write(t, site, "hjelperen.toml", strings.Replace(string(cfg), "language = \"nb\"", "language = \"nb\"\nsearch = false", 1))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "sok.html")); !os.IsNotExist(err) {
		t.Error("sok.html written with search = false")
	}
	if html, _ := os.ReadFile(filepath.Join(dest, "om.html")); bytes.Contains(html, []byte(`role="search"`)) {
		t.Error("search form shown with search = false")
	}
	if html, _ := os.ReadFile(filepath.Join(dest, "index.html")); bytes.Contains(html, []byte("sok.html")) {
		t.Error("a link to the search page remains")
	}
}

func TestScaleTranslation(t *testing.T) {
	site := testsite.Copy(t, sample)
	write(t, site, "content/data/skalaer.nn.toml", "[[scale]]\nid = \"virkning\"\ntitle = \"Verknad\"\n\n[[scale.option]]\ncode = \"positiv\"\nlabel = \"Positiv verknad\"\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	nn, _ := os.ReadFile(filepath.Join(dest, "nn/arbeidsskjema/saksbehandling.html"))
	nb, _ := os.ReadFile(filepath.Join(dest, "arbeidsskjema/saksbehandling.html"))
	if !bytes.Contains(nn, []byte(">Positiv verknad")) || !bytes.Contains(nn, []byte(">Negativ virkning")) {
		t.Error("nynorsk worksheet does not use the translated label (with bokmål for the rest)")
	}
	if bytes.Contains(nb, []byte("verknad")) {
		t.Error("the bokmål worksheet shows the nynorsk label")
	}
}
