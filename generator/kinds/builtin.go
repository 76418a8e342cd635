package kinds

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// Theme defines the sustainability themes (bærekrafttema, content/tema):
// kjøreregler and worksheet questions per plan level.
func Theme() model.KindDef {
	return Define(Spec[model.ThemeData]{
		Name: model.KindTheme, Dir: "tema", Body: true,
		Merge: func(b, o model.ThemeData, v *model.Page, errs *diag.List) model.ThemeData {
			b.Rules = MergeByID(b.Rules, o.Rules, func(r model.Rule) string { return r.ID },
				func(b, o model.Rule) model.Rule { o.Text = Pick(o.Text, b.Text); return o }, v, "rules", errs)
			b.Questions = MergeByID(b.Questions, o.Questions, func(q model.Question) string { return q.ID },
				func(b, o model.Question) model.Question {
					b.Text = Pick(o.Text, b.Text)
					b.Help = Pick(o.Help, b.Help)
					return b
				}, v, "questions", errs)
			return b
		},
		Check: checkTheme,
		Refs: map[string]func(*model.ThemeData) []string{
			"dimension": func(t *model.ThemeData) []string { return []string{t.Dimension} },
			"also":      func(t *model.ThemeData) []string { return t.Also },
			"levels":    func(t *model.ThemeData) []string { return t.Levels },
		},
		Items: func(ix model.Indexer, _ *model.Page, t *model.ThemeData) {
			// The heading the layout shows above the rules
			// (section #kjoreregler), so that «kjøreregler bolig»
			// finds the theme and not only pages that say the word.
			if h := ix.Site().Strings[ix.Lang()]["rules"]; h != "" && len(t.Rules) > 0 {
				ix.Add("kjoreregler", h)
			}
			for _, r := range t.Rules {
				ix.Add(r.ID, r.Text)
			}
		},
	})
}

func checkTheme(c model.Checker, p *model.Page, t *model.ThemeData) {
	c.Required(p, "dimension", t.Dimension)
	if t.Dimension != "" {
		c.Refs(p, "dimension", model.KindDimension, []string{t.Dimension}, 1)
	}
	c.Refs(p, "also", model.KindDimension, t.Also, 0)
	for _, d := range t.Also {
		if d == t.Dimension {
			c.Errorf(p.FieldPos("also"), "also: «%s» er allerede temaets dimensjon (dimension), så ta den bort her", d)
		}
	}
	if len(t.SDGs) == 0 {
		c.Errorf(p.Pos, "mangler feltet «sdgs» (nummeret på FNs bærekraftsmål temaet bygger på, 1–17)")
	}
	for _, n := range t.SDGs {
		if n < 1 || n > 17 {
			c.Errorf(p.FieldPos("sdgs"), "sdgs: %d er ikke et av FNs bærekraftsmål (bruk tall fra 1 til 17)", n)
		}
	}
	c.Refs(p, "levels", model.KindWorksheet, t.Levels, 1)
	if len(t.Rules) == 0 {
		c.Errorf(p.Pos, "mangler [[rules]] (temaets kjøreregler)")
	}
	// One mistake, one message: references to rules are checked only
	// when every rule has a valid ID, and levels only when some are
	// given and every question's is among them.
	local := map[string]bool{}
	rulesOK := len(t.Rules) > 0
	for i, r := range t.Rules {
		pos := p.FieldPos(fmt.Sprintf("rules.%d", i))
		if !uniqueID(c, pos, "kjøreregelen", r.ID, p.File) && !c.ValidID(r.ID) {
			rulesOK = false
		}
		local[r.ID] = true // a rule used twice in the site is still this theme's
		if r.Text == "" {
			c.Errorf(pos, "kjøreregelen «%s» mangler feltet «text»", r.ID)
		}
	}
	perLevel := map[string]int{}
	levelsOK := len(t.Levels) > 0
	for i, q := range t.Questions {
		pos := p.FieldPos(fmt.Sprintf("questions.%d", i))
		uniqueID(c, pos, "spørsmålet", q.ID, p.File)
		if q.Text == "" {
			c.Errorf(pos, "spørsmålet «%s» mangler feltet «text»", q.ID)
		}
		switch {
		case q.Level == "":
			c.Errorf(pos, "spørsmålet «%s» mangler feltet «level»", q.ID)
			levelsOK = false
		case len(t.Levels) > 0 && !slices.Contains(t.Levels, q.Level):
			c.Errorf(pos, "spørsmålet «%s» har level «%s», som ikke står i temaets levels (%s)", q.ID, q.Level, strings.Join(t.Levels, ", "))
			levelsOK = false
		}
		perLevel[q.Level]++
		for _, r := range q.Rules {
			if rulesOK && !local[r] {
				c.Errorf(pos, "spørsmålet «%s» viser til kjøreregelen «%s», som ikke finnes i dette temaet", q.ID, r)
			}
		}
	}
	for _, l := range t.Levels {
		if levelsOK && perLevel[l] == 0 && c.Site().Lookup(model.KindWorksheet, l) != nil {
			c.Errorf(p.FieldPos("levels"), "temaet skal vurderes i «%s» (levels), men har ikke noe spørsmål med level = \"%s\"", l, l)
		}
	}
}

