package content

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// validate checks required fields and every cross-reference of the
// default-language pages. Translations share the references of their
// default-language page, so they need no separate check.
func validate(s *model.Site, failed map[string]bool) diag.List {
	v := &validator{site: s, failed: failed, questions: map[string]string{}, rules: map[string]string{}, steps: map[int]string{}}
	for _, p := range s.Pages {
		if p.Lang != s.Config.Language {
			if p.Title == "" {
				v.errs.Addf(p.Pos, "missing required field \"title\"")
			}
			continue
		}
		v.page(p)
	}
	v.config()
	return v.errs
}

type validator struct {
	site      *model.Site
	failed    map[string]bool // content paths of pages that failed to parse
	errs      diag.List
	questions map[string]string // question ID -> file that defines it
	rules     map[string]string
	steps     map[int]string
}

func (v *validator) page(p *model.Page) {
	v.required(p, "title", p.Title)
	v.required(p, "description", p.Description)
	for i, c := range p.Cards {
		v.pageRef(p.FieldPos(fmt.Sprintf("cards.%d", i)), "cards", c.Page)
		if c.Title == "" {
			v.errs.Addf(p.FieldPos(fmt.Sprintf("cards.%d", i)), "card %d: missing required field \"title\"", i+1)
		}
	}
	switch p.Kind {
	case model.KindDimension, model.KindPage, model.KindWorksheet, model.KindStep, model.KindRecommendation, model.KindDilemma, model.KindTheme:
		if strings.TrimSpace(p.BodyText) == "" {
			v.errs.Addf(p.Pos, "the page has no text below the front matter (a %s needs a body)", p.Kind)
		}
	}
	switch {
	case p.Theme != nil:
		v.theme(p)
	case p.Worksheet != nil:
		v.required(p, "scale", p.Worksheet.Scale)
		v.required(p, "legal_basis", p.Worksheet.LegalBasis)
		v.required(p, "purpose", p.Worksheet.Purpose)
		if p.Worksheet.Scale != "" && v.site.Scales[p.Worksheet.Scale] == nil {
			v.errs.Addf(p.FieldPos("scale"), "scale %q does not exist in content/%s", p.Worksheet.Scale, ScalesFile)
		}
	case p.Step != nil:
		v.step(p)
	case p.Recommendation != nil:
		v.recommendation(p)
	case p.Funding != nil:
		f := p.Funding
		v.required(p, "owner", f.Owner)
		v.required(p, "applicants", f.Applicants)
		v.required(p, "supports", f.Supports)
		v.httpsURL(p, "url", f.URL)
		v.refs(p, "dimensions", model.KindDimension, f.Dimensions, 1)
		v.refs(p, "themes", model.KindTheme, f.Themes, 1)
	case p.Dilemma != nil:
		v.refs(p, "themes", model.KindTheme, p.Dilemma.Themes, 2)
		if len(p.Dilemma.Questions) == 0 {
			v.errs.Addf(p.FieldPos("questions"), "missing required field \"questions\" (discussion questions for the group)")
		}
	case p.Method != nil:
		v.httpsURL(p, "url", p.Method.URL)
		v.required(p, "provider", p.Method.Provider)
		v.refs(p, "themes", model.KindTheme, p.Method.Themes, 0)
		v.refs(p, "levels", model.KindWorksheet, p.Method.Levels, 0)
	}
}

func (v *validator) theme(p *model.Page) {
	t := p.Theme
	v.required(p, "dimension", t.Dimension)
	if t.Dimension != "" {
		v.refs(p, "dimension", model.KindDimension, []string{t.Dimension}, 1)
	}
	v.refs(p, "also", model.KindDimension, t.Also, 0)
	for _, d := range t.Also {
		if d == t.Dimension {
			v.errs.Addf(p.FieldPos("also"), "also lists %q, which is already the theme's dimension", d)
		}
	}
	if len(t.SDGs) == 0 {
		v.errs.Addf(p.Pos, "missing required field \"sdgs\" (the UN goals the theme stems from, 1–17)")
	}
	for _, n := range t.SDGs {
		if n < 1 || n > 17 {
			v.errs.Addf(p.FieldPos("sdgs"), "sdgs: %d is not a UN Sustainable Development Goal (expected 1–17)", n)
		}
	}
	v.refs(p, "levels", model.KindWorksheet, t.Levels, 1)
	if len(t.Rules) == 0 {
		v.errs.Addf(p.Pos, "missing [[rules]] (the theme's kjøreregler)")
	}
	local := map[string]bool{}
	for i, r := range t.Rules {
		pos := p.FieldPos(fmt.Sprintf("rules.%d", i))
		if v.uniqueID(pos, "rule", r.ID, v.rules, p.File) {
			local[r.ID] = true
		}
		if r.Text == "" {
			v.errs.Addf(pos, "rule %q: missing required field \"text\"", r.ID)
		}
	}
	perLevel := map[string]int{}
	for i, q := range t.Questions {
		pos := p.FieldPos(fmt.Sprintf("questions.%d", i))
		v.uniqueID(pos, "question", q.ID, v.questions, p.File)
		if q.Text == "" {
			v.errs.Addf(pos, "question %q: missing required field \"text\"", q.ID)
		}
		switch {
		case q.Level == "":
			v.errs.Addf(pos, "question %q: missing required field \"level\"", q.ID)
		case !contains(t.Levels, q.Level):
			v.errs.Addf(pos, "question %q: level %q is not in the theme's levels %v", q.ID, q.Level, t.Levels)
		}
		perLevel[q.Level]++
		for _, r := range q.Rules {
			if !local[r] {
				v.errs.Addf(pos, "question %q: rule %q is not one of this theme's rules", q.ID, r)
			}
		}
	}
	for _, l := range t.Levels {
		if perLevel[l] == 0 && v.site.Lookup(model.KindWorksheet, l) != nil {
			v.errs.Addf(p.FieldPos("levels"), "the theme is assessed at %q but has no question with level = %q", l, l)
		}
	}
}

