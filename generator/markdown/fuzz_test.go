package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzConvert renders arbitrary Markdown. Whatever the editor writes, the
// output must be valid UTF-8 (for valid UTF-8 input; the content loader
// rejects the rest first), hold only the elements and attributes
// Markdown makes, never an address that runs code, and no inline style,
// which the site's Content-Security-Policy would block. Problems must lie
// within the input and heading IDs must be unique. The link function
// passes every destination on unchanged, so that the converter's own
// defences are what is tested. Seeds: testdata/fuzz/FuzzConvert and the
// cases of the other tests.
func FuzzConvert(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [w](&#106;avascript:alert(1))",
		"<javascript:alert(1)> <vbscript:x> [a]: data:text/html,x\n\n[x][a]",
		"[x](<java\tscript:alert(1)>) [y](\x01javascript:x) [z]( javascript:x)",
		"![i](data:image/png;base64,AAAA) ![j](data:text/html,x)",
		"<script>alert(1)</script>\n\n<div onclick=x>a</div> <b onmouseover=\"x\">b</b> <!-- c -->",
		"| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n",
		"# Økonomi\n\n## Økonomi\n\n## Økonomi-1\n\n## !!!\n\n## \n",
		"[x](a.md \"tittel \\\" onmouseover=alert(1)\")",
		"```html\n<script>x</script>\n```\n\n    <iframe>\n\n`<b>`",
	} {
		f.Add([]byte(s))
	}
	c := New()
	same := func(dest string) (string, error) { return dest, nil }
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return
		}
		res := c.Convert(src, same)
		if !utf8.Valid(res.HTML) {
			t.Errorf("output is not valid UTF-8: %q", res.HTML)
		}
		checkMarkup(t, res.HTML)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, p := range res.Problems {
			if p.Line < 1 || p.Line > lines || p.Col < 1 {
				t.Errorf("problem at %d:%d outside the input (%d lines): %s", p.Line, p.Col, lines, p.Msg)
			}
		}
		seen := map[string]bool{}
		for _, h := range res.Headings {
			if seen[h.ID] || !validID.MatchString(h.ID) {
				t.Errorf("heading ID %q is repeated or not a valid ID", h.ID)
			}
			seen[h.ID] = true
		}
	})
}

var (
	validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// tag matches a start or end tag as goldmark writes them: lower-case
	// names, double-quoted attribute values.
	tag  = regexp.MustCompile(`^<(/?)([a-z][a-z0-9]*)((?: [a-z]+="[^"<>]*")*) ?/?>`)
	attr = regexp.MustCompile(` ([a-z]+)="([^"]*)"`)
	// elements lists what Markdown may produce, with the attributes
	// each may carry.
	elements = map[string][]string{
		"p": nil, "em": nil, "strong": nil, "del": nil, "code": {"class"}, "pre": nil, "blockquote": nil,
		"h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
		"ul": nil, "ol": {"start"}, "li": nil, "hr": nil, "br": nil,
		"a": {"href", "title"}, "img": {"src", "alt", "title"},
		"table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"class"}, "td": {"class"},
	}
)

// checkMarkup fails unless out consists of text and the tags in elements,
// with safe addresses. A "<" that starts no such tag means raw HTML got
// through.
func checkMarkup(t *testing.T, out []byte) {
	t.Helper()
	s := string(out)
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return
		}
		s = s[i:]
		if strings.HasPrefix(s, "<!-- raw HTML omitted -->") {
			s = s[len("<!-- raw HTML omitted -->"):]
			continue
		}
		m := tag.FindStringSubmatch(s)
		if m == nil {
			t.Errorf("raw markup in the output: %.60q", s)
			return
		}
		allowed, ok := elements[m[2]]
		if !ok {
			t.Errorf("element <%s> in the output: %.60q", m[2], s)
		}
		for _, a := range attr.FindAllStringSubmatch(m[3], -1) {
			if !contains(allowed, a[1]) {
				t.Errorf("attribute %s on <%s> in the output: %.80q", a[1], m[2], s)
			}
			if (a[1] == "href" || a[1] == "src") && unsafeURL(a[2]) {
				t.Errorf("unsafe address in the output: %.80q", s)
			}
		}
		s = s[len(m[0]):]
	}
}

// unsafeURL reports whether an attribute value, as a browser reads it,
// has a scheme that runs code or embeds a document: the browser decodes
// character references, strips leading and trailing spaces and control
// characters, and removes tabs and newlines anywhere. Raster images as
// data: addresses cannot run code (goldmark lets them through; the site's
// link check refuses them).
func unsafeURL(v string) bool {
	v = html.UnescapeString(v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	v = strings.ToLower(v)
	for _, img := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(v, img) {
			return false
		}
	}
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(v, scheme) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// FuzzSlug checks the slug of any text: empty or words of a–z and 0–9
// joined by single hyphens (a valid ID for content files and heading
// anchors), unchanged by a second pass, and the identity on such a slug.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Økonomi og Bærekraft", "Čáhppes – sámi", "!!!", "a--b-", "ÆØÅ æøå", "İstanbul", "ǅ", "١٢٣", "tema/bolig.md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !validID.MatchString(got) {
			t.Errorf("Slug(%q) = %q, not a valid ID", s, got)
		}
		if again := Slug(got); again != got {
			t.Errorf("Slug(Slug(%q)) = %q, want %q", s, again, got)
		}
		if validID.MatchString(s) && got != s {
			t.Errorf("Slug(%q) = %q, want it unchanged", s, got)
		}
	})
}
