package model

import (
	"fmt"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// Kind says what a page is. It follows from the directory the page is in.
type Kind string

// The built-in page kinds. Home, section and page are structural: the
// front page, the _index.md of a folder, and a page in a folder that holds
// no other kind. The others are the content kinds of the toolbox, defined
// in package kinds.
const (
	KindHome           Kind = "home"
	KindSection        Kind = "section"
	KindPage           Kind = "page"
	KindDimension      Kind = "dimension"
	KindTheme          Kind = "theme"
	KindWorksheet      Kind = "worksheet"
	KindStep           Kind = "step"
	KindRecommendation Kind = "recommendation"
	KindFunding        Kind = "funding"
	KindDilemma        Kind = "dilemma"
	KindMethod         Kind = "method"
)

// KindDef is the one definition of a page kind: the folder its pages live
// in, the structured data of their front matter, and what the loader,
// search and rebuilds do with it. Every other part of the generator loops
// over a KindSet instead of naming kinds. Package kinds holds the built-in
// definitions and kinds.Spec, which builds a KindDef from typed functions.
type KindDef interface {
	// Name is the kind; it names the layout (layouts/<name>.html) and
	// the search label (search_kind_<name> in the theme's i18n).
	Name() Kind
	// Dir is the top-level folder of content/ that holds the kind's
	// pages, or "" for the structural kinds.
	Dir() string
	// NewData returns a pointer to the zero structured data that the
	// front matter is decoded into besides Meta, or nil when the kind
	// has only Meta.
	NewData() any
	// NeedsBody reports whether a page of the kind must have text below
	// its front matter.
	NeedsBody() bool
	// Merge fills the structured data of a translation (variant) from
	// its default-language page (base) and sets variant.Data; it never
	// changes base. Problems are added to errs.
	Merge(base, variant *Page, errs *diag.List)
	// Markdown renders the fields of the page's data that hold
	// Markdown, such as a recommendation's examples.
	Markdown(p *Page, md Markdown)
	// Check validates the structured data of a default-language page.
	Check(c Checker, p *Page)
	// Refers returns the IDs that a field of the page's data lists,
	// for the fields that refer to other pages (such as a funding
	// entry's "themes"), or nil.
	Refers(p *Page, field string) []string
	// Index adds the page's searchable text to ix: Facts before the
	// body and items after it.
	Index(ix Indexer, p *Page)
	// Sort orders a list of the kind's pages that SortPages has
	// already ordered.
	Sort(pages []*Page)
}

// Markdown turns the Markdown src of the front-matter field (a key path
// such as "examples.0.text") into HTML. Problems are reported at the field,
// their message prefixed with what ("example \"a\": ...").
type Markdown func(field, what, src string) string

// Checker reports problems with a page's structured data. The content
// loader implements it; a KindDef's Check calls it.
type Checker interface {
	// Site returns the site being checked.
	Site() *Site
	// Errorf reports a problem at pos.
	Errorf(pos diag.Position, format string, args ...any)
	// Required reports a missing (blank) required field.
	Required(p *Page, field, value string)
	// Refs reports IDs that name no page of kind, and fewer than min IDs.
	Refs(p *Page, field string, kind Kind, ids []string, min int)
	// HTTPSURL reports a missing or malformed https:// address.
	HTTPSURL(p *Page, field, value string)
	// Scale reports a scale ID that names no answer scale.
	Scale(p *Page, field, id string)
	// ValidID reports whether id is a well-formed ID (a–z, 0–9, -).
	ValidID(id string) bool
	// Claim records that file uses key in a site-wide namespace (such
	// as every rule ID) and returns the file that claimed it first, if
	// another one did.
	Claim(namespace, key, file string) (other string, taken bool)
}

// Indexer collects the searchable text of a page, split into segments.
// Package search implements it; a KindDef's Index calls it.
type Indexer interface {
	// Site returns the site being indexed.
	Site() *Site
	// Lang returns the language of the index.
	Lang() string
	// Add adds plain texts found under the element with id anchor
	// ("" for the top of the page).
	Add(anchor string, texts ...string)
	// AddHTML adds the text of an HTML fragment, all under anchor.
	AddHTML(anchor, html string)
	// Body adds the page's body, each part under its nearest heading.
	Body()
}

// KindSet is an immutable, ordered set of kind definitions. The order is
// the order of the search index, where earlier kinds win ties. A KindSet
// is safe for concurrent use. A nil *KindSet has no kinds.
type KindSet struct {
	defs   []KindDef
	byName map[Kind]KindDef
	byDir  map[string]KindDef
}

// NewKindSet returns the set of defs, in that order. Names and folders
// must be unique, and the structural kinds (home, section, page) present.
func NewKindSet(defs ...KindDef) (*KindSet, error) {
	s := &KindSet{byName: map[Kind]KindDef{}, byDir: map[string]KindDef{}}
	for _, d := range defs {
		if _, dup := s.byName[d.Name()]; dup {
			return nil, fmt.Errorf("kind %q is defined twice", d.Name())
		}
		if other, dup := s.byDir[d.Dir()]; dup && d.Dir() != "" {
			return nil, fmt.Errorf("kinds %q and %q both use content/%s", other.Name(), d.Name(), d.Dir())
		}
		s.byName[d.Name()] = d
		if d.Dir() != "" {
			s.byDir[d.Dir()] = d
		}
		s.defs = append(s.defs, d)
	}
	for _, k := range []Kind{KindHome, KindSection, KindPage} {
		if s.byName[k] == nil {
			return nil, fmt.Errorf("kind %q is missing", k)
		}
	}
	return s, nil
}

// With returns a new set with defs added after the kinds of s.
func (s *KindSet) With(defs ...KindDef) (*KindSet, error) {
	return NewKindSet(append(s.All(), defs...)...)
}

// All returns the definitions in order.
func (s *KindSet) All() []KindDef {
	if s == nil {
		return nil
	}
	return append([]KindDef(nil), s.defs...)
}

// Get returns the definition of k, or nil. A nil set has no kinds.
func (s *KindSet) Get(k Kind) KindDef {
	if s == nil {
		return nil
	}
	return s.byName[k]
}

// InDir returns the definition of the kind whose pages live in the
// top-level content folder dir, or nil.
func (s *KindSet) InDir(dir string) KindDef {
	if s == nil {
		return nil
	}
	return s.byDir[dir]
}
