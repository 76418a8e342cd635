package render_test

import (
	"maps"
	"testing"
	"testing/fstest"

	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
)

// The unit tests render a small site with a small theme, both in memory.
// The site has a page of most kinds, a nynorsk variant of some, two plain
// pages in one folder (for Data.Cached) and a worksheet whose question text
// tries to break out of the script element it is embedded in.

var siteFiles = map[string]string{
	"hjelperen.toml": `title = "Minihjelper"
base_url = "https://example.no/hjelper/"
language = "nb"
languages = ["nb", "nn"]

[[menu]]
title = "Tema"
page = "tema/_index.md"

[[menu]]
title = "Om oss"
page = "om.md"

[[footer.links]]
title = "Om verktøyet"
page = "om.md"
`,
	"content/_index.md":       "+++\ntitle = \"Forside\"\ndescription = \"Start her.\"\n+++\n\nLes [om oss](om.md).\n",
	"content/_index.nn.md":    "+++\ntitle = \"Framside\"\ndescription = \"Start her.\"\n+++\n\nLes [om oss](om.md).\n",
	"content/om.md":           "+++\ntitle = \"Om oss\"\ndescription = \"Hvem vi er.\"\n+++\n\n## Én\n\nTekst.\n\n## To\n\n## Tre\n",
	"content/veiledning/a.md": "+++\ntitle = \"Side A\"\ndescription = \"Den første.\"\nweight = 1\n+++\n\nA.\n",
	"content/veiledning/b.md": "+++\ntitle = \"Side B\"\ndescription = \"Den andre.\"\nweight = 2\n+++\n\nB.\n",
	"content/tema/_index.md":  "+++\ntitle = \"Tema\"\ndescription = \"Alle tema.\"\n+++\n\nTemaene.\n",
	"content/tema/bolig.md": `+++
title = "Bolig"
description = "Boliger for alle."
dimension = "sosial"
sdgs = [11]
levels = ["saksbehandling"]

[[rules]]
id = "bolig-r1"
text = "Det finnes boliger for alle."

[[questions]]
id = "bolig-saks-1"
level = "saksbehandling"
rules = ["bolig-r1"]
text = "Er </script><script>alert(1)</script> trygt? <!-- & \u2028 'x' \"y\""
help = "</SCRIPT > og <![CDATA[ ]]>"
+++

Boliger.
`,
	"content/tema/bolig.nn.md": `+++
title = "Bustad"
description = "Bustader for alle."

[[rules]]
id = "bolig-r1"
text = "Det finst bustader for alle."

[[questions]]
id = "bolig-saks-1"
text = "Korleis påverkar saka bustadene?"
+++

Bustader.
`,
	"content/arbeidsskjema/saksbehandling.nn.md": "+++\ntitle = \"Sakshandsaming\"\ndescription = \"Vurder ei sak.\"\n+++\n\nBruk skjemaet.\n",
	// Steps sort by number, not by file name; only step 5 is in nynorsk.
	"content/rod-trad/10-vedtak.md":    "+++\ntitle = \"Vedtak\"\ndescription = \"Vedta.\"\nstep = 10\ntiming = \"Til slutt.\"\nlegal_basis = \"pbl\"\nworksheets = [\"saksbehandling\"]\n+++\n\nVedta.\n",
	"content/rod-trad/2-start.md":      "+++\ntitle = \"Start\"\ndescription = \"Start.\"\nstep = 2\ntiming = \"Først.\"\nlegal_basis = \"pbl\"\n+++\n\nStart.\n",
	"content/rod-trad/5-midt.md":       "+++\ntitle = \"Midt\"\ndescription = \"Midt.\"\nstep = 5\ntiming = \"Så.\"\nlegal_basis = \"pbl\"\nworksheets = [\"saksbehandling\"]\n+++\n\nMidt.\n",
	"content/rod-trad/5-midt.nn.md":    "+++\ntitle = \"Midtvegs\"\ndescription = \"Midt.\"\n+++\n\nMidtvegs.\n",
	"content/virkemidler/husbanken.md": "+++\ntitle = \"Husbanken\"\ndescription = \"Lån.\"\nowner = \"Husbanken\"\napplicants = \"Kommuner\"\nsupports = \"Boliger\"\nurl = \"https://www.husbanken.no/\"\ndimensions = [\"sosial\"]\nthemes = [\"bolig\"]\n+++\n",
	"content/metoder/generell.md":      "+++\ntitle = \"Generell\"\ndescription = \"For alle tema.\"\nurl = \"https://example.no/\"\nprovider = \"KS\"\n+++\n",
	"content/metoder/barnetrakk.md":    "+++\ntitle = \"Barnetråkk\"\ndescription = \"Barn kartlegger.\"\nurl = \"https://www.barnetrakk.no/\"\nprovider = \"Barnetråkk\"\nthemes = [\"bolig\"]\n+++\n",
	"content/dimensjoner/sosial.md":    "+++\ntitle = \"Sosial\"\ndescription = \"Gode liv.\"\n+++\n\nSosialt.\n",
	"content/arbeidsskjema/saksbehandling.md": `+++
title = "Saksbehandling"
description = "Vurder en sak."
scale = "virkning"
legal_basis = "Plan- og bygningsloven"
purpose = "Et helhetlig grunnlag."
+++

Bruk skjemaet.
`,
	"content/data/skalaer.toml": `[[scale]]
id = "virkning"
title = "Virkning"

[[scale.option]]
code = "positiv"
label = "Positiv"
meaning = "positive"

[[scale.option]]
code = "negativ"
label = "Negativ"
meaning = "negative"
`,
	"content/data/skalaer.nn.toml": `[[scale]]
id = "virkning"
title = "Verknad"

[[scale.option]]
code = "positiv"
label = "Positiv verknad"
`,
}

