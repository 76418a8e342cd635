package content_test

// go test ./generator/content -run '^$' -bench .

import (
	"fmt"
	"os"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/bench/corpus"
	"github.com/baerekrafthjelperen/hjelperen/bench/fixture"
	"github.com/baerekrafthjelperen/hjelperen/generator/content"
)

// BenchmarkLoad loads (walk, front matter, Markdown, links, validation)
// the corpus from memory, so the disk is not measured.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			root := fixture.FS(b, n)
			theme := fixture.Theme(root)
			l := content.NewLoader()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Load(root, theme); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/page")
		})
	}
}

// BenchmarkLoadDisk is BenchmarkLoad reading the files from disk.
func BenchmarkLoadDisk(b *testing.B) {
	const n = 1000
	dir := fixture.Dir(b, n)
	root := os.DirFS(dir)
	theme := fixture.Theme(root)
	l := content.NewLoader()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Load(root, theme); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/page")
}

// BenchmarkUpdateOnePage is the loader's share of an incremental rebuild
// after one page's body changed.
func BenchmarkUpdateOnePage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			root := fixture.FS(b, n)
			theme := fixture.Theme(root)
			l := content.NewLoader()
			snap, err := l.LoadSnapshot(root, theme)
			if err != nil {
				b.Fatal(err)
			}
			file := "content/" + corpus.PagePath(n/2)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := l.Update(snap, root, []string{file}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
