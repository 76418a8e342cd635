package model

import (
	"fmt"
	"sort"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// Meta holds the front-matter fields every Markdown file may have.
type Meta struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Weight      int    `toml:"weight"`
	Updated     Date   `toml:"updated"`
	Cards       []Link `toml:"cards"`
}

// ThemeData is the structured part of a theme (bærekrafttema).
type ThemeData struct {
	Dimension string     `toml:"dimension"`
	Also      []string   `toml:"also"`
	SDGs      []int      `toml:"sdgs"`
	Levels    []string   `toml:"levels"`
	Rules     []Rule     `toml:"rules"`
	Questions []Question `toml:"questions"`
}

// QuestionsFor returns the theme's questions for one plan level, in the
// order they are written.
func (t *ThemeData) QuestionsFor(level string) []Question {
	var qs []Question
	for _, q := range t.Questions {
		if q.Level == level {
			qs = append(qs, q)
		}
	}
	return qs
}

// WorksheetData is the structured part of a plan level's worksheet.
type WorksheetData struct {
	Scale      string `toml:"scale"`
	LegalBasis string `toml:"legal_basis"`
	Purpose    string `toml:"purpose"`
	// Goals is "define" when the worksheet lets the municipality write
	// its own goals (the samfunnsdel), "assess" when an assessment can be
	// weighed against goals fetched from an earlier step, or empty.
	Goals string `toml:"goals"`
	// Areas lets one assessment grade several development areas per
	// theme (a consequence table, as in an impact assessment).
	Areas bool `toml:"areas"`
}

// StepData is the structured part of a red-thread step.
type StepData struct {
	Step       int      `toml:"step"`
	Timing     string   `toml:"timing"`
	LegalBasis string   `toml:"legal_basis"`
	Worksheets []string `toml:"worksheets"`
}

// RecommendationData is the structured part of a recommendation.
type RecommendationData struct {
	Examples []Example `toml:"examples"`
}

// GlossaryPath is the content path of the glossary (ordliste), a plain
// page. Each abbreviation in it is a third-level heading followed by a
// paragraph that starts with what it stands for in bold; the renderer
// marks the first use of each on every page with <abbr>.
const GlossaryPath = "ordliste.md"

// FundingData is the structured part of a funding entry (virkemiddel).
type FundingData struct {
	Owner      string `toml:"owner"`
	Applicants string `toml:"applicants"`
	Supports   string `toml:"supports"`
	Deadline   string `toml:"deadline"`
	URL        string `toml:"url"`
	// URLOverview is true when URL goes to the owner's overview of its
	// grants rather than to the scheme's own page, because no stable
	// address for the scheme's page could be confirmed.
	URLOverview bool     `toml:"url_overview"`
	Dimensions  []string `toml:"dimensions"`
	Themes      []string `toml:"themes"`
	// Checked is when the facts of the entry (owner, applicants, what it
	// supports, deadline, address) were last checked, and CheckedAgainst
	// what they were checked against. Both or neither are set; without
	// them the site says the entry has not been checked.
	Checked        Date   `toml:"checked"`
	CheckedAgainst string `toml:"checked_against"`
}

// DilemmaData is the structured part of a dilemma scenario.
type DilemmaData struct {
	Themes    []string `toml:"themes"`
	Questions []string `toml:"questions"`
	Place     string   `toml:"place"`
}

// MethodData is the structured part of a method tip.
type MethodData struct {
	URL      string   `toml:"url"`
	Provider string   `toml:"provider"`
	Audience []string `toml:"audience"`
	Themes   []string `toml:"themes"`
	Levels   []string `toml:"levels"`
}

// Page is one Markdown file of any kind, in one language.
type Page struct {
	Meta

	Path    string // content path of the bokmål file, e.g. "tema/bolig.md"
	File    string // source file, e.g. "content/tema/bolig.nn.md"
	ID      string // file name without extensions, e.g. "bolig"
	Section string // first directory under content/, "" at the top
	Kind    Kind
	Lang    string
	OutPath string // output file, e.g. "nn/tema/bolig.html"

	// Data is the structured part of the front matter: a pointer to the
	// data type of the page's kind (such as *ThemeData), or nil for kinds
	// with only Meta. Layouts reach it as .Page.Data, or for the
	// built-in kinds through methods such as .Page.Theme.
	Data any

	HTML     string    // the rendered body
	Headings []Heading // headings of the body, for tables of contents
	BodyText string    // the body as plain text, for search and summaries
	// BodyLang is the language of HTML when a translation has no body
	// of its own and shows the default-language page's; else "".
	BodyLang string

	// Variants holds the same page in every language it exists in,
	// including this one, keyed by language code.
	Variants map[string]*Page

	// Pos is the position of the front matter, for reporting.
	Pos diag.Position
	// FieldLines gives the source line of a front-matter key path
	// such as "dimension" or "questions.3.level", where known.
	FieldLines map[string]int
}

// DataOf returns the structured data of p if it is a *T, or nil.
func DataOf[T any](p *Page) *T {
	d, _ := p.Data.(*T)
	return d
}

// Theme returns the data of a theme page, or nil.
func (p *Page) Theme() *ThemeData { return DataOf[ThemeData](p) }

// Worksheet returns the data of a worksheet page, or nil.
func (p *Page) Worksheet() *WorksheetData { return DataOf[WorksheetData](p) }

// Step returns the data of a red-thread step, or nil.
func (p *Page) Step() *StepData { return DataOf[StepData](p) }

// Recommendation returns the data of a recommendation, or nil.
func (p *Page) Recommendation() *RecommendationData { return DataOf[RecommendationData](p) }

// Funding returns the data of a funding entry, or nil.
func (p *Page) Funding() *FundingData { return DataOf[FundingData](p) }

// Dilemma returns the data of a dilemma scenario, or nil.
func (p *Page) Dilemma() *DilemmaData { return DataOf[DilemmaData](p) }

// Method returns the data of a method tip, or nil.
func (p *Page) Method() *MethodData { return DataOf[MethodData](p) }

// Heading is a heading in a page body.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// FieldPos returns the position of a front-matter key, falling back to the
// start of the front matter.
func (p *Page) FieldPos(key string) diag.Position {
	pos := p.Pos
	if l, ok := p.FieldLines[key]; ok {
		pos.Line, pos.Col = l, 1
	}
	return pos
}

// Variant returns the page in lang, or the page itself if it has no
// variant in that language.
func (p *Page) Variant(lang string) *Page {
	if v, ok := p.Variants[lang]; ok {
		return v
	}
	return p
}

// Languages returns the languages the page exists in, sorted.
func (p *Page) Languages() []string {
	langs := make([]string, 0, len(p.Variants))
	for l := range p.Variants {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// SortPages orders pages by weight, then title, then path.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Path < b.Path
	})
}

// Date is a calendar date written as YYYY-MM-DD. In TOML it may be a local
// date (updated = 2026-11-01) or a string (updated = "2026-11-01").
type Date string

// UnmarshalTOML implements toml.Unmarshaler.
func (d *Date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		*d = Date(v.Format("2006-01-02"))
	case string:
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return fmt.Errorf("«%s» er ikke en dato: skriv ÅÅÅÅ-MM-DD, for eksempel 2026-11-01", v)
		}
		*d = Date(v)
	default:
		return fmt.Errorf("feltet skal være en dato, for eksempel 2026-11-01")
	}
	return nil
}

// Time returns the date as a time.Time in UTC, or the zero time.
func (d Date) Time() time.Time {
	t, _ := time.Parse("2006-01-02", string(d))
	return t
}
