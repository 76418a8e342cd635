package render_test

// go test ./generator/render -run '^$' -bench .

import (
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/bench/fixture"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// BenchmarkPage renders the plain pages of the 1000-page corpus (menu of
// 10 sections, breadcrumbs, table of contents) in turn.
func BenchmarkPage(b *testing.B) {
	r, site := fixture.Renderer(b, 1000)
	var pages []*model.Page
	for _, p := range site.Pages {
		if p.Kind == model.KindPage {
			pages = append(pages, p)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Page(pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSection renders a section overview listing 100 pages.
func BenchmarkSection(b *testing.B) {
	r, site := fixture.Renderer(b, 1000)
	p := site.ByPath["s001/_index.md"]
	if p == nil {
		b.Fatal("no s001/_index.md")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Page(p); err != nil {
			b.Fatal(err)
		}
	}
}