// uniqueID checks an ID that must be unique across the site, such as a
// rule's or a question's; what names the item ("spørsmålet").
func uniqueID(c model.Checker, pos diag.Position, what, id, file string) bool {
	if !c.ValidID(id) {
		c.Errorf(pos, "%s: %s", what, badID(id))
		return false
	}
	if other, taken := c.Claim(what, id, file); taken {
		c.Errorf(pos, "%s: ID-en «%s» er brukt før, i %s (hver ID kan bare brukes én gang)", what, id, other)
		return false
	}
	return true
}

// badID says what is wrong with an invalid ID.
func badID(id string) string {
	if id == "" {
		return "mangler feltet «id»"
	}
	return fmt.Sprintf("ID-en «%s» kan ikke brukes: bruk bare små bokstaver a–z, sifre og bindestrek", id)
}

// Worksheet defines the worksheets (content/arbeidsskjema), one per plan
// level; the questions come from the themes assessed at that level.
func Worksheet() model.KindDef {
	return Define(Spec[model.WorksheetData]{
		Name: model.KindWorksheet, Dir: "arbeidsskjema", Body: true,
		Merge: func(b, o model.WorksheetData, _ *model.Page, _ *diag.List) model.WorksheetData {
			b.LegalBasis = Pick(o.LegalBasis, b.LegalBasis)
			b.Purpose = Pick(o.Purpose, b.Purpose)
			return b
		},
		Check: func(c model.Checker, p *model.Page, w *model.WorksheetData) {
			c.Required(p, "scale", w.Scale)
			c.Required(p, "legal_basis", w.LegalBasis)
			c.Required(p, "purpose", w.Purpose)
			if w.Scale != "" {
				c.Scale(p, "scale", w.Scale)
			}
			if w.Goals != "" && w.Goals != "define" && w.Goals != "assess" {
				c.Errorf(p.FieldPos("goals"), "goals: «%s» er ikke gyldig; bruk \"define\" (skjemaet der kommunen skriver målene sine) eller \"assess\" (skjemaet vurderer opp mot målene)", w.Goals)
			}
		},
		Facts: func(w *model.WorksheetData) []string { return []string{w.Purpose, w.LegalBasis} },
		Items: func(ix model.Indexer, p *model.Page, _ *model.WorksheetData) {
			// The questions of every theme assessed at this level, as
			// the worksheet shows them (q-<id> is the select's id).
			for _, t := range ix.Site().Referring(model.KindTheme, "levels", p.ID) {
				for _, q := range t.Variant(ix.Lang()).Theme().QuestionsFor(p.ID) {
					ix.Add("q-"+q.ID, q.Text)
				}
			}
		},
	})
}

