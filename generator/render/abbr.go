package render

import (
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// abbrTerm is an abbreviation from the glossary and what it stands for.
type abbrTerm struct {
	Abbr, Title string
}

// glossaryEntry is how the glossary page (model.GlossaryPath) writes an
// abbreviation: a third-level heading that is the abbreviation, and a
// paragraph that starts with what it stands for in bold.
var glossaryEntry = regexp.MustCompile(`<h3 id="[^"]*">([^<]+)</h3>\s*<p><strong>([^<]+)</strong>`)

// glossary returns the abbreviations of the glossary page in lang, longest
// first, or nil when the site has no glossary. It is read once per
// renderer and language.
func (d *Data) glossary() []abbrTerm {
	key := "glossary|" + d.Lang
	if v, ok := d.r.cache.Load(key); ok {
		return v.([]abbrTerm)
	}
	var terms []abbrTerm
	if g := d.Site.ByPath[model.GlossaryPath]; g != nil {
		for _, m := range glossaryEntry.FindAllStringSubmatch(g.Variant(d.Lang).HTML, -1) {
			terms = append(terms, abbrTerm{Abbr: strings.TrimSpace(m[1]), Title: strings.TrimSuffix(strings.TrimSpace(m[2]), ".")})
		}
	}
	slices.SortStableFunc(terms, func(a, b abbrTerm) int { return len(b.Abbr) - len(a.Abbr) })
	d.r.cache.Store(key, terms)
	return terms
}

// Prose returns the page's body HTML with the first use of every
// abbreviation from the glossary marked up as <abbr title="…">, so that
// readers and screen readers can get what it stands for.
func (d *Data) Prose() template.HTML {
	return template.HTML(abbreviate(d.Page.HTML, d.glossary()))
}

// noAbbr are the elements whose text is left alone: links and headings
// (an <abbr> there would change their accessible name), code, and
// abbreviations already marked.
var noAbbr = map[string]bool{"a": true, "abbr": true, "code": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// abbreviate wraps the first whole-word use of each term in the text of
// the HTML fragment h (as rendered from Markdown) in an <abbr>.
func abbreviate(h string, terms []abbrTerm) string {
	if len(terms) == 0 {
		return h
	}
	used := make([]bool, len(terms))
	var b strings.Builder
	b.Grow(len(h) + 64)
	skip := 0
	for h != "" {
		if h[0] == '<' {
			end := strings.IndexByte(h, '>')
			if end < 0 {
				b.WriteString(h)
				break
			}
			name, closing := tagName(h[1:end])
			if noAbbr[name] {
				if closing {
					skip--
				} else {
					skip++
				}
			}
			b.WriteString(h[:end+1])
			h = h[end+1:]
			continue
		}
		next := strings.IndexByte(h, '<')
		if next < 0 {
			next = len(h)
		}
		text := h[:next]
		h = h[next:]
		if skip == 0 {
			text = wrapFirst(text, terms, used)
		}
		b.WriteString(text)
	}
	return b.String()
}

// tagName returns the lower-case name of the tag whose text between < and
// > is tag, and whether it is a closing tag.
func tagName(tag string) (name string, closing bool) {
	if strings.HasPrefix(tag, "/") {
		closing, tag = true, tag[1:]
	}
	if i := strings.IndexAny(tag, " \t\n/"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag), closing
}

// wrapFirst wraps, in one text node, the first use of each term not used
// yet on the page, and marks it used.
func wrapFirst(text string, terms []abbrTerm, used []bool) string {
	type hit struct{ at, term int }
	var hits []hit
	for i, t := range terms {
		if !used[i] {
			if at := wordIndex(text, t.Abbr); at >= 0 {
				hits = append(hits, hit{at, i})
			}
		}
	}
	if len(hits) == 0 {
		return text
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	var b strings.Builder
	pos := 0
	for _, x := range hits {
		t := terms[x.term]
		if x.at < pos { // inside a longer term wrapped just before
			continue
		}
		used[x.term] = true
		b.WriteString(text[pos:x.at])
		b.WriteString(`<abbr title="` + t.Title + `">` + t.Abbr + `</abbr>`)
		pos = x.at + len(t.Abbr)
	}
	b.WriteString(text[pos:])
	return b.String()
}

// wordIndex returns the index of the first use of word in s that is not
// part of a longer word, or -1.
func wordIndex(s, word string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + len(word)
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
