package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// linkifyCases are texts where bare links start, or almost start, at
// every position goldmark tries them: line heads, after spaces and after
// the emphasis and parenthesis triggers.
var linkifyCases = []string{
	"Se https://www.nve.no/klima nå.",
	"https://example.no først på linja",
	"(https://example.no/a_(b)) i parentes",
	"*www.regjeringen.no* og _www.ks.no_ og ~~www.ks.no~~",
	"Skriv til post@statsforvalteren.no, eller sfti.post@sf.no.",
	"ftp://arkiv.example.no/fil.txt og http://gammel.example.no",
	"e-post: ola@ og @kommune og a@b og x@y.no- slutt",
	"httpd er ikke en lenke, heller ikke wwwe.no eller ftps",
	"Tabell:\n\n| a | b |\n|---|---|\n| https://a.no | b@c.no |\n",
	"- punkt med www.nav.no\n- punkt med «https://lovdata.no»\n",
	"mail@example.no\ttab@example.no\nlinje@example.no",
	"Se https://example.no/a--b og https://example.no/c...d og www.x.no...",
	"Sitat: \"https://example.no/sitat\" og 'www.x.no' og (post@x.no).",
	"Kode `https://example.no` og [https://x.no](https://y.no) og <https://z.no>.",
	"Slutt med punktum https://example.no. Og komma www.x.no, og spørsmål https://x.no/?a=1&b=2?",
	"Midt i ordet:https://x.no og ord.www.x.no og navn@@x.no og a.b-c@d.e.no_",
	"1. Nummerert https://x.no/1\n   fortsatt www.y.no\n\n> Sitat med post@z.no\n",
	"https://x.no/**fet** og **https://x.no/fet** og _post@x.no_",
	"Linje med hard brudd https://x.no  \nneste www.y.no\\\nsiste",
	"Æøå: https://æøå.no/sti og www.blåbær.no og øyvind@kommune.no",
}

// TestLinkifyOnlyWhereNeeded converts the cases above and the Markdown of
// every file of the real content with Convert, which leaves linkify out
// where it can find nothing, and with linkify always on, and requires the
// same HTML.
func TestLinkifyOnlyWhereNeeded(t *testing.T) {
	c := New()
	always := &Converter{md: c.md, plain: c.md}
	inputs := append([]string{}, linkifyCases...)
	_ = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			if parts := strings.SplitN(string(b), "+++", 3); len(parts) == 3 {
				inputs = append(inputs, parts[2]) // the Markdown after the front matter
			}
		}
		return nil
	})
	if len(inputs) < len(linkifyCases)+100 {
		t.Fatalf("only %d inputs; is ../../content there?", len(inputs))
	}
	links := 0
	for _, in := range inputs {
		var a, b bytes.Buffer
		src := []byte(in)
		a.Write(c.Convert(src, nil).HTML)
		b.Write(always.Convert(src, nil).HTML)
		if a.String() != b.String() {
			t.Errorf("input %.60q:\nConvert:  %s\nlinkify:  %s", in, a.String(), b.String())
		}
		links += strings.Count(a.String(), "<a href=")
	}
	if links < 15 {
		t.Errorf("only %d links made from the cases; the test no longer exercises linkify", links)
	}
}
