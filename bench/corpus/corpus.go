// Package corpus writes deterministic benchmark sites: N plain Markdown
// pages of Norwegian-like text in sections of 100, either in Bærekrafthjelperen's
// content format or as an equivalent Hugo site (same Markdown files, a
// minimal theme with baseof/single/list layouts, a nav partial listing the
// sections, a link render hook that resolves links to .md files, and a
// stylesheet). The same seed and size always give the same bytes.
//
// Page i (1-based) lives at content/sNNN/pIIII.md with NNN = (i-1)/100+1.
// Each page has TOML front matter (title, weight, description) and about
// 600 words with h2/h3 headings, a bullet list, an ordered list, a table, a
// fenced code block and three links to other pages written as
// [tekst](/s002/p0150.md).
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Formats are the values accepted for format.
const (
	Hjelperen = "hjelperen"
	Hugo      = "hugo"
	// Real is the hjelperen format with the settings the toolbox runs
	// with: the search index and the download zip on, and bokmål and
	// nynorsk, with a nynorsk version of every tenth page (p0010.nn.md,
	// the same text; enough to give the nynorsk index and pages work).
	Real = "hjelperen-real"
)

// PageSize is the number of pages in a section.
const PageSize = 100

// BaseURL is the base_url/baseURL of generated sites; serve previews under
// its path.
const BaseURL = "https://example.no/bench/"

// BasePath is the path part of BaseURL.
const BasePath = "/bench/"

// Sections returns the number of sections for n pages.
func Sections(n int) int { return (n + PageSize - 1) / PageSize }

// SectionOf returns the section folder name of page i ("s001").
func SectionOf(i int) string { return fmt.Sprintf("s%03d", (i-1)/PageSize+1) }

// PagePath returns the content path of page i ("s001/p0001.md").
func PagePath(i int) string { return fmt.Sprintf("%s/p%04d.md", SectionOf(i), i) }

// OutPath returns the output file of page i relative to the output folder,
// the same for both tools ("s001/p0001.html"; Hugo runs with uglyURLs).
func OutPath(i int) string { return strings.TrimSuffix(PagePath(i), ".md") + ".html" }

// Write writes the site of n pages for format into dir, which is created if
// needed. Existing files with the same names are overwritten.
func Write(dir string, n int, seed int64, format string) error {
	return Generate(n, seed, format, func(name string, data []byte) error {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, data, 0o644)
	})
}

// Generate calls emit with every file of the site (slash-separated path
// relative to the site folder, and contents), in a fixed order.
func Generate(n int, seed int64, format string, emit func(name string, data []byte) error) error {
	if n < 1 {
		return fmt.Errorf("corpus: n must be at least 1, got %d", n)
	}
	var files []file
	switch format {
	case Hjelperen:
		files = append(files, file{"hjelperen.toml", hjelperenConfig(n)})
	case Real:
		cfg := strings.Replace(hjelperenConfig(n), "language = \"nb\"\nsearch = false\n",
			"language = \"nb\"\nlanguages = [\"nb\", \"nn\"]\ndownload_zip = true\n", 1)
		files = append(files, file{"hjelperen.toml", cfg})
	case Hugo:
		files = append(files, hugoFiles(n)...)
	default:
		return fmt.Errorf("corpus: unknown format %q (want %q, %q or %q)", format, Hjelperen, Real, Hugo)
	}
	for _, f := range files {
		if err := emit(f.name, []byte(f.data)); err != nil {
			return err
		}
	}
	if err := emit("content/_index.md", Home(n, seed)); err != nil {
		return err
	}
	for s := 1; s <= Sections(n); s++ {
		if err := emit(fmt.Sprintf("content/s%03d/_index.md", s), Section(s, seed)); err != nil {
			return err
		}
	}
	for i := 1; i <= n; i++ {
		if err := emit("content/"+PagePath(i), Page(n, i, seed)); err != nil {
			return err
		}
		if format == Real && i%10 == 0 {
			if err := emit("content/"+strings.TrimSuffix(PagePath(i), ".md")+".nn.md", Page(n, i, seed)); err != nil {
				return err
			}
		}
	}
	return nil
}

type file struct{ name, data string }

