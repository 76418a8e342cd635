// Package markdown turns the Markdown body of a page into HTML. It owns the
// goldmark configuration: GitHub tables, strikethrough and autolinks,
// heading IDs, Norwegian typographic quotes, and no raw HTML. Links are
// handed to a caller-supplied function so that links to other content files
// can be checked and rewritten; the package knows nothing about sites.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Heading is a heading found in the document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Problem is something wrong in the Markdown, at a 1-based line and column
// of the source passed to Convert.
type Problem struct {
	Line, Col int
	Msg       string
}

// Result is the output of Convert.
type Result struct {
	HTML     []byte
	Headings []Heading
	Problems []Problem
}

// LinkFunc rewrites a link destination. It returns the new destination, or
// an error message describing why the link is broken.
type LinkFunc func(dest string) (string, error)

// Converter converts Markdown to HTML. The zero value is not usable; call
// New. A Converter is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// plain is md without linkify, for text in which linkify can find
	// nothing. Linkify is called at every space and costs about a third
	// of the parse time of ordinary prose.
	plain goldmark.Markdown
}

// New returns a Converter with the site's Markdown dialect.
func New() *Converter {
	return &Converter{
		md:    newGoldmark(norwegianQuotes(), goldmark.WithExtensions(extension.Linkify)),
		plain: newGoldmark(norwegianQuotes(), goldmark.WithExtensions()),
	}
}

// norwegianQuotes are the typographer's substitutions: «» quotes, en and
// em dashes, the ellipsis and the apostrophe.
func norwegianQuotes() extension.TypographicSubstitutions {
	quotes := map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  "«",
		extension.RightDoubleQuote: "»",
		extension.LeftSingleQuote:  "‘",
		extension.RightSingleQuote: "’",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.Apostrophe:       "’",
	}
	subs := extension.TypographicSubstitutions{}
	for k, v := range quotes {
		subs[k] = []byte(v)
	}
	return subs
}

// newGoldmark returns goldmark with the site's extensions, and linking
// of bare URLs as set by linkify.
func newGoldmark(subs extension.TypographicSubstitutions, linkify goldmark.Option) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// Column alignment becomes a class (see Convert): goldmark's
			// default, a style attribute, is blocked by the site's
			// Content-Security-Policy.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		linkify,
	)
}

// mayHoldBareLink reports whether goldmark's linkify could find anything
// in src: every URL it links has "://" or starts with "www.", and every
// e-mail address has an "@".
func mayHoldBareLink(src []byte) bool {
	return bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www.")) || bytes.IndexByte(src, '@') >= 0
}

// rawHTML is the problem message for HTML in the Markdown.
const rawHTML = "HTML-kode kan ikke brukes i teksten: skriv det som Markdown, eller be en utvikler legge det inn i malen (themes/)"

// Convert renders src to HTML. Every link and image destination is passed
// to link (which may be nil); raw HTML is reported as a problem and left
// out of the output.
func (c *Converter) Convert(src []byte, link LinkFunc) Result {
	var res Result
	md := c.md
	if !mayHoldBareLink(src) {
		md = c.plain
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))

	var www []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, src)})
		case *ast.Link:
			n.Destination = c.rewrite(n.Destination, n, src, link, &res)
		case *ast.Image:
			if msg := remoteImage(n.Destination); msg != "" {
				res.problem(src, nodeOffset(n, src, n.Destination), msg)
				break
			}
			n.Destination = c.rewrite(n.Destination, n, src, link, &res)
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkURL {
				break
			}
			if n.Protocol != nil { // a bare www. address: goldmark would link it with http://
				www = append(www, n)
				break
			}
			c.checkAutoLink(n, src, link, &res)
		case *extast.TableCell:
			if n.Alignment != extast.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		case *ast.RawHTML:
			off := segmentStart(n, src)
			if n.Segments.Len() > 0 {
				off = n.Segments.At(0).Start
			}
			res.problemOnce(src, off, rawHTML)
		case *ast.HTMLBlock:
			off := 0
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
			res.problem(src, off, rawHTML)
		}
		return ast.WalkContinue, nil
	})

	for _, n := range www {
		unlink(n, src)
	}

	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4) // HTML is a little longer than its Markdown
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		res.Problems = append(res.Problems, Problem{Line: 1, Col: 1, Msg: "render: " + err.Error()})
	}
	res.HTML = buf.Bytes()
	return res
}

func (c *Converter) rewrite(dest []byte, n ast.Node, src []byte, link LinkFunc, res *Result) []byte {
	if link == nil {
		return dest
	}
	out, err := link(string(dest))
	if err != nil {
		res.problem(src, nodeOffset(n, src, dest), err.Error())
		return dest
	}
	return []byte(out)
}