// Step defines the steps of the red thread (content/rod-trad), listed by
// step number.
func Step() model.KindDef {
	return Define(Spec[model.StepData]{
		Name: model.KindStep, Dir: "rod-trad", Body: true,
		Merge: func(b, o model.StepData, _ *model.Page, _ *diag.List) model.StepData {
			b.Timing = Pick(o.Timing, b.Timing)
			b.LegalBasis = Pick(o.LegalBasis, b.LegalBasis)
			return b
		},
		Check: func(c model.Checker, p *model.Page, st *model.StepData) {
			if st.Step < 1 {
				c.Errorf(p.FieldPos("step"), "feltet «step» mangler eller er ikke et tall fra 1 og oppover")
			} else if other, taken := c.Claim("step", strconv.Itoa(st.Step), p.File); taken {
				c.Errorf(p.FieldPos("step"), "steg %d er brukt før, i %s (hvert steg må ha sitt eget nummer)", st.Step, other)
			}
			c.Required(p, "timing", st.Timing)
			c.Required(p, "legal_basis", st.LegalBasis)
			c.Refs(p, "worksheets", model.KindWorksheet, st.Worksheets, 0)
		},
		Refs: map[string]func(*model.StepData) []string{
			"worksheets": func(st *model.StepData) []string { return st.Worksheets },
		},
		Facts: func(st *model.StepData) []string { return []string{st.Timing, st.LegalBasis} },
		Less:  func(a, b *model.StepData) bool { return a.Step < b.Step },
	})
}

// Recommendation defines the recommendations (content/anbefalinger), each
// with "sånn gjør vi det" examples written in Markdown.
func Recommendation() model.KindDef {
	return Define(Spec[model.RecommendationData]{
		Name: model.KindRecommendation, Dir: "anbefalinger", Body: true,
		Merge: func(b, o model.RecommendationData, v *model.Page, errs *diag.List) model.RecommendationData {
			b.Examples = MergeByID(b.Examples, o.Examples, func(e model.Example) string { return e.ID },
				func(b, o model.Example) model.Example {
					b.Title, b.Municipality = Pick(o.Title, b.Title), Pick(o.Municipality, b.Municipality)
					if o.Text != "" {
						b.Text, b.HTML = o.Text, o.HTML
					}
					return b
				}, v, "examples", errs)
			return b
		},
		Markdown: func(r *model.RecommendationData, md model.Markdown) {
			for i := range r.Examples {
				ex := &r.Examples[i]
				ex.HTML = md(fmt.Sprintf("examples.%d.text", i), fmt.Sprintf("eksempelet «%s»", ex.ID), ex.Text)
			}
		},
		Check: func(c model.Checker, p *model.Page, r *model.RecommendationData) {
			if len(r.Examples) == 0 {
				c.Errorf(p.Pos, "mangler [[examples]] (minst ett «sånn gjør vi det»-eksempel)")
			}
			seen := map[string]bool{}
			for i, e := range r.Examples {
				pos := p.FieldPos(fmt.Sprintf("examples.%d", i))
				switch {
				case !c.ValidID(e.ID):
					c.Errorf(pos, "eksempel nr. %d: %s", i+1, badID(e.ID))
				case seen[e.ID]:
					c.Errorf(pos, "eksempel nr. %d: ID-en «%s» er brukt på et eksempel før", i+1, e.ID)
				}
				seen[e.ID] = true
				if e.Title == "" || e.Text == "" {
					c.Errorf(pos, "eksempelet «%s» må ha både title og text", e.ID)
				}
			}
		},
		Items: func(ix model.Indexer, _ *model.Page, r *model.RecommendationData) {
			for _, e := range r.Examples {
				ix.Add(e.ID, e.Title)
				ix.AddHTML(e.ID, e.HTML)
			}
		},
	})
}

