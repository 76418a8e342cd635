package content

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// ConflictsFile is the content path of the declared goal conflicts.
const ConflictsFile = "data/malkonflikter.toml"

// SuggestionsFile is the content path of the funding and method
// suggestions per question or kjøreregel.
const SuggestionsFile = "data/tiltaksforslag.toml"

// isDataFile reports whether rel (a path in content/) is one of the data
// files or a translation of the goal conflicts.
func isDataFile(rel string, cfg *model.Config) bool {
	if rel == ConflictsFile || rel == SuggestionsFile {
		return true
	}
	for _, lang := range cfg.Languages[1:] {
		if rel == conflictVariantFile(lang) {
			return true
		}
	}
	return false
}

func conflictVariantFile(lang string) string {
	return strings.TrimSuffix(ConflictsFile, ".toml") + "." + lang + ".toml"
}

// readData decodes a data file into v. A missing file is no error and
// gives found = false.
func readData(root fs.FS, file string, v any) (lines map[string]int, found bool, err error) {
	data, err := fs.ReadFile(root, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, &diag.Error{Pos: diag.Position{File: file}, Msg: err.Error(), Err: err}
	}
	if e := checkUTF8(file, data); e != nil {
		return nil, false, e
	}
	lines, errs := decodeStrict(file, data, 0, v)
	return lines, true, errs.Err()
}

// loadData reads the goal conflicts, their translations and the
// suggestions. References to pages are checked later, by validateData.
func loadData(root fs.FS, cfg *model.Config) (model.Data, error) {
	var errs diag.List
	out := model.Data{ConflictReasons: map[string]map[string]string{}}

	file := "content/" + ConflictsFile
	var cdoc struct {
		Conflict []*model.GoalConflict `toml:"conflict"`
	}
	lines, _, err := readData(root, file, &cdoc)
	errs.Add(err)
	for i, c := range cdoc.Conflict {
		c.Pos = diag.Position{File: file, Line: lines[fmt.Sprintf("conflict.%d", i)], Col: 1}
	}
	out.Conflicts = cdoc.Conflict

	for _, lang := range cfg.Languages[1:] {
		reasons, err := loadConflictVariant(root, lang)
		errs.Add(err)
		if reasons != nil {
			out.ConflictReasons[lang] = reasons
		}
	}

	file = "content/" + SuggestionsFile
	var sdoc struct {
		Suggestion []*model.Suggestion `toml:"suggestion"`
	}
	lines, _, err = readData(root, file, &sdoc)
	errs.Add(err)
	for i, s := range sdoc.Suggestion {
		s.Pos = diag.Position{File: file, Line: lines[fmt.Sprintf("suggestion.%d", i)], Col: 1}
	}
	out.Suggestions = sdoc.Suggestion
	return out, errs.Err()
}

// loadConflictVariant reads the translated reasons of the goal conflicts
// in lang: the same theme pairs with a translated reason only.
func loadConflictVariant(root fs.FS, lang string) (map[string]string, error) {
	file := "content/" + conflictVariantFile(lang)
	var doc struct {
		Conflict []*model.GoalConflict `toml:"conflict"`
	}
	lines, found, err := readData(root, file, &doc)
	if err != nil || !found {
		return nil, err
	}
	var errs diag.List
	out := map[string]string{}
	for i, c := range doc.Conflict {
		pos := diag.Position{File: file, Line: lines[fmt.Sprintf("conflict.%d", i)], Col: 1}
		if len(c.Themes) != 2 {
			errs.Addf(pos, "målkonflikt nr. %d: themes må ha nøyaktig to tema-ID-er, de samme som i content/%s", i+1, ConflictsFile)
			continue
		}
		if c.Dilemma != "" {
			errs.Addf(pos, "målkonflikten %s: ta bort dilemma i oversettelsen (det hentes fra content/%s)", c.Key(), ConflictsFile)
		}
		out[c.Key()] = c.Reason
	}
	return out, errs.Err()
}

