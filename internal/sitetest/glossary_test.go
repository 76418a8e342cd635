package sitetest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// abbrTag matches an <abbr> with its title and text.
var abbrTag = regexp.MustCompile(`<abbr title="([^"]+)">([^<]+)</abbr>`)

// TestGlossary: the glossary explains the abbreviations issue 15 named, in
// both languages, and pages mark their first use with <abbr title>.
func TestGlossary(t *testing.T) {
	out := build(t, repoRoot)
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, page := range []string{"ordliste.html", "nn/ordliste.html"} {
		g := read(page)
		for _, abbr := range []string{"LNFR", "KU", "pbl", "FAU", "NINA", "NVE", "ROS", "KS"} {
			if !regexp.MustCompile(`<h3 id="[^"]*">` + regexp.QuoteMeta(abbr) + `</h3>\s*<p><strong>`).MatchString(g) {
				t.Errorf("%s does not explain %s", page, abbr)
			}
		}
	}
	for _, c := range []struct{ page, abbr, title string }{
		{"dilemmatrening/hyttefelt-pa-myr.html", "LNFR", "Landbruks-, natur- og friluftsformål og reindrift"},
		{"dilemmatrening/hyttefelt-pa-myr.html", "NINA", "Norsk institutt for naturforskning"},
		{"dilemmatrening/grendeskole-eller-eldreomsorg.html", "FAU", "Foreldrerådets arbeidsutvalg"},
		{"arbeidsskjema/arealplanlegging.html", "pbl", "Plan- og bygningsloven"},
		{"nn/arbeidsskjema/arealplanlegging.html", "pbl", "Plan- og bygningslova"},
	} {
		html := read(c.page)
		n := 0
		for _, m := range abbrTag.FindAllStringSubmatch(html, -1) {
			if m[2] == c.abbr {
				n++
				if m[1] != c.title {
					t.Errorf("%s: <abbr> %s has title %q, want %q", c.page, c.abbr, m[1], c.title)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d <abbr> for %s, want 1 (the first use)", c.page, n, c.abbr)
		}
	}
	// No <abbr> inside a link or a heading, where it would change the
	// accessible name.
	for _, page := range []string{"ordliste.html", "dilemmatrening/hyttefelt-pa-myr.html", "arbeidsskjema/arealplanlegging.html"} {
		if regexp.MustCompile(`<(a|h[1-6])\b[^>]*>[^<]*<abbr`).MatchString(read(page)) {
			t.Errorf("%s: an <abbr> inside a link or heading", page)
		}
	}
	if !strings.Contains(read("index.html"), `ordliste.html`) {
		t.Error("the front page does not link to the glossary (footer)")
	}
}