// checkAutoLink passes the URL of a bare or <angle-bracket> link to link,
// so that it obeys the same rules as a written link: a bare
// http://example.no is an error, as [x](http://example.no) is.
func (c *Converter) checkAutoLink(n *ast.AutoLink, src []byte, link LinkFunc, res *Result) {
	if link == nil {
		return
	}
	if _, err := link(string(n.URL(src))); err != nil {
		res.problem(src, offsetOf(src, n.Label(src)), err.Error())
	}
}

// unlink replaces the autolink n, a bare www. address, by its text. Such
// an address has no scheme, and guessing one either makes an http link
// (against the rule that links to other sites use https://) or an https
// link the other site may not answer; the editor who wants a link writes
// https://www.example.no.
func unlink(n *ast.AutoLink, src []byte) {
	label := n.Label(src)
	var t ast.Node = ast.NewString(label)
	if off := offsetOf(src, label); off >= 0 {
		t = ast.NewTextSegment(text.NewSegment(off, off+len(label)))
	}
	n.Parent().ReplaceChild(n.Parent(), n, t)
}

// remoteImage returns a problem message if dest, an image's address, is
// not a file of the site. An image from another site makes every visitor's
// browser ask that site for it, which the site promises never to do (and
// its Content-Security-Policy blocks it anyway).
func remoteImage(dest []byte) string {
	u, err := url.Parse(string(dest))
	if err != nil || (u.Scheme == "" && u.Host == "") {
		return "" // a path in the site, checked as a link
	}
	name := path.Base(u.Path)
	if name == "." || name == "/" {
		name = "bilde.png"
	}
	return fmt.Sprintf("bildet «%s» ligger på et annet nettsted. Bilder må være filer i nettstedet: "+
		"last det ned, legg det i static/bilder/ og skriv ![beskrivelse](/bilder/%s)", dest, name)
}

// offsetOf returns where sub starts in src, or -1 if sub is not a slice of
// src. goldmark hands out text as slices of the source, so this finds
// the position of a node that has no segment of its own.
func offsetOf(src, sub []byte) int {
	off := cap(src) - cap(sub)
	if len(sub) == 0 || off < 0 || off+len(sub) > len(src) || &src[off] != &sub[0] {
		return -1
	}
	return off
}

// problemOnce adds a problem unless the line has the same one already, as
// <b>bold</b> has an opening and a closing tag but is one mistake.
func (r *Result) problemOnce(src []byte, off int, msg string) {
	line, _ := position(src, off)
	for _, p := range r.Problems {
		if p.Line == line && p.Msg == msg {
			return
		}
	}
	r.problem(src, off, msg)
}

func (r *Result) problem(src []byte, off int, msg string) {
	line, col := position(src, off)
	r.Problems = append(r.Problems, Problem{Line: line, Col: col, Msg: msg})
}

// nodeOffset returns the source offset of a link or image n with
// destination dest: its opening bracket, or else where dest first occurs.
func nodeOffset(n ast.Node, src, dest []byte) int {
	if off := segmentStart(n, src); off >= 0 {
		return off
	}
	return bytes.Index(src, dest)
}

// segmentStart returns the source offset of the first text inside n, or -1.
func segmentStart(n ast.Node, src []byte) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start > 0 && n.Kind() == ast.KindLink && start <= len(src) && src[start-1] == '[' {
		start-- // point at the opening bracket
	}
	if start > 1 && n.Kind() == ast.KindImage && start <= len(src) && string(src[start-2:start]) == "![" {
		start -= 2
	}
	return start
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// position returns the 1-based line and byte column of offset off in src.
// It is only needed when something is wrong, so it scans src each time.
func position(src []byte, off int) (line, col int) {
	if off < 0 {
		return 1, 1
	}
	off = min(off, len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.Count(src[:start], []byte{'\n'}) + 1, off - start + 1
}

// ids generates heading IDs that keep Norwegian words readable:
// "Økonomi og Bærekraft" becomes "okonomi-og-baerekraft".
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "seksjon"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Slug lowercases s, spells out æ, ø and å in ASCII, and joins words with
// hyphens.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		var rep string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			rep = string(r)
		case r == 'æ':
			rep = "ae"
		case r == 'ø' || r == 'ö':
			rep = "o"
		case r == 'å' || r == 'ä' || r == 'á':
			rep = "a"
		case r == 'é' || r == 'è':
			rep = "e"
		case r == 'č' || r == 'ç':
			rep = "c"
		case r == 'đ':
			rep = "d"
		case r == 'ŋ':
			rep = "n"
		case r == 'š':
			rep = "s"
		case r == 'ŧ':
			rep = "t"
		case r == 'ž':
			rep = "z"
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(rep)
	}
	return b.String()
}
