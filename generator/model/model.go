// Package model holds the typed content of a Bærekrafthjelperen site: the
// configuration, the pages of every kind and the cross-references between
// them, and the contract a page kind's definition fulfils (KindDef). It is
// pure data and imports only the standard library and diag.
//
// The format of the files the model is loaded from is described in
// docs/content-model.md.
package model

import (
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// Meaning is what an answer option means to the summary, independent of its
// label.
type Meaning string

// The answer meanings.
const (
	Positive    Meaning = "positive"
	Negative    Meaning = "negative"
	Mixed       Meaning = "mixed"
	None        Meaning = "none"
	Unknown     Meaning = "unknown"
	NotRelevant Meaning = "not_relevant"
)

// Meanings lists every valid meaning in display order.
var Meanings = []Meaning{Positive, Negative, Mixed, None, Unknown, NotRelevant}

// Valid reports whether m is one of the defined meanings.
func (m Meaning) Valid() bool {
	for _, v := range Meanings {
		if m == v {
			return true
		}
	}
	return false
}

// Config is the site configuration from hjelperen.toml.
type Config struct {
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	BaseURL     string   `toml:"base_url"`
	Language    string   `toml:"language"`
	Languages   []string `toml:"languages"`
	Theme       string   `toml:"theme"`
	// Search turns the generated search page and index on or off
	// (default on). Very large sites may turn it off: the index holds
	// the text of every page.
	Search *bool  `toml:"search"`
	Menu   []Link `toml:"menu"`
	Footer Footer `toml:"footer"`
	// DownloadZip makes the build write the whole site as one zip file
	// (DownloadFile) that works when unzipped and opened from disk, and
	// link it from the footer. Off by default.
	DownloadZip bool `toml:"download_zip"`
	// Translations holds the configuration's own text (description,
	// footer, menu and footer link titles) in the other languages, by
	// language code: [translations.nn] in hjelperen.toml.
	Translations map[string]Translation `toml:"translations"`
}

// Translation is the text of hjelperen.toml in one language other than
// the default. What it leaves out falls back to the default language.
type Translation struct {
	Description string `toml:"description"`
	FooterText  string `toml:"footer_text"`
	// Links are the titles of the menu and footer links, keyed by the
	// content path of the page they point at ("rod-trad/_index.md").
	Links map[string]string `toml:"links"`
}

// Text is a piece of configured text and the language it is written in,
// which differs from the page's when a translation is missing.
type Text struct {
	Text string
	Lang string
}

// DescriptionIn returns the site description in lang.
func (c *Config) DescriptionIn(lang string) Text {
	if t := c.Translations[lang].Description; t != "" {
		return Text{t, lang}
	}
	return Text{c.Description, c.Language}
}

// FooterTextIn returns the footer text in lang.
func (c *Config) FooterTextIn(lang string) Text {
	if t := c.Translations[lang].FooterText; t != "" {
		return Text{t, lang}
	}
	return Text{c.Footer.Text, c.Language}
}

// LinkTitleIn returns the configured title of a menu or footer link in
// lang, and whether there is one in that language.
func (c *Config) LinkTitleIn(l Link, lang string) (string, bool) {
	if lang == c.Language {
		return l.Title, l.Title != ""
	}
	t, ok := c.Translations[lang].Links[l.Page]
	return t, ok && t != ""
}

// ZipFile is the name of the downloadable copy of the site in the output
// root, written when DownloadZip is on.
const ZipFile = "baerekrafthjelperen.zip"

// DownloadFile returns the output path of the downloadable copy of the
// site, or "" when DownloadZip is off.
func (c Config) DownloadFile() string {
	if !c.DownloadZip {
		return ""
	}
	return ZipFile
}

// SearchEnabled reports whether the site has a search page.
func (c *Config) SearchEnabled() bool { return c.Search == nil || *c.Search }

// Link points at a page by its content path, such as "tema/_index.md".
type Link struct {
	Title string `toml:"title"`
	Text  string `toml:"text"`
	Page  string `toml:"page"`

	Pos diag.Position `toml:"-"`
	// Lang is set on a card a translated page took over from the
	// default-language page: the language its text is written in.
	Lang string `toml:"-"`
}

// Footer is the site footer.
type Footer struct {
	Text     string    `toml:"text"`
	Contacts []Contact `toml:"contacts"`
	Links    []Link    `toml:"links"`
}

// Contact is a way to reach the people behind the site.
type Contact struct {
	Name  string `toml:"name"`
	Email string `toml:"email"`
	Phone string `toml:"phone"`
	URL   string `toml:"url"`
}

// Scale is an answer scale: the options of a worksheet's dropdowns.
type Scale struct {
	ID      string   `toml:"id"`
	Title   string   `toml:"title"`
	Options []Option `toml:"option"`
	// Conflicts says whether the summary looks for goal conflicts (one
	// theme positive, another negative). It defaults to true; set it to
	// false where "negative" means "not covered yet" rather than a harmful
	// effect, as in a plan-need scale.
	Conflicts *bool `toml:"conflicts"`

	Pos diag.Position `toml:"-"`
}

// FindsConflicts reports whether worksheets with this scale look for goal
// conflicts.
func (s *Scale) FindsConflicts() bool { return s.Conflicts == nil || *s.Conflicts }

// Option is one answer in a scale. Code is stable and saved with answers.
type Option struct {
	Code    string  `toml:"code" json:"code"`
	Label   string  `toml:"label" json:"label"`
	Meaning Meaning `toml:"meaning" json:"meaning"`
}

// Rule is a kjøreregel: one thing it takes for a theme to be sustainable.
type Rule struct {
	ID   string `toml:"id" json:"id"`
	Text string `toml:"text" json:"text"`
}

// Question is a worksheet question belonging to a theme and a plan level.
type Question struct {
	ID    string   `toml:"id"`
	Level string   `toml:"level"`
	Text  string   `toml:"text"`
	Help  string   `toml:"help"`
	Rules []string `toml:"rules"`
}

// Example is a "sånn gjør vi det" example of a recommendation.
type Example struct {
	ID           string `toml:"id"`
	Title        string `toml:"title"`
	Text         string `toml:"text"`
	Municipality string `toml:"municipality"`

	HTML string `toml:"-"` // Text rendered from Markdown
}