// themeFiles is the small theme. Every kind's layout shows the helpers a
// page uses for links, so the golden files show them at every depth and in
// both languages.
var themeFiles = map[string]string{
	"i18n/nb.toml": "hello = \"Hei\"\nonly_nb = \"Bare på bokmål\"\ngreeting = \"Hei, %s!\"\nlanguage_name = \"Bokmål\"\nws_save = \"Lagre\"\nnot_found_title = \"Fant ikke siden\"\nsearch_title = \"Søk\"\n",
	"i18n/nn.toml": "hello = \"Hei på deg\"\ngreeting = \"Hei, %s!\"\nlanguage_name = \"Nynorsk\"\nws_save = \"Lagra\"\nsearch_title = \"Søk i sidene\"\n",
	"layouts/baseof.html": `<!DOCTYPE html>
<html lang="{{.Lang}}">
<title>{{.Page.Title}} – {{.Site.Config.Title}}</title>
{{with .Canonical}}<link rel="canonical" href="{{.}}">{{end}}
<link rel="stylesheet" href="{{.Asset "css/site.css"}}">
{{.Cached "layouts/partials/menu.html"}}
{{template "layouts/partials/crumbs.html" .}}
<main class="kind-{{.Page.Kind}}">
{{block "main" .}}{{end}}
</main>
<footer>{{range .FooterLinks}}<a href="{{.URL}}">{{.Title}}</a>{{end}} {{.T "only_nb"}}</footer>
`,
	"layouts/partials/menu.html":   `<nav>{{range .Menu}}<a href="{{.URL}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a> {{end}}</nav>`,
	"layouts/partials/crumbs.html": `<ol>{{range .Crumbs}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ol>`,
	"layouts/partials/links.html": `<pre>
root={{.Root}}
self={{.Link .Page}}
om={{.URL "om.md"}}
bolig={{.URL "tema/bolig.md"}}
static={{.Static "bilder/kart.svg"}}
search={{.SearchURL}}
{{range .Alternates}}alternate {{.Lang}} {{.Title}}={{.URL}}{{if .Current}} (current){{end}}
{{end}}{{range .AbsAlternates}}hreflang {{.Lang}}={{.URL}}
{{end}}hello={{.T "hello"}}
greeting={{.Tf "greeting" .Page.Title}}
</pre>
`,
	"layouts/home.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>{{html .Page.HTML}}{{template "layouts/partials/links.html" .}}
{{range .Dimensions}}<h2>{{.Title}}</h2>{{range $.ThemesOf .ID}}<a href="{{$.Link .}}">{{.Title}}</a>{{end}}{{end}}
<p class="lists">{{range .Themes}}{{.Title}} {{end}}| {{range .Worksheets}}{{.Title}} {{end}}| {{range .Funding}}{{.Title}} {{end}}| {{range .Methods}}{{.Title}} {{end}}| {{range .Recommendations}}{{.Title}} {{end}}| {{range .Dilemmas}}{{.Title}} {{end}}</p>
{{with .Lookup "theme" "bolig"}}<p class="lookup">{{.Title}}</p>{{end}}{{with .Lookup "theme" "nei"}}{{.Title}}{{else}}<p>nei: ingen</p>{{end}}{{end}}`,
	"layouts/section.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>{{range .SectionPages}}<a href="{{$.Link .}}">{{.Title}}</a>{{end}}{{end}}`,
	"layouts/page.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>
{{range .TOC}}<a href="#{{.ID}}">{{.Text}}</a>{{end}}
{{html .Page.HTML}}{{template "layouts/partials/links.html" .}}{{end}}`,
	"layouts/dimension.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>{{range .ThemesOf .Page.ID}}<a href="{{$.Link .}}">{{.Title}}</a>{{end}}{{end}}`,
	"layouts/theme.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>
{{range .Page.Theme.Rules}}<p>{{.Text}}</p>{{end}}
<ul class="refs">{{range .Items (.FundingFor .Page.ID)}}<li><a href="{{.URL}}">{{.Title}}</a> {{.Text}}</li>{{end}}
{{range .MethodsFor .Page.ID}}<li><a href="{{$.Link .}}">{{.Title}}</a></li>{{end}}</ul>
{{template "layouts/partials/links.html" .}}{{end}}`,
	"layouts/worksheet.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>
<script type="application/json" id="ws-data">{{.WorksheetJSON}}</script>
{{$scale := .Scale .Page.Worksheet.Scale}}<p>{{$scale.Title}}</p>
<p class="used-by">{{range .StepsUsing .Page.ID}}<a href="{{$.Link .}}">{{.Title}}</a> {{end}}</p>{{end}}`,
	"layouts/step.html": `{{define "main"}}<h1>{{.Page.Title}}</h1><pre>
prev={{with .Prev}}{{$.Link .}} {{.Title}}{{end}}
next={{with .Next}}{{$.Link .}} {{.Title}}{{end}}
steps={{range .Steps}}{{.Step.Step}} {{.Title}}, {{end}}
</pre>{{end}}`,
	"layouts/recommendation.html": `{{define "main"}}{{.Page.Title}}{{end}}`,
	"layouts/funding.html":        `{{define "main"}}{{.Page.Title}}{{end}}`,
	"layouts/dilemma.html":        `{{define "main"}}{{.Page.Title}}{{end}}`,
	"layouts/method.html":         `{{define "main"}}{{.Page.Title}}{{end}}`,
	"layouts/404.html":            `{{define "main"}}<h1>{{.Page.Title}}</h1><a href="{{.Root}}">{{.T "hello"}}</a> <a href="{{.URL "om.md"}}">om</a>{{end}}`,
	"layouts/search.html":         `{{define "main"}}<h1>{{.Page.Title}}</h1>{{if .IsSearchPage}}<script src="{{.SearchIndex}}"></script>{{end}}<p>{{range .Alternates}}{{.Lang}}={{.URL}} {{end}}</p>{{end}}`,
}

