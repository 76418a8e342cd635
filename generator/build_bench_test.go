package generator_test

// Benchmarks of whole builds on the generated corpus (bench/corpus). Run:
//
//	go test ./generator -run '^$' -bench . -benchtime 5x
//
// HJELPEREN_BENCH_LARGE=1 adds the 10 000-page corpus.

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/bench/corpus"
	"github.com/baerekrafthjelperen/hjelperen/bench/fixture"
	"github.com/baerekrafthjelperen/hjelperen/generator"
)

func benchSizes() []int {
	if os.Getenv("HJELPEREN_BENCH_LARGE") != "" {
		return []int{100, 1000, 10000}
	}
	return []int{100, 1000}
}

func perPage(b *testing.B, pages int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
}

// BenchmarkBuild is `hjelperen build`: load, render, minify, write into a
// staging folder and swap it in (replacing the previous iteration's
// output, as a repeated build does), on the core corpus (pages=N) and on
// the corpus with the real settings (real/pages=N: search in bokmål and
// nynorsk, zip).
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		for _, cfg := range configs {
			b.Run(cfg.prefix+fmt.Sprintf("pages=%d", n), func(b *testing.B) {
				site := cfg.dir(b, n)
				opts := generator.Options{Source: site, Dest: filepath.Join(b.TempDir(), "public")}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := generator.NewBuilder().Build(b.Context(), opts); err != nil {
						b.Fatal(err)
					}
				}
				perPage(b, n)
			})
		}
	}
}

// configs are the corpus configurations: core (search off, as Hugo has
// none) and real (the toolbox's settings, corpus.Real).
var configs = []struct {
	prefix string
	dir    func(testing.TB, int) string
}{{"", fixture.Dir}, {"real/", fixture.RealDir}}

// BenchmarkCheck is `hjelperen check`: everything but writing.
func BenchmarkCheck(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			site := fixture.Dir(b, n)
			opts := generator.Options{Source: site, CheckOnly: true}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.NewBuilder().Build(b.Context(), opts); err != nil {
					b.Fatal(err)
				}
			}
			perPage(b, n)
		})
	}
}

// BenchmarkRebuildOnePage is what serve does after an editor saves one
// page whose body (not title or front matter) changed, on both corpus
// configurations (see configs), built as serve builds it (no zip, see
// Options.NoZip).
func BenchmarkRebuildOnePage(b *testing.B) {
	for _, n := range benchSizes() {
		for _, cfg := range configs {
			b.Run(cfg.prefix+fmt.Sprintf("pages=%d", n), func(b *testing.B) {
				site := cfg.dir(b, n)
				opts := generator.Options{Source: site, Dest: filepath.Join(b.TempDir(), "public"), NoZip: true}
				rebuildOnePage(b, site, opts, n)
			})
		}
	}
}

func rebuildOnePage(b *testing.B, site string, opts generator.Options, n int) {
	builder := generator.NewBuilder()
	if _, err := builder.Build(b.Context(), opts); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(site, "content", filepath.FromSlash(corpus.PagePath(n/2+1))) // no nynorsk version
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	k := 0
	b.ReportAllocs()
	for b.Loop() {
		k++
		data := append(append([]byte(nil), orig...), "\n"+corpus.Sentence(k, "bench")+"\n"...)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		rep, err := builder.Rebuild(b.Context(), opts, []string{file})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Pages != 1 {
			b.Fatalf("rebuild wrote %d pages, want 1 (an incremental rebuild)", rep.Pages)
		}
	}
}

// BenchmarkBuildRealSite is `hjelperen build` of the toolbox itself (the
// repository root): two languages, worksheets, the search index, the
// service worker and the downloadable zip.
func BenchmarkBuildRealSite(b *testing.B) {
	opts := generator.Options{Source: "..", Dest: filepath.Join(b.TempDir(), "public")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.NewBuilder().Build(b.Context(), opts); err != nil {
			b.Fatal(err)
		}
	}
}