func hjelperenConfig(n int) string {
	var b strings.Builder
	// Hugo builds no search index, so for equivalent work neither do we.
	fmt.Fprintf(&b, "title = \"Ytelsestest\"\ndescription = \"Et generert nettsted for ytelsesmålinger.\"\nbase_url = %q\nlanguage = \"nb\"\nsearch = false\n", BaseURL)
	for s := 1; s <= Sections(n); s++ {
		fmt.Fprintf(&b, "\n[[menu]]\ntitle = \"Del %d\"\npage = \"s%03d/_index.md\"\n", s, s)
	}
	return b.String()
}

// rng returns the random source for one item of the corpus, independent of
// the others, so that page i is the same whatever n is.
func rng(seed int64, kind, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(kind)<<32|uint64(i)))
}

// Home returns content/_index.md.
func Home(n int, seed int64) []byte {
	r := rng(seed, 0, 0)
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Ytelsestest\"\ndescription = \"Forsiden til et generert nettsted for ytelsesmålinger.\"\n+++\n\n")
	b.WriteString(paragraph(r, 4) + "\n\n")
	fmt.Fprintf(&b, "Se også [første side](/%s) og [siste side](/%s).\n", PagePath(1), PagePath(n))
	return []byte(b.String())
}

// Section returns content/sNNN/_index.md.
func Section(s int, seed int64) []byte {
	r := rng(seed, 1, s)
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"Del %d\"\nweight = %d\ndescription = %q\n+++\n\n", s, s, sentence(r, 8, 14))
	b.WriteString(paragraph(r, 3) + "\n")
	return []byte(b.String())
}

