package sitetest

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

var (
	figSVG   = regexp.MustCompile(`(?s)<svg class="fig ([a-z-]+)"[^>]*>.*?</svg>`)
	svgTexts = regexp.MustCompile(`<text [^>]*>([^<]*)</text>`)
)

// TestFigures: the report's figures 1, 8 and 9–10 are SVG built of real
// text from the content, with a title and a description as their text
// alternative, and no style attributes (the CSP forbids them; colours
// come from classes, so dark mode and print work).
func TestFigures(t *testing.T) {
	out := build(t, repoRoot)
	root := os.DirFS(repoRoot)
	site, err := content.NewLoader().Load(root, themes.Open(root, "default"))
	if err != nil {
		t.Fatal(err)
	}
	titles := func(kind model.Kind, lang string) []string {
		var out []string
		for _, p := range site.List(kind) {
			out = append(out, p.Variant(lang).Title)
		}
		return out
	}
	for _, c := range []struct {
		page, id, lang string
		want           []string // every word of these is in the figure's text
	}{
		{"tema/index.html", "fig-tema", "nb", append(titles(model.KindDimension, "nb"), titles(model.KindTheme, "nb")...)},
		{"dimensjoner/index.html", "fig-tema", "nb", titles(model.KindTheme, "nb")},
		{"nn/tema/index.html", "fig-tema", "nn", append(titles(model.KindDimension, "nn"), titles(model.KindTheme, "nn")...)},
		{"anbefalinger/index.html", "fig-anbefalinger", "nb", titles(model.KindRecommendation, "nb")},
		{"nn/anbefalinger/index.html", "fig-anbefalinger", "nn", titles(model.KindRecommendation, "nn")},
		{"anbefalinger/politikk-og-administrasjon.html", "fig-samspill", "nb", []string{"Timeglassmodellen", "Den samskapende modellen", "Politikerne", "Administrasjonen", "Verksteder"}},
		{"nn/anbefalinger/politikk-og-administrasjon.html", "fig-samspill", "nn", []string{"Timeglasmodellen", "Den samskapande modellen", "Politikarane", "Verkstader"}},
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(c.page)))
		if err != nil {
			t.Fatal(err)
		}
		m := figSVG.FindStringSubmatch(string(b))
		if m == nil || m[1] != c.id {
			t.Errorf("%s: no figure %s", c.page, c.id)
			continue
		}
		svg := m[0]
		for _, attr := range []string{`role="img"`, `aria-labelledby="` + c.id + `-title ` + c.id + `-desc"`} {
			if !strings.Contains(svg, attr) {
				t.Errorf("%s: the figure lacks %s", c.page, attr)
			}
		}
		for _, el := range []string{"title", "desc"} {
			if !regexp.MustCompile(`<` + el + ` id="` + c.id + `-` + el + `">[^<]{10,}</` + el + `>`).MatchString(svg) {
				t.Errorf("%s: the figure has no <%s> text alternative", c.page, el)
			}
		}
		if strings.Contains(svg, " style=") || strings.Contains(svg, "<style") || strings.Contains(svg, "<image") {
			t.Errorf("%s: the figure has a style attribute, a style element or an image", c.page)
		}
		var text []string
		for _, tm := range svgTexts.FindAllStringSubmatch(svg, -1) {
			text = append(text, html.UnescapeString(tm[1]))
		}
		words := " " + strings.Join(strings.Fields(strings.Join(text, " ")), " ") + " "
		for _, w := range c.want {
			for _, word := range strings.Fields(w) {
				if !strings.Contains(words, " "+word+" ") {
					t.Errorf("%s: the figure's text lacks «%s» (from «%s»)", c.page, word, w)
				}
			}
		}
	}
}
