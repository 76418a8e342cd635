package content

import (
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// linkVariants connects the language variants of each page and fills what a
// variant leaves out from the default-language page. Structural fields
// (dimension, levels, scale, step number, references) always come from the
// default-language page, so translations cannot change how the site fits
// together.
func linkVariants(s *model.Site) diag.List {
	var errs diag.List
	groups := map[string]map[string]*model.Page{}
	for _, p := range s.Pages {
		if groups[p.Path] == nil {
			groups[p.Path] = map[string]*model.Page{}
		}
		groups[p.Path][p.Lang] = p
	}
	kept := s.Pages[:0]
	for _, p := range s.Pages {
		g := groups[p.Path]
		base := g[s.Config.Language]
		if base == nil {
			errs.Addf(p.Pos, "translation without a %s page: add content/%s first", s.Config.Language, p.Path)
			continue
		}
		p.Variants = g
		if p != base {
			errs = append(errs, mergeVariant(base, p)...)
		}
		kept = append(kept, p)
	}
	s.Pages = kept
	return errs
}

func mergeVariant(base, v *model.Page) diag.List {
	var errs diag.List
	fill(&v.Description, base.Description)
	if v.Weight == 0 {
		v.Weight = base.Weight
	}
	if v.Updated == "" {
		v.Updated = base.Updated
	}
	if len(v.Cards) == 0 {
		v.Cards = base.Cards
	}
	if v.HTML == "" {
		v.HTML, v.Headings = base.HTML, base.Headings
	}
	switch {
	case base.Theme != nil:
		t := *base.Theme
		t.Rules = mergeByID(base.Theme.Rules, v.Theme.Rules, func(r model.Rule) string { return r.ID },
			func(b, o model.Rule) model.Rule { fill(&o.Text, b.Text); return o }, v, "rules", &errs)
		t.Questions = mergeByID(base.Theme.Questions, v.Theme.Questions, func(q model.Question) string { return q.ID },
			func(b, o model.Question) model.Question {
				b.Text = pick(o.Text, b.Text)
				b.Help = pick(o.Help, b.Help)
				return b
			}, v, "questions", &errs)
		v.Theme = &t
	case base.Worksheet != nil:
		w := *base.Worksheet
		w.LegalBasis = pick(v.Worksheet.LegalBasis, w.LegalBasis)
		w.Purpose = pick(v.Worksheet.Purpose, w.Purpose)
		v.Worksheet = &w
	case base.Step != nil:
		st := *base.Step
		st.Timing = pick(v.Step.Timing, st.Timing)
		st.LegalBasis = pick(v.Step.LegalBasis, st.LegalBasis)
		v.Step = &st
	case base.Recommendation != nil:
		r := *base.Recommendation
		r.Examples = mergeByID(base.Recommendation.Examples, v.Recommendation.Examples, func(e model.Example) string { return e.ID },
			func(b, o model.Example) model.Example {
				b.Title, b.Municipality = pick(o.Title, b.Title), pick(o.Municipality, b.Municipality)
				if o.Text != "" {
					b.Text, b.HTML = o.Text, o.HTML
				}
				return b
			}, v, "examples", &errs)
		v.Recommendation = &r
	case base.Funding != nil:
		f := *base.Funding
		f.Owner = pick(v.Funding.Owner, f.Owner)
		f.Applicants = pick(v.Funding.Applicants, f.Applicants)
		f.Supports = pick(v.Funding.Supports, f.Supports)
		f.Deadline = pick(v.Funding.Deadline, f.Deadline)
		v.Funding = &f
	case base.Dilemma != nil:
		d := *base.Dilemma
		if len(v.Dilemma.Questions) > 0 {
			d.Questions = v.Dilemma.Questions
		}
		d.Place = pick(v.Dilemma.Place, d.Place)
		v.Dilemma = &d
	case base.Method != nil:
		m := *base.Method
		m.Provider = pick(v.Method.Provider, m.Provider)
		v.Method = &m
	}
	return errs
}

// mergeByID returns the base items in base order, each merged with the
// variant's item of the same ID. Variant items with IDs the base lacks are
// reported.
func mergeByID[T any](base, variant []T, id func(T) string, merge func(b, o T) T, v *model.Page, field string, errs *diag.List) []T {
	byID := map[string]T{}
	for _, o := range variant {
		byID[id(o)] = o
	}
	baseIDs := map[string]bool{}
	out := make([]T, 0, len(base))
	for _, b := range base {
		baseIDs[id(b)] = true
		if o, ok := byID[id(b)]; ok {
			out = append(out, merge(b, o))
		} else {
			out = append(out, b)
		}
	}
	for _, o := range variant {
		if !baseIDs[id(o)] {
			errs.Addf(v.FieldPos(field), "%s: id %q does not exist in the default-language page (translations must reuse its IDs)", field, id(o))
		}
	}
	return out
}

func fill(dst *string, fallback string) {
	if *dst == "" {
		*dst = fallback
	}
}

func pick(v, fallback string) string {
	if v != "" {
		return v
	}
	return fallback
}
