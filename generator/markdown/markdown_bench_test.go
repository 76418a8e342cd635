package markdown_test

// go test ./generator/markdown -run '^$' -bench .

import (
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/bench/fixture"
	"github.com/baerekrafthjelperen/hjelperen/generator/markdown"
)

// BenchmarkConvert converts one ~600-word corpus page (headings, lists, a
// table, a code block, three links).
func BenchmarkConvert(b *testing.B) {
	src := fixture.Body(1000, 150)
	c := markdown.New()
	link := func(dest string) (string, error) { return dest, nil }
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res := c.Convert(src, link)
		if len(res.Problems) > 0 {
			b.Fatal(res.Problems)
		}
	}
}
