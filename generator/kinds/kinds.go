// Package kinds defines the page kinds of a Bærekrafthjelperen site, each
// in one place: the folder its pages live in, the structured data of their
// front matter, how a translation is merged with the default-language page,
// what is checked, how the kind's lists are ordered and what search finds.
// The content loader, the site index, search, rendering and rebuilds loop
// over a model.KindSet instead of switching on kinds; outside this package
// kinds are named only for structure (home, section, page) and for the
// shortcuts layouts use, such as .Themes in package render.
//
// A new kind is one Spec (or Plain) in Builtin, or added to a set with
// Builtin().With, plus a layout (layouts/<kind>.html) and a search label
// (search_kind_<kind>) in the theme; docs/new-page-kind.md walks through
// it.
package kinds

import (
	"slices"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// Spec defines a kind whose front matter holds structured data of type T
// besides model.Meta. T's fields carry toml tags, and a page's data is
// reached as model.DataOf[T](p), or .Page.Data in a layout. Only Name is
// required; every function may be nil.
type Spec[T any] struct {
	// Name is the kind, which also names its layout.
	Name model.Kind
	// Dir is the folder of content/ that holds the kind's pages.
	Dir string
	// Body says that a page of the kind must have text below its front
	// matter.
	Body bool
	// Merge returns the data of a translation from base, the data of
	// the default-language page, and variant, the translation's own.
	// Both are copies. v is the translation, for error positions. When
	// Merge is nil, a translation gets base's data unchanged.
	Merge func(base, variant T, v *model.Page, errs *diag.List) T
	// Markdown renders the fields of d that hold Markdown with md.
	Markdown func(d *T, md model.Markdown)
	// Check validates the data of a default-language page.
	Check func(c model.Checker, p *model.Page, d *T)
	// Refs maps the fields of T that list IDs of other pages to a
	// function returning them, so that layouts can find the pages that
	// refer to a page (model.Site.Referring, .Referring in a layout).
	Refs map[string]func(d *T) []string
	// Facts returns texts search finds at the top of the page, before
	// the body.
	Facts func(d *T) []string
	// Items adds what search finds after the body, usually with the
	// anchor of each item.
	Items func(ix model.Indexer, p *model.Page, d *T)
	// Less orders the kind's lists. Pages it ranks equal stay in the
	// order of weight, then title.
	Less func(a, b *T) bool
}

// Define returns the KindDef of a Spec.
func Define[T any](s Spec[T]) model.KindDef { return def[T]{s} }

type def[T any] struct{ s Spec[T] }

func (d def[T]) Name() model.Kind { return d.s.Name }
func (d def[T]) Dir() string      { return d.s.Dir }
func (d def[T]) NewData() any     { return new(T) }
func (d def[T]) NeedsBody() bool  { return d.s.Body }

func (d def[T]) Merge(base, v *model.Page, errs *diag.List) {
	b, o := model.DataOf[T](base), model.DataOf[T](v)
	if b == nil {
		return
	}
	merged := *b
	if d.s.Merge != nil && o != nil {
		merged = d.s.Merge(*b, *o, v, errs)
	}
	v.Data = &merged
}

func (d def[T]) Markdown(p *model.Page, md model.Markdown) {
	if data := model.DataOf[T](p); data != nil && d.s.Markdown != nil {
		d.s.Markdown(data, md)
	}
}

func (d def[T]) Check(c model.Checker, p *model.Page) {
	if data := model.DataOf[T](p); data != nil && d.s.Check != nil {
		d.s.Check(c, p, data)
	}
}

func (d def[T]) Refers(p *model.Page, field string) []string {
	data, ids := model.DataOf[T](p), d.s.Refs[field]
	if data == nil || ids == nil {
		return nil
	}
	return ids(data)
}

func (d def[T]) Index(ix model.Indexer, p *model.Page) {
	data := model.DataOf[T](p)
	if data != nil && d.s.Facts != nil {
		ix.Add("", d.s.Facts(data)...)
	}
	ix.Body()
	if data != nil && d.s.Items != nil {
		d.s.Items(ix, p, data)
	}
}

func (d def[T]) Sort(pages []*model.Page) {
	if d.s.Less == nil {
		return
	}
	slices.SortStableFunc(pages, func(a, b *model.Page) int {
		da, db := model.DataOf[T](a), model.DataOf[T](b)
		switch {
		case d.s.Less(da, db):
			return -1
		case d.s.Less(db, da):
			return 1
		}
		return 0
	})
}

// Plain defines a kind with no structured data: its front matter is
// model.Meta only.
func Plain(name model.Kind, dir string, body bool) model.KindDef {
	return plain{name, dir, body}
}

type plain struct {
	name model.Kind
	dir  string
	body bool
}

func (k plain) Name() model.Kind                        { return k.name }
func (k plain) Dir() string                             { return k.dir }
func (k plain) NewData() any                            { return nil }
func (k plain) NeedsBody() bool                         { return k.body }
func (k plain) Merge(base, v *model.Page, _ *diag.List) {}
func (k plain) Markdown(*model.Page, model.Markdown)    {}
func (k plain) Check(model.Checker, *model.Page)        {}
func (k plain) Index(ix model.Indexer, _ *model.Page)   { ix.Body() }
func (k plain) Sort([]*model.Page)                      {}
func (k plain) Refers(*model.Page, string) []string     { return nil }

// Builtin returns the kinds of the Bærekrafthjelperen toolbox, in the
// order of the search index.
func Builtin() *model.KindSet {
	s, err := model.NewKindSet(
		Worksheet(), Theme(), Plain(model.KindDimension, "dimensjoner", true), Step(),
		Funding(), Dilemma(), Recommendation(), Method(),
		Plain(model.KindSection, "", false), Plain(model.KindHome, "", false), Plain(model.KindPage, "", true),
	)
	if err != nil {
		panic(err) // the built-in definitions are fixed
	}
	return s
}

// MergeByID returns the base items in base order, each merged with the
// variant's item of the same ID. Variant items with IDs the base lacks are
// reported at field of v.
func MergeByID[T any](base, variant []T, id func(T) string, merge func(b, o T) T, v *model.Page, field string, errs *diag.List) []T {
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
			errs.Addf(v.FieldPos(field), "%s: ID-en «%s» finnes ikke på siden på hovedspråket (en oversettelse må bruke de samme ID-ene)", field, id(o))
		}
	}
	return out
}

// Pick returns v, or fallback when v is empty: a translated text where the
// translation has one.
func Pick(v, fallback string) string {
	if v != "" {
		return v
	}
	return fallback
}