// Funding defines the funding entries (virkemidler, content/virkemidler).
func Funding() model.KindDef {
	return Define(Spec[model.FundingData]{
		Name: model.KindFunding, Dir: "virkemidler",
		Merge: func(b, o model.FundingData, _ *model.Page, _ *diag.List) model.FundingData {
			b.Owner = Pick(o.Owner, b.Owner)
			b.Applicants = Pick(o.Applicants, b.Applicants)
			b.Supports = Pick(o.Supports, b.Supports)
			b.Deadline = Pick(o.Deadline, b.Deadline)
			b.CheckedAgainst = Pick(o.CheckedAgainst, b.CheckedAgainst)
			return b
		},
		Check: func(c model.Checker, p *model.Page, f *model.FundingData) {
			c.Required(p, "owner", f.Owner)
			c.Required(p, "applicants", f.Applicants)
			c.Required(p, "supports", f.Supports)
			c.HTTPSURL(p, "url", f.URL)
			if (f.Checked == "") != (f.CheckedAgainst == "") {
				field := "checked"
				if f.Checked == "" {
					field = "checked_against"
				}
				c.Errorf(p.FieldPos(field), "checked og checked_against hører sammen: skriv både datoen opplysningene ble kontrollert og hva de ble kontrollert mot, eller ingen av dem")
			}
			c.Refs(p, "dimensions", model.KindDimension, f.Dimensions, 1)
			c.Refs(p, "themes", model.KindTheme, f.Themes, 1)
		},
		Refs: map[string]func(*model.FundingData) []string{
			"dimensions": func(f *model.FundingData) []string { return f.Dimensions },
			"themes":     func(f *model.FundingData) []string { return f.Themes },
		},
		Facts: func(f *model.FundingData) []string { return []string{f.Owner, f.Applicants, f.Supports, f.Deadline} },
	})
}

// Dilemma defines the dilemma scenarios for training (content/dilemmatrening).
func Dilemma() model.KindDef {
	return Define(Spec[model.DilemmaData]{
		Name: model.KindDilemma, Dir: "dilemmatrening", Body: true,
		Merge: func(b, o model.DilemmaData, _ *model.Page, _ *diag.List) model.DilemmaData {
			if len(o.Questions) > 0 {
				b.Questions = o.Questions
			}
			b.Place = Pick(o.Place, b.Place)
			return b
		},
		Check: func(c model.Checker, p *model.Page, d *model.DilemmaData) {
			c.Refs(p, "themes", model.KindTheme, d.Themes, 2)
			if len(d.Questions) == 0 {
				c.Errorf(p.FieldPos("questions"), "mangler feltet «questions» (spørsmål gruppa skal diskutere)")
			}
		},
		Refs: map[string]func(*model.DilemmaData) []string{
			"themes": func(d *model.DilemmaData) []string { return d.Themes },
		},
		Facts: func(d *model.DilemmaData) []string { return []string{d.Place} },
		Items: func(ix model.Indexer, _ *model.Page, d *model.DilemmaData) {
			for _, q := range d.Questions {
				ix.Add("sporsmal", q)
			}
		},
	})
}

// Method defines the method tips (content/metoder): courses, guides and
// tools from other providers.
func Method() model.KindDef {
	return Define(Spec[model.MethodData]{
		Name: model.KindMethod, Dir: "metoder",
		Merge: func(b, o model.MethodData, _ *model.Page, _ *diag.List) model.MethodData {
			b.Provider = Pick(o.Provider, b.Provider)
			if len(o.Audience) > 0 {
				b.Audience = o.Audience // who it suits is text, not structure
			}
			return b
		},
		Check: func(c model.Checker, p *model.Page, m *model.MethodData) {
			c.HTTPSURL(p, "url", m.URL)
			c.Required(p, "provider", m.Provider)
			c.Refs(p, "themes", model.KindTheme, m.Themes, 0)
			c.Refs(p, "levels", model.KindWorksheet, m.Levels, 0)
		},
		Refs: map[string]func(*model.MethodData) []string{
			"themes": func(m *model.MethodData) []string { return m.Themes },
			"levels": func(m *model.MethodData) []string { return m.Levels },
		},
		Facts: func(m *model.MethodData) []string { return []string{m.Provider, strings.Join(m.Audience, ", ")} },
	})
}
