// Package contenttest checks that the toolbox content in content/ covers
// every part the toolbox must have (issue 3), beyond what the generator
// validates for any site.
package contenttest

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

func load(t *testing.T) *model.Site {
	t.Helper()
	root := os.DirFS("../..")
	site, err := content.NewLoader().Load(root, themes.Open(root, "default"))
	if err != nil {
		t.Fatalf("the toolbox content does not load:\n%v", err)
	}
	return site
}

var levels = []string{"kunnskapsgrunnlag", "planstrategi", "samfunnsdel", "arealplanlegging", "handlings-og-okonomiplan", "saksbehandling"}

func TestDimensionsAndThemes(t *testing.T) {
	site := load(t)
	if len(site.List(model.KindDimension)) != 3 {
		t.Errorf("dimensions = %d, want 3", len(site.List(model.KindDimension)))
	}
	if len(site.List(model.KindTheme)) < 15 {
		t.Errorf("themes = %d, want at least 15", len(site.List(model.KindTheme)))
	}
	for _, d := range site.List(model.KindDimension) {
		if n := len(site.Referring(model.KindTheme, "dimension", d.ID)); n < 4 {
			t.Errorf("dimension %s has %d themes, want at least 4", d.ID, n)
		}
	}
	for _, th := range site.List(model.KindTheme) {
		if n := len(th.Theme().Rules); n < 3 || n > 6 {
			t.Errorf("%s: %d kjøreregler, want 3–6", th.File, n)
		}
		for _, l := range th.Theme().Levels {
			if n := len(th.Theme().QuestionsFor(l)); n < 1 || n > 3 {
				t.Errorf("%s: %d questions for %s, want 1–3", th.File, n, l)
			}
		}
		if len(th.Theme().SDGs) == 0 {
			t.Errorf("%s: no SDGs", th.File)
		}
	}
	if site.Lookup(model.KindTheme, "bolig") == nil {
		t.Error("housing (bolig) must be a theme of its own")
	}
}

func TestWorksheets(t *testing.T) {
	site := load(t)
	for _, id := range levels {
		ws := site.Lookup(model.KindWorksheet, id)
		if ws == nil {
			t.Errorf("worksheet %s is missing", id)
			continue
		}
		scale := site.Scales[ws.Worksheet().Scale]
		meanings := map[model.Meaning]bool{}
		for _, o := range scale.Options {
			meanings[o.Meaning] = true
		}
		for _, m := range []model.Meaning{model.Positive, model.Unknown, model.NotRelevant} {
			if !meanings[m] {
				t.Errorf("worksheet %s: scale %s has no option meaning %s", id, scale.ID, m)
			}
		}
		themes := site.Referring(model.KindTheme, "levels", id)
		if len(themes) < 10 {
			t.Errorf("worksheet %s covers %d themes, want most of them", id, len(themes))
		}
		if !strings.Contains(strings.ToLower(ws.Worksheet().LegalBasis), "§") {
			t.Errorf("worksheet %s: legal basis %q names no paragraph", id, ws.Worksheet().LegalBasis)
		}
	}
}

func TestRedThreadAndRecommendations(t *testing.T) {
	site := load(t)
	if len(site.List(model.KindStep)) != 10 {
		t.Fatalf("red-thread steps = %d, want 10", len(site.List(model.KindStep)))
	}
	for i, s := range site.List(model.KindStep) {
		if s.Step().Step != i+1 {
			t.Errorf("step %d is numbered %d", i+1, s.Step().Step)
		}
		if len(s.Step().Worksheets) == 0 {
			t.Errorf("%s: links to no worksheet", s.File)
		}
	}
	if len(site.List(model.KindRecommendation)) < 5 {
		t.Errorf("recommendations = %d, want 5", len(site.List(model.KindRecommendation)))
	}
	for _, want := range []string{"kultur", "ledelse", "samarbeid", "politikk", "rod-trad"} {
		found := false
		for _, r := range site.List(model.KindRecommendation) {
			found = found || strings.Contains(r.ID, want)
		}
		if !found {
			t.Errorf("no recommendation about %q", want)
		}
	}
	for _, r := range site.Pages { // "timegla": timeglass (nb) and timeglas (nn)
		if r.Kind == model.KindRecommendation && r.ID == "politikk-og-administrasjon" && !strings.Contains(strings.ToLower(r.BodyText), "timegla") {
			t.Error("politikk-og-administrasjon does not explain the hourglass model")
		}
	}
}