// validateData checks the goal conflicts and suggestions against the
// loaded pages: theme, dilemma, question, rule, funding and method IDs
// must exist, every pair is declared once, and translations name declared
// pairs.
func validateData(s *model.Site, failed map[string]bool) diag.List {
	var errs diag.List
	exists := func(kind model.Kind, id string) bool {
		if s.Lookup(kind, id) != nil {
			return true
		}
		k := s.Kinds.Get(kind)
		return k != nil && failed[k.Dir()+"/"+id+".md"]
	}
	seen := map[string]diag.Position{}
	for i, c := range s.Data.Conflicts {
		if len(c.Themes) != 2 || c.Themes[0] == c.Themes[1] {
			errs.Addf(c.Pos, "målkonflikt nr. %d: themes må ha nøyaktig to ulike tema-ID-er", i+1)
			continue
		}
		for _, id := range c.Themes {
			if !exists(model.KindTheme, id) {
				errs.Addf(c.Pos, "målkonflikt nr. %d: det finnes ikke noe tema med ID-en «%s»", i+1, id)
			}
		}
		if prev, ok := seen[c.Key()]; ok {
			errs.Addf(c.Pos, "målkonflikt nr. %d: paret %s står allerede på linje %d", i+1, c.Key(), prev.Line)
		}
		seen[c.Key()] = c.Pos
		if strings.TrimSpace(c.Reason) == "" {
			errs.Addf(c.Pos, "målkonflikten %s mangler feltet «reason» (hvorfor temaene trekker mot hverandre)", c.Key())
		}
		if c.Dilemma != "" {
			errs = append(errs, checkDilemma(s, c, exists)...)
		}
	}
	for lang, reasons := range s.Data.ConflictReasons {
		for key := range reasons {
			if _, ok := seen[key]; !ok {
				errs.Addf(diag.Position{File: "content/" + conflictVariantFile(lang)}, "målkonflikten %s finnes ikke i content/%s (en oversettelse må bruke de samme parene)", key, ConflictsFile)
			}
		}
	}
	return append(errs, validateSuggestions(s, exists)...)
}

// checkDilemma checks that a conflict's dilemma scenario exists and lists
// both themes, so the link leads to a scenario about this very conflict.
func checkDilemma(s *model.Site, c *model.GoalConflict, exists func(model.Kind, string) bool) diag.List {
	var errs diag.List
	d := s.Lookup(model.KindDilemma, c.Dilemma)
	if d == nil {
		if !exists(model.KindDilemma, c.Dilemma) {
			errs.Addf(c.Pos, "målkonflikten %s: det finnes ikke noe dilemma med ID-en «%s»", c.Key(), c.Dilemma)
		}
		return errs
	}
	if d.Dilemma() == nil || len(d.Dilemma().Themes) < 2 {
		return errs // the scenario's own themes are reported there
	}
	for _, id := range c.Themes {
		if !contains(d.Dilemma().Themes, id) {
			errs.Addf(c.Pos, "målkonflikten %s: dilemmaet «%s» har ikke temaet «%s» i themes", c.Key(), c.Dilemma, id)
		}
	}
	return errs
}

func validateSuggestions(s *model.Site, exists func(model.Kind, string) bool) diag.List {
	var errs diag.List
	questions, rules := map[string]bool{}, map[string]bool{}
	for _, t := range s.List(model.KindTheme) {
		if t.Theme() == nil {
			continue
		}
		for _, q := range t.Theme().Questions {
			questions[q.ID] = true
		}
		for _, r := range t.Theme().Rules {
			rules[r.ID] = true
		}
	}
	for i, sg := range s.Data.Suggestions {
		if len(sg.Questions)+len(sg.Rules) == 0 {
			errs.Addf(sg.Pos, "forslag nr. %d: oppgi minst én spørsmåls-ID (questions) eller kjøreregel-ID (rules)", i+1)
		}
		if sg.Funding == nil && sg.Methods == nil {
			errs.Addf(sg.Pos, "forslag nr. %d: oppgi funding, methods eller begge (en tom liste betyr at ingen passer)", i+1)
		}
		for _, id := range sg.Questions {
			if !questions[id] {
				errs.Addf(sg.Pos, "forslag nr. %d: det finnes ikke noe spørsmål med ID-en «%s»", i+1, id)
			}
		}
		for _, id := range sg.Rules {
			if !rules[id] {
				errs.Addf(sg.Pos, "forslag nr. %d: det finnes ingen kjøreregel med ID-en «%s»", i+1, id)
			}
		}
		for _, ref := range []struct {
			kind model.Kind
			what string
			ids  *[]string
		}{{model.KindFunding, "virkemiddel", sg.Funding}, {model.KindMethod, "metodetips", sg.Methods}} {
			if ref.ids == nil {
				continue
			}
			for _, id := range *ref.ids {
				if !exists(ref.kind, id) {
					errs.Addf(sg.Pos, "forslag nr. %d: det finnes ikke noe %s med ID-en «%s»", i+1, ref.what, id)
				}
			}
		}
	}
	return errs
}
