package publish_test

// go test ./generator/publish -run '^$' -bench .

import (
	"path/filepath"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/bench/fixture"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
)

// BenchmarkMinifyHTML minifies rendered corpus pages in turn.
func BenchmarkMinifyHTML(b *testing.B) {
	pages := fixture.Rendered(b, 200)
	m := publish.NewMinifier()
	var total int64
	for _, p := range pages {
		total += int64(len(p.HTML))
	}
	b.SetBytes(total / int64(len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pages[i%len(pages)]
		if _, err := m.Minify(p.OutPath, p.HTML); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkWrite writes 1000 minified pages into a staging folder and swaps
// it in over the previous iteration's output.
func BenchmarkWrite(b *testing.B) {
	rendered := fixture.Rendered(b, 1000)
	m := publish.NewMinifier()
	pages := make([]fixture.Page, len(rendered))
	for i, p := range rendered {
		html, err := m.Minify(p.OutPath, p.HTML)
		if err != nil {
			b.Fatal(err)
		}
		pages[i] = fixture.Page{OutPath: p.OutPath, HTML: html}
	}
	tmp := b.TempDir()
	src, dest := filepath.Join(tmp, "site"), filepath.Join(tmp, "public")
	b.ReportAllocs()
	for b.Loop() {
		s, err := publish.NewStage(dest, src)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range pages {
			if err := s.Write(p.OutPath, p.HTML); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pages)), "ns/page")
}
