// Package search builds the client-side search index of a site.
//
// Collect gathers, for every page in one language, the title, the
// description and the plain text of the page split into short segments
// (paragraphs, list items, kjøreregler, worksheet questions, discussion
// questions), each with the anchor of the nearest heading or item so that
// a hit can link straight to it. Sharded writes that as many small
// scripts (word shards and page groups, see shard.go), so that a query
// loads a few of them rather than the whole index, and updates them when
// pages change. The search script (themes/default/static/js/search.js)
// folds text and splits words with the same rules as Fold and Words.
package search

import (
	"encoding/json"
	"html"
	"strings"
	"unicode"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// MaxSegment is the longest segment kept, in runes. Longer paragraphs are
// split at sentence ends, so a snippet is always drawn from one segment.
const MaxSegment = 320

// Index is the data of the index file.
type Index struct {
	// Version is the format version; the script refuses other versions.
	Version int `json:"v"`
	// Lang is the language of the pages.
	Lang string `json:"lang"`
	// Kinds maps a page kind to its label in Lang.
	Kinds map[string]string `json:"kinds"`
	// Docs are the pages, in site order (section by section).
	Docs []Doc `json:"docs"`
}

// Doc is one page in the index.
type Doc struct {
	URL         string `json:"u"` // output path, relative to the output root
	Title       string `json:"t"`
	Kind        string `json:"k"`
	Description string `json:"d,omitempty"`
	// Lang is the language of the page when it is not the index's (a
	// page without a version in that language).
	Lang     string    `json:"l,omitempty"`
	Segments []Segment `json:"x,omitempty"`
}

// Segment is a piece of a page's text with the anchor (element id) it is
// found under, if any. It is written as a JSON string when it has no
// anchor and as ["text", "anchor"] when it has one.
type Segment struct {
	Text   string
	Anchor string
}

// MarshalJSON implements json.Marshaler.
func (s Segment) MarshalJSON() ([]byte, error) {
	if s.Anchor == "" {
		return json.Marshal(s.Text)
	}
	return json.Marshal([2]string{s.Text, s.Anchor})
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Segment) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var pair [2]string
		if err := json.Unmarshal(b, &pair); err != nil {
			return err
		}
		s.Text, s.Anchor = pair[0], pair[1]
		return nil
	}
	s.Anchor = ""
	return json.Unmarshal(b, &s.Text)
}

// KindKey returns the interface string key of a kind's label, such as
// "search_kind_theme".
func KindKey(k model.Kind) string { return "search_kind_" + string(k) }

// Collect returns the index data of the site's pages in lang: every
// default-language page in its lang variant where one exists.
func Collect(site *model.Site, lang string) *Index {
	ix := &Index{Version: Version, Lang: lang, Kinds: kindLabels(site, lang)}
	for _, e := range entries(site) {
		ix.Docs = append(ix.Docs, e.doc(site, lang))
	}
	return ix
}

// kindLabels returns the label of every page kind in lang.
func kindLabels(site *model.Site, lang string) map[string]string {
	out := map[string]string{}
	for _, k := range site.Kinds.All() {
		out[string(k.Name())] = str(site, lang, KindKey(k.Name()))
	}
	return out
}

// entry is a default-language page of the index with its kind.
type entry struct {
	kind model.KindDef
	page *model.Page
}

// entries returns the pages of the index in its order: kind by kind.
func entries(site *model.Site) []entry {
	var out []entry
	for _, k := range site.Kinds.All() {
		for _, p := range pagesOf(site, k) {
			out = append(out, entry{k, p})
		}
	}
	return out
}

// doc returns the entry's Doc in lang.
func (e entry) doc(site *model.Site, lang string) Doc {
	return doc(site, e.kind, e.page.Variant(lang), lang)
}

// pagesOf returns the default-language pages of a kind: in the kind's
// list order (weight, then title; steps by number) for kinds with their
// own folder, in output-path order for the structural kinds.
func pagesOf(site *model.Site, k model.KindDef) []*model.Page {
	if k.Dir() != "" {
		return site.List(k.Name())
	}
	var out []*model.Page
	for _, p := range site.Pages {
		if p.Kind == k.Name() && p.Lang == site.Config.Language {
			out = append(out, p)
		}
	}
	return out
}

// str returns an interface string in lang, falling back to the default
// language and then to the key itself.
func str(site *model.Site, lang, key string) string {
	if s, ok := site.Strings[lang][key]; ok {
		return s
	}
	if s, ok := site.Strings[site.Config.Language][key]; ok {
		return s
	}
	return key
}

// doc turns a page into a Doc with its text segments.
func doc(site *model.Site, k model.KindDef, p *model.Page, lang string) Doc {
	d := Doc{URL: p.OutPath, Title: p.Title, Kind: string(p.Kind), Description: p.Description}
	if p.Lang != lang {
		d.Lang = p.Lang
		// A page not written in lang is found by its title and
		// description only: its text is in another language, which a
		// query in lang would rarely match and which would make the
		// index of lang as large as that of the other.
		return d
	}
	ix := &indexer{site: site, lang: lang, page: p}
	k.Index(ix, p)
	d.Segments = dedupe(ix.segs, p)
	return d
}

