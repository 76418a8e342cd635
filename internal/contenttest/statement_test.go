package contenttest

import (
	"strings"
	"testing"
)

// TestAccessibilityStatement: the statement has the parts Uutilsynet asks
// for (standard, status, deviations, how it was tested, date, feedback,
// complaint) in both languages, and what it says about languages is true
// of the site it is built with.
func TestAccessibilityStatement(t *testing.T) {
	site := load(t)
	st := site.ByPath["tilgjengelighet.md"]
	if st == nil {
		t.Fatal("tilgjengelighet.md is missing")
	}
	if st.Updated == "" {
		t.Error("the statement has no date (updated)")
	}
	parts := map[string][]string{
		"nb": {"Krav", "Status", "Dette er ikke i orden ennå", "Språk", "Slik har vi testet", "Meld fra om problemer", "Klage"},
		"nn": {"Krav", "Status", "Dette er ikkje i orden enno", "Språk", "Slik har vi testa", "Meld frå om problem", "Klage"},
	}
	for lang, want := range parts {
		v := st.Variants[lang]
		if v == nil {
			t.Errorf("the statement has no %s version", lang)
			continue
		}
		var got []string
		for _, h := range v.Headings {
			got = append(got, h.Text)
		}
		for _, w := range want {
			if !strings.Contains(strings.Join(got, "\n"), w) {
				t.Errorf("%s: no heading «%s» (headings: %q)", v.File, w, got)
			}
		}
		for _, w := range []string{"WCAG 2.1", "forskrift om universell utforming", "axe", "vnu", "Lighthouse", "tastatur", "uutilsynet.no", "@statsforvalteren.no"} {
			if !strings.Contains(v.HTML, w) {
				t.Errorf("%s does not mention %s", v.File, w)
			}
		}
	}

	// «All pages exist in bokmål and nynorsk» must be true, and stay so.
	claim := strings.Contains(st.BodyText, "Alle sidene, menyene og knappene finnes på bokmål og nynorsk")
	var missing []string
	for _, p := range site.Pages {
		if p.Lang == site.Config.Language && p.Variants["nn"] == nil {
			missing = append(missing, p.File)
		}
	}
	if claim && len(missing) > 0 {
		t.Errorf("the statement says every page is in nynorsk, but these are not: %v", missing)
	}
	if !claim && len(missing) == 0 {
		t.Error("every page is in nynorsk; the statement should say so")
	}
	sami := false
	for _, p := range site.Pages {
		sami = sami || p.Lang == "se"
	}
	if says := strings.Contains(st.BodyText, "finnes ikke på samisk"); says == sami {
		t.Errorf("the statement says there is no Sámi content (%v), but Sámi pages exist: %v", says, sami)
	}
}
