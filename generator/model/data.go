package model

import (
	"sort"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// Data is the structured content in content/data/ besides the answer
// scales: the goal conflicts themes typically have and the funding and
// method suggestions for single questions or kjøreregler.
type Data struct {
	Conflicts []*GoalConflict
	// ConflictReasons holds translated reasons: language -> pair key ->
	// reason. Missing ones fall back to GoalConflict.Reason.
	ConflictReasons map[string]map[string]string
	Suggestions     []*Suggestion
}

// GoalConflict declares two themes that typically pull against each other
// (data/malkonflikter.toml). The worksheets show a conflict candidate only
// for declared pairs.
type GoalConflict struct {
	Themes  []string `toml:"themes"`  // exactly two theme IDs
	Reason  string   `toml:"reason"`  // why they pull against each other
	Dilemma string   `toml:"dilemma"` // optional dilemma scenario ID

	Pos diag.Position `toml:"-"`
}

// PairKey returns the key of a theme pair: the two IDs sorted and joined
// by "|". It does not depend on the order the themes are given in.
func PairKey(a, b string) string {
	ids := []string{a, b}
	sort.Strings(ids)
	return strings.Join(ids, "|")
}

// Key returns the pair key of the conflict's themes.
func (c *GoalConflict) Key() string {
	if len(c.Themes) != 2 {
		return strings.Join(c.Themes, "|")
	}
	return PairKey(c.Themes[0], c.Themes[1])
}

// Suggestion names the funding entries and method tips that fit some
// questions or kjøreregler better than the theme's own lists
// (data/tiltaksforslag.toml). A nil list keeps the theme's suggestions;
// an empty list means none fits.
type Suggestion struct {
	Questions []string  `toml:"questions"`
	Rules     []string  `toml:"rules"`
	Funding   *[]string `toml:"funding"`
	Methods   *[]string `toml:"methods"`

	Pos diag.Position `toml:"-"`
}

// SuggestionFor returns the suggestion for a question: one that names the
// question itself, else the first that names one of its kjøreregler, else
// nil.
func (d *Data) SuggestionFor(q Question) *Suggestion {
	for _, s := range d.Suggestions {
		for _, id := range s.Questions {
			if id == q.ID {
				return s
			}
		}
	}
	for _, s := range d.Suggestions {
		for _, r := range s.Rules {
			for _, qr := range q.Rules {
				if r == qr {
					return s
				}
			}
		}
	}
	return nil
}

// ConflictReason returns the reason of a conflict in a language, falling
// back to the default language.
func (d *Data) ConflictReason(c *GoalConflict, lang string) string {
	if r := d.ConflictReasons[lang][c.Key()]; r != "" {
		return r
	}
	return c.Reason
}