// theme is a theme in memory. Origin labels its files as a site's own
// theme folder would.
type theme struct{ fstest.MapFS }

func (theme) Origin(name string) string { return "themes/mini/" + name }

// mapFS turns file texts into a MapFS, with later maps overriding earlier
// ones and an empty text removing a file.
func mapFS(layers ...map[string]string) fstest.MapFS {
	files := map[string]string{}
	for _, l := range layers {
		maps.Copy(files, l)
	}
	m := fstest.MapFS{}
	for name, text := range files {
		if text != "" {
			m[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		}
	}
	return m
}

var assets = map[string]string{"css/site.css": "css/site.0123456789.css"}

// loadSite loads the test site, with files changed or removed by edits.
func loadSite(t *testing.T, edits map[string]string) *model.Site {
	t.Helper()
	site, err := content.NewLoader().Load(mapFS(siteFiles, edits), mapFS(themeFiles))
	if err != nil {
		t.Fatalf("the test site does not load: %v", err)
	}
	return site
}

// newRenderer returns a renderer for the test site with the test theme,
// with theme files changed or removed by edits.
func newRenderer(t *testing.T, edits map[string]string) (*render.Renderer, *model.Site) {
	t.Helper()
	site := loadSite(t, nil)
	r, err := render.New(site, theme{mapFS(themeFiles, edits)}, render.Options{Assets: assets})
	if err != nil {
		t.Fatalf("render.New: %v", err)
	}
	return r, site
}

// page returns the test site's page with a content path in a language.
func page(t *testing.T, site *model.Site, path, lang string) *model.Page {
	t.Helper()
	p := site.ByPath[path]
	if p == nil {
		t.Fatalf("no page %s", path)
	}
	v, ok := p.Variants[lang]
	if !ok {
		t.Fatalf("no %s variant of %s", lang, path)
	}
	return v
}

func renderPage(t *testing.T, r *render.Renderer, p *model.Page) string {
	t.Helper()
	out, err := r.Page(p)
	if err != nil {
		t.Fatalf("rendering %s: %v", p.File, err)
	}
	return string(out)
}
