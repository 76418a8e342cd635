package content

import (
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// linkVariants connects the language variants of each page and fills what a
// variant leaves out from the default-language page. Structural fields
// (dimension, levels, scale, step number, references) always come from the
// default-language page, so translations cannot change how the site fits
// together. A translation whose default-language page failed to parse
// (failed holds its path) is left out without a problem of its own.
func linkVariants(s *model.Site, failed map[string]bool) diag.List {
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
			if !failed[p.Path] {
				errs.Addf(p.Pos, "oversettelsen har ingen side på hovedspråket (%s): lag content/%s først", s.Config.Language, p.Path)
			}
			continue
		}
		p.Variants = g
		if p != base {
			errs = append(errs, mergeVariant(s.Kinds, base, p)...)
		}
		kept = append(kept, p)
	}
	s.Pages = kept
	return errs
}

func mergeVariant(ks *model.KindSet, base, v *model.Page) diag.List {
	var errs diag.List
	fill(&v.Description, base.Description)
	if v.Weight == 0 {
		v.Weight = base.Weight
	}
	if v.Updated == "" {
		v.Updated = base.Updated
	}
	if len(v.Cards) == 0 && len(base.Cards) > 0 {
		// The cards' text stays in the default language; say so, so
		// the page can mark it with lang.
		v.Cards = make([]model.Link, len(base.Cards))
		for i, c := range base.Cards {
			c.Lang = base.Lang
			v.Cards[i] = c
		}
	}
	if v.HTML == "" {
		v.HTML, v.Headings, v.BodyLang = base.HTML, base.Headings, base.Lang
	}
	if k := ks.Get(base.Kind); k != nil {
		k.Merge(base, v, &errs)
	}
	return errs
}

func fill(dst *string, fallback string) {
	if *dst == "" {
		*dst = fallback
	}
}