// Page returns content/sNNN/pIIII.md for page i of n.
func Page(n, i int, seed int64) []byte {
	r := rng(seed, 2, i)
	var b strings.Builder
	title := capitalize(words(r, 3, 6))
	fmt.Fprintf(&b, "+++\ntitle = %q\nweight = %d\ndescription = %q\n+++\n\n", fmt.Sprintf("%s %d", title, i), (i-1)%PageSize+1, sentence(r, 10, 18))

	link := func() string {
		j := i
		for n > 1 && j == i {
			j = r.IntN(n) + 1
		}
		return fmt.Sprintf("[%s](/%s)", words(r, 2, 4), PagePath(j))
	}

	b.WriteString(paragraph(r, 5) + "\n\n")
	fmt.Fprintf(&b, "## %s\n\n", capitalize(words(r, 2, 4)))
	b.WriteString(paragraph(r, 5) + "\n\n")
	fmt.Fprintf(&b, "### %s\n\n", capitalize(words(r, 2, 4)))
	for k := 0; k < 5; k++ {
		fmt.Fprintf(&b, "- %s\n", sentence(r, 5, 10))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s Les mer under %s. %s\n\n", paragraph(r, 2), link(), paragraph(r, 2))

	fmt.Fprintf(&b, "## %s\n\n", capitalize(words(r, 2, 4)))
	b.WriteString(paragraph(r, 5) + "\n\n")
	for k := 1; k <= 4; k++ {
		fmt.Fprintf(&b, "%d. %s\n", k, sentence(r, 6, 12))
	}
	b.WriteString("\n")
	b.WriteString("| Tiltak | Ansvar | Frist |\n|---|---|---:|\n")
	for k := 0; k < 4; k++ {
		fmt.Fprintf(&b, "| %s | %s | %d |\n", capitalize(words(r, 2, 3)), capitalize(words(r, 1, 2)), 2026+r.IntN(8))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s Se %s for et eksempel.\n\n", paragraph(r, 3), link())

	fmt.Fprintf(&b, "### %s\n\n", capitalize(words(r, 2, 4)))
	b.WriteString(paragraph(r, 2) + "\n\n")
	b.WriteString("```toml\n")
	for k := 0; k < 6; k++ {
		fmt.Fprintf(&b, "%s_%s = %d\n", vocab[r.IntN(len(plain))], vocab[r.IntN(len(plain))], r.IntN(1000))
	}
	b.WriteString("```\n\n")

	fmt.Fprintf(&b, "## %s\n\n", capitalize(words(r, 2, 4)))
	fmt.Fprintf(&b, "%s Sammenlign med %s. %s\n\n", paragraph(r, 4), link(), paragraph(r, 3))
	b.WriteString(paragraph(r, 4) + "\n")
	return []byte(b.String())
}

// Sentence returns a unique marker sentence for edit number k, used by the
// rebuild benchmark to find the edit in the output.
func Sentence(k int, nonce string) string {
	return fmt.Sprintf("Endringsmerke %s%d er lagt til.", nonce, k)
}

func paragraph(r *rand.Rand, sentences int) string {
	s := make([]string, sentences)
	for i := range s {
		s[i] = sentence(r, 8, 16)
	}
	return strings.Join(s, " ")
}

func sentence(r *rand.Rand, min, max int) string {
	s := capitalize(words(r, min, max))
	if r.IntN(5) == 0 {
		// a comma somewhere in the middle
		parts := strings.SplitN(s, " ", 3)
		if len(parts) == 3 {
			s = parts[0] + " " + parts[1] + ", " + parts[2]
		}
	}
	return s + "."
}

func words(r *rand.Rand, min, max int) string {
	n := min + r.IntN(max-min+1)
	w := make([]string, n)
	for i := range w {
		w[i] = vocab[r.IntN(len(vocab))]
	}
	return strings.Join(w, " ")
}

func capitalize(s string) string {
	for i, c := range s {
		if i == 0 {
			return strings.ToUpper(string(c)) + s[len(string(c)):]
		}
	}
	return s
}

// plain is the prefix of vocab without æ, ø, å (used in code identifiers).
var plain = vocab[:60]

var vocab = []string{
	"kommune", "plan", "areal", "klima", "miljo", "sosial", "okonomi", "vurdering", "tiltak", "mal",
	"innbyggere", "politikere", "planlegger", "utvikling", "samfunn", "natur", "energi", "vei", "skole", "bolig",
	"kystsone", "fjell", "reindrift", "fiske", "landbruk", "handel", "turisme", "kultur", "helse", "omsorg",
	"beredskap", "flom", "skred", "vann", "avlop", "transport", "buss", "sykkel", "gange", "parkering",
	"sentrum", "bygd", "grend", "havn", "kai", "bru", "tunnel", "skog", "myr", "elv",
	"og", "i", "for", "med", "som", "til", "av", "om", "en", "et",
	"kunnskapsgrunnlag", "samfunnsdel", "arealdel", "handlingsdel", "økonomiplan", "årsbudsjett", "reguleringsplan", "planprogram", "høring", "medvirkning",
	"bærekraft", "bærekraftig", "målkonflikt", "kjøreregel", "tverrfaglig", "helhetlig", "langsiktig", "lokal", "regional", "nasjonal",
	"vurderes", "styrkes", "bygges", "utredes", "prioriteres", "følges", "sikres", "endres", "vedtas", "brukes",
	"på", "fra", "ved", "etter", "under", "mellom", "uten", "hos", "når", "der",
	"viktig", "ny", "god", "stor", "liten", "felles", "grønn", "trygg", "åpen", "nær",
	"ungdom", "eldre", "barnehage", "idrettshall", "fjernvarme", "solkraft", "vindkraft", "kraftnett", "overvann", "klimagass",
	"utslipp", "tilpasning", "friluftsliv", "strandsone", "kulturminne", "samisk", "kvensk", "fiskeri", "havbruk", "næringsliv",
	"arbeidsplass", "bosetting", "pendling", "folketall", "tjeneste", "frivillighet", "lag", "forening", "styre", "råd",
	"statsforvalter", "fylkeskommune", "departement", "veileder", "rapport", "sjekkliste", "skjema", "svar", "spørsmål", "dokument",
	"det", "den", "de", "vi", "alle", "mange", "flere", "noen", "hver", "begge",
	"skal", "kan", "må", "bør", "vil", "har", "er", "blir", "gir", "tar",
}

// hugoFiles returns the configuration and the minimal theme of the Hugo
// site. The theme does what ours does per page: a nav listing the
// sections, breadcrumbs, a table of contents, the page list on section
// pages, a minified and fingerprinted stylesheet, minified HTML, and links
// to .md files resolved (and checked) by a render hook.
func hugoFiles(n int) []file {
	return []file{
		{"config.toml", `baseURL = "` + BaseURL + `"
title = "Ytelsestest"
languageCode = "nb"
defaultContentLanguage = "nb"
theme = "bench"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true

[minify]
minifyOutput = true

[markup.highlight]
codeFences = false

[markup.tableOfContents]
startLevel = 2
endLevel = 2
`},
		{"themes/bench/layouts/_default/baseof.html", `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Title }}{{ else }}{{ .Title }} – {{ .Site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ $css := resources.Get "css/site.css" | minify | fingerprint }}
<link rel="stylesheet" href="{{ $css.RelPermalink }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Hopp til innholdet</a>
<header class="site-header"><div class="wrap"><a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></div>
{{ partial "nav.html" . }}
</header>
<main id="main" tabindex="-1">
{{ if not .IsHome }}<nav class="crumbs wrap" aria-label="Brødsmulesti"><ol><li><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Home.Title }}</a></li>{{ if .IsPage }}{{ with .Parent }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}<li aria-current="page">{{ .Title }}</li></ol></nav>{{ end }}
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p>Et generert nettsted for ytelsesmålinger.</p></div></footer>
</body>
</html>
`},
		{"themes/bench/layouts/_default/single.html", `{{ define "main" }}
<header class="page-head wrap"><h1>{{ .Title }}</h1>{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}</header>
<div class="wrap with-toc">
<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">På denne siden</h2>{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
</div>
{{ end }}
`},
		{"themes/bench/layouts/_default/list.html", `{{ define "main" }}
<header class="page-head wrap"><h1>{{ .Title }}</h1>{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}</header>
<div class="wrap">
<div class="prose">{{ .Content }}</div>
<ul class="page-list">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
</div>
{{ end }}
`},
		{"themes/bench/layouts/partials/nav.html", `<nav class="main-nav" aria-label="Hovedmeny">
<ul class="wrap">{{ $cur := . }}{{ range .Site.Sections }}
<li><a href="{{ .RelPermalink }}"{{ if or (eq $cur .) ($cur.IsDescendant .) }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}
</ul>
</nav>
`},
		{"themes/bench/layouts/_default/_markup/render-link.html", `{{- $u := urls.Parse .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- with .Page.GetPage $u.Path -}}<a href="{{ .RelPermalink }}{{ with $u.Fragment }}#{{ . }}{{ end }}">{{ $.Text | safeHTML }}</a>
{{- else -}}{{- errorf "broken link %q in %s" $.Destination $.Page.File.Path -}}{{- end -}}
{{- else -}}<a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>{{- end -}}
`},
		{"themes/bench/assets/css/site.css", hugoCSS},
	}
}

// hugoCSS is a stylesheet of about the size and shape of a small theme's.
var hugoCSS = func() string {
	var b strings.Builder
	b.WriteString(`:root { --fg: #1b1b1b; --bg: #ffffff; --accent: #005b7f; --muted: #5a5a5a; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: var(--fg); background: var(--bg); }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; }
.site-header { background: var(--accent); color: #fff; }
.site-header a { color: #fff; }
.main-nav ul { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0.5rem 1rem; }
.main-nav a[aria-current] { font-weight: bold; text-decoration: underline; }
.crumbs ol { display: flex; gap: 0.5rem; list-style: none; padding: 0; }
.with-toc { display: grid; grid-template-columns: 16rem 1fr; gap: 2rem; }
.prose table { border-collapse: collapse; }
.prose th, .prose td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; }
.prose pre { background: #f4f4f4; padding: 1rem; overflow-x: auto; }
.page-list { list-style: none; padding: 0; }
.page-list li { margin: 0 0 1rem; }
.site-footer { margin-top: 3rem; padding: 2rem 0; background: #f0f0f0; }
`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, ".kind-page .prose h%d, .u-%d { margin-top: %.2frem; color: var(--fg); }\n", i%6+1, i, float64(i)/8)
	}
	b.WriteString("@media (max-width: 48rem) { .with-toc { display: block; } .main-nav ul { display: block; } }\n")
	return b.String()
}()