// indexer collects the segments of one page; it implements
// model.Indexer.
type indexer struct {
	site *model.Site
	lang string
	page *model.Page
	segs []Segment
}

func (ix *indexer) Site() *model.Site { return ix.site }
func (ix *indexer) Lang() string      { return ix.lang }

func (ix *indexer) Add(anchor string, texts ...string) {
	for _, t := range texts {
		for _, s := range split(t) {
			ix.segs = append(ix.segs, Segment{Text: s, Anchor: anchor})
		}
	}
}

func (ix *indexer) AddHTML(anchor, html string) {
	for _, s := range Text(html) {
		ix.Add(anchor, s.Text)
	}
}

func (ix *indexer) Body() { ix.segs = append(ix.segs, Text(ix.page.HTML)...) }

// dedupe drops empty segments and those that repeat the title, the
// description or an earlier segment.
func dedupe(segs []Segment, p *model.Page) []Segment {
	seen := map[string]bool{p.Title: true, p.Description: true}
	out := segs[:0]
	for _, s := range segs {
		if s.Text == "" || seen[s.Text] {
			continue
		}
		seen[s.Text] = true
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// blockTags end a segment when they open or close.
var blockTags = map[string]bool{
	"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"td": true, "th": true, "tr": true, "br": true, "div": true, "blockquote": true, "pre": true,
	"dt": true, "dd": true, "ul": true, "ol": true, "table": true, "figcaption": true, "hr": true,
}

// Text extracts the plain text of an HTML fragment (as rendered from
// Markdown) as segments: one per block element, each carrying the id of
// the nearest heading before it as its anchor. Entities are decoded and
// white space is collapsed.
func Text(fragment string) []Segment {
	var segs []Segment
	var cur strings.Builder
	anchor := ""
	flush := func() {
		for _, s := range split(cur.String()) {
			segs = append(segs, Segment{Text: s, Anchor: anchor})
		}
		cur.Reset()
	}
	s := fragment
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			cur.WriteString(html.UnescapeString(s))
			break
		}
		cur.WriteString(html.UnescapeString(s[:i]))
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := s[1:j]
		s = s[j+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimPrefix(tag, "/"))
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		if !blockTags[name] {
			if name == "img" {
				cur.WriteString(attr(tag, "alt"))
			}
			continue
		}
		flush()
		if !closing && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
			if id := attr(tag, "id"); id != "" {
				anchor = id
			}
		}
	}
	flush()
	return segs
}

// attr returns the value of a double-quoted attribute in a start tag.
func attr(tag, name string) string {
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		return html.UnescapeString(v[:j])
	}
	return ""
}

// split collapses white space and cuts text longer than MaxSegment runes
// at sentence ends (or, failing that, at spaces).
func split(text string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	for len([]rune(text)) > MaxSegment {
		r := []rune(text)
		cut := -1
		for i := MaxSegment - 1; i > MaxSegment/3; i-- {
			if (r[i] == '.' || r[i] == '?' || r[i] == '!' || r[i] == ':') && r[i+1] == ' ' {
				cut = i + 1
				break
			}
		}
		if cut < 0 {
			for i := MaxSegment - 1; i > 0; i-- {
				if r[i] == ' ' {
					cut = i
					break
				}
			}
		}
		if cut <= 0 {
			cut = MaxSegment
		}
		out = append(out, strings.TrimSpace(string(r[:cut])))
		text = strings.TrimSpace(string(r[cut:]))
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// letters folds single letters: Norwegian and Sámi letters and common
// accented letters become their plain ASCII base.
var letters = map[rune]string{
	'æ': "a", 'ø': "o", 'å': "a", 'ä': "a", 'ö': "o", 'ü': "u",
	'á': "a", 'à': "a", 'â': "a", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'í': "i", 'ì': "i", 'ï': "i", 'ó': "o", 'ò': "o", 'ô': "o", 'ú': "u", 'ù': "u",
	'č': "c", 'ç': "c", 'đ': "d", 'ŋ': "n", 'š': "s", 'ŧ': "t", 'ž': "z", 'ñ': "n",
}

// Fold returns the search key of a text: lower case, with æ, ø and å (and
// accented letters) reduced to a, o and a, and the spellings "ae", "oe"
// and "aa" reduced to "a", "o" and "a". So "Bærekraft", "baerekraft" and
// "barekraft" all fold to "barekraft", and "Økonomi" and "oekonomi" to
// "okonomi". The search script implements the same rules.
func Fold(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		c := unicode.ToLower(r[i])
		if (c == 'a' || c == 'o') && i+1 < len(r) {
			n := unicode.ToLower(r[i+1])
			if n == 'e' || (c == 'a' && n == 'a') {
				b.WriteRune(c)
				i++
				continue
			}
		}
		if f, ok := letters[c]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