func TestFunding(t *testing.T) {
	site := load(t)
	if len(site.List(model.KindFunding)) < 30 {
		t.Errorf("funding entries = %d, want at least 30", len(site.List(model.KindFunding)))
	}
	for _, f := range site.List(model.KindFunding) {
		u, err := url.Parse(f.Funding().URL)
		if err != nil || u.Scheme != "https" || !strings.Contains(u.Host, ".") {
			t.Errorf("%s: url %q is not a well-formed https address", f.File, f.Funding().URL)
		}
		if f.Funding().Owner == "" || len(f.Funding().Themes) == 0 {
			t.Errorf("%s: needs an owner and a theme", f.File)
		}
	}
	idx := site.Sections["virkemidler"]
	if idx == nil || idx.Updated == "" {
		t.Error("virkemidler/_index.md must say when the list was last checked (updated)")
	}
	for _, d := range site.List(model.KindDimension) {
		n := 0
		for _, f := range site.List(model.KindFunding) {
			for _, fd := range f.Funding().Dimensions {
				if fd == d.ID {
					n++
				}
			}
		}
		if n == 0 {
			t.Errorf("no funding entry for dimension %s", d.ID)
		}
	}
}

func TestDilemmasAndMethods(t *testing.T) {
	site := load(t)
	if len(site.List(model.KindDilemma)) < 5 {
		t.Errorf("dilemma scenarios = %d, want at least 5", len(site.List(model.KindDilemma)))
	}
	for _, d := range site.List(model.KindDilemma) {
		if n := len(d.Dilemma().Questions); n < 4 || n > 6 {
			t.Errorf("%s: %d discussion questions, want 4–6", d.File, n)
		}
	}
	guide := strings.ToLower(site.Sections["dilemmatrening"].BodyText)
	for _, w := range []string{"roller", "forbered", "oppsummer", "folkevalgte", "utred"} {
		if !strings.Contains(guide, w) {
			t.Errorf("the facilitator's guide does not mention %q", w)
		}
	}
	var titles []string
	for _, m := range site.List(model.KindMethod) {
		titles = append(titles, strings.ToLower(m.Title+" "+m.Description))
	}
	all := strings.Join(titles, "\n")
	for _, w := range []string{"opplæring i plan", "folkevalgtprogram", "enkel planlegging", "planveiledning", "arbeidsverksted",
		"vellykket prosessarbeid", "prosessplan", "medvirkning", "metodevelger", "eksempler", "gjestebud", "stedskompasset",
		"barnetråkk", "innbyggerundersøkelse", "industrietableringer"} {
		if !strings.Contains(all, w) {
			t.Errorf("no method tip for %q", w)
		}
	}
}

func TestPagesAndFrontPage(t *testing.T) {
	site := load(t)
	for _, p := range []string{"om.md", "tilgjengelighet.md", "personvern.md"} {
		if site.ByPath[p] == nil {
			t.Errorf("page %s is missing", p)
		}
	}
	want := map[string]bool{"arbeidsskjema/saksbehandling.md": false, "rod-trad/_index.md": false, "virkemidler/_index.md": false}
	for _, c := range site.Home.Cards {
		if _, ok := want[c.Page]; ok {
			want[c.Page] = true
		}
	}
	for p, ok := range want {
		if !ok {
			t.Errorf("the front page has no quick path to %s", p)
		}
	}
	for _, p := range site.Pages {
		if p.Kind == model.KindSection || p.Kind == model.KindHome {
			continue
		}
		if strings.TrimSpace(p.BodyText) == "" && p.Kind != model.KindFunding && p.Kind != model.KindMethod {
			t.Errorf("%s is empty", p.File)
		}
	}
	priv := strings.ToLower(site.ByPath["personvern.md"].BodyText)
	for _, w := range []string{"informasjonskapsler", "nettleser"} {
		if !strings.Contains(priv, w) {
			t.Errorf("the privacy page does not mention %q", w)
		}
	}
}
