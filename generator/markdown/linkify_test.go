package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
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
}

// TestQuickLinkifyMatchesLinkify converts the cases above and every
// Markdown file of the real content with the quick linkify and with
// goldmark's own, and requires the same HTML.
func TestQuickLinkifyMatchesLinkify(t *testing.T) {
	subs := extension.TypographicSubstitutions{}
	quick := newGoldmark(subs, quickLinkify{extension.NewLinkifyParser()})
	plain := newGoldmark(subs, extension.NewLinkifyParser())
	inputs := append([]string{}, linkifyCases...)
	_ = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			inputs = append(inputs, string(b))
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
		if err := quick.Renderer().Render(&a, src, quick.Parser().Parse(text.NewReader(src))); err != nil {
			t.Fatal(err)
		}
		if err := plain.Renderer().Render(&b, src, plain.Parser().Parse(text.NewReader(src))); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("input %.60q:\nquick:    %s\nlinkify:  %s", in, a.String(), b.String())
		}
		links += strings.Count(a.String(), "<a href=")
	}
	if links < 15 {
		t.Errorf("only %d links made from the cases; the test no longer exercises linkify", links)
	}
}