func (v *validator) step(p *model.Page) {
	st := p.Step
	if st.Step < 1 {
		v.errs.Addf(p.FieldPos("step"), "missing or invalid field \"step\" (expected a number from 1)")
	} else if other, ok := v.steps[st.Step]; ok {
		v.errs.Addf(p.FieldPos("step"), "step %d is also used by %s", st.Step, other)
	} else {
		v.steps[st.Step] = p.File
	}
	v.required(p, "timing", st.Timing)
	v.required(p, "legal_basis", st.LegalBasis)
	v.refs(p, "worksheets", model.KindWorksheet, st.Worksheets, 0)
}

func (v *validator) recommendation(p *model.Page) {
	if len(p.Recommendation.Examples) == 0 {
		v.errs.Addf(p.Pos, "missing [[examples]] (at least one \"sånn gjør vi det\" example)")
	}
	seen := map[string]bool{}
	for i, e := range p.Recommendation.Examples {
		pos := p.FieldPos(fmt.Sprintf("examples.%d", i))
		switch {
		case !idPattern.MatchString(e.ID):
			v.errs.Addf(pos, "example %d: id %q is missing or not a valid ID", i+1, e.ID)
		case seen[e.ID]:
			v.errs.Addf(pos, "duplicate example id %q", e.ID)
		}
		seen[e.ID] = true
		if e.Title == "" || e.Text == "" {
			v.errs.Addf(pos, "example %q: needs both title and text", e.ID)
		}
	}
}

func (v *validator) config() {
	cfg := &v.site.Config
	for _, m := range cfg.Menu {
		v.pageRef(m.Pos, "menu", m.Page)
		if m.Title == "" {
			v.errs.Addf(m.Pos, "menu entry without a title")
		}
	}
	for _, l := range cfg.Footer.Links {
		v.pageRef(l.Pos, "footer link", l.Page)
	}
	if v.site.Home == nil {
		v.errs.Addf(diag.Position{File: "content/_index.md"}, "the front page is missing")
	}
}

func (v *validator) required(p *model.Page, field, value string) {
	if strings.TrimSpace(value) == "" {
		v.errs.Addf(p.Pos, "missing required field %q", field)
	}
}

func (v *validator) uniqueID(pos diag.Position, what, id string, seen map[string]string, file string) bool {
	if !idPattern.MatchString(id) {
		v.errs.Addf(pos, "%s id %q is missing or not a valid ID (a–z, 0–9, -)", what, id)
		return false
	}
	if other, ok := seen[id]; ok {
		v.errs.Addf(pos, "duplicate %s id %q (also in %s)", what, id, other)
		return false
	}
	seen[id] = file
	return true
}

func (v *validator) refs(p *model.Page, field string, kind model.Kind, ids []string, min int) {
	if len(ids) < min {
		v.errs.Addf(p.FieldPos(field), "%s: needs at least %d %s ID(s)", field, min, kind)
	}
	for _, id := range ids {
		if v.site.Lookup(kind, id) == nil && !v.failed[sectionOf(kind)+"/"+id+".md"] {
			v.errs.Addf(p.FieldPos(field), "%s: no %s with id %q (expected one of: %s)", field, kind, id, strings.Join(v.ids(kind), ", "))
		}
	}
}

func (v *validator) ids(kind model.Kind) []string {
	var out []string
	for _, p := range v.site.Pages {
		if p.Kind == kind && p.Lang == v.site.Config.Language {
			out = append(out, p.ID)
		}
	}
	return out
}

func (v *validator) pageRef(pos diag.Position, what, page string) {
	if page == "" {
		v.errs.Addf(pos, "%s: missing field \"page\"", what)
		return
	}
	if v.site.ByPath[page] == nil && !v.failed[page] {
		v.errs.Addf(pos, "%s: page %q does not exist (expected a path in content/, such as \"tema/_index.md\")", what, page)
	}
}

func (v *validator) httpsURL(p *model.Page, field, value string) {
	if value == "" {
		v.errs.Addf(p.Pos, "missing required field %q", field)
		return
	}
	u, err := url.Parse(value)
	if err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(value, " \t\n") {
		v.errs.Addf(p.FieldPos(field), "%s %q is not a well-formed https:// address", field, value)
	}
}

func checkBaseURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("base_url %q is not an absolute http(s) URL", s)
	}
	return ""
}

// sectionOf returns the content folder of a kind.
func sectionOf(kind model.Kind) string {
	for dir, k := range model.SectionKinds {
		if k == kind {
			return dir
		}
	}
	return ""
}
