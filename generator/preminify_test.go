package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
)

// TestPreminifiedLayoutsMatchMinifiedPages checks that rendering from
// layouts minified once gives the same pages as minifying every rendered
// page: after minifying both, every HTML file is byte-identical, and every
// other file is identical as written. The real site covers every layout;
// the sample site covers a theme override.
func TestPreminifiedLayoutsMatchMinifiedPages(t *testing.T) {
	for _, site := range []string{"../", sample} {
		t.Run(filepath.Base(filepath.Clean(site)), func(t *testing.T) {
			pre := t.TempDir()
			if _, err := NewBuilder().Build(t.Context(), Options{Source: site, Dest: filepath.Join(pre, "public")}); err != nil {
				t.Fatal(err)
			}
			per := t.TempDir()
			b := NewBuilder()
			b.minifyPages = true
			if _, err := b.Build(t.Context(), Options{Source: site, Dest: filepath.Join(per, "public")}); err != nil {
				t.Fatal(err)
			}
			comparePreminified(t, filepath.Join(pre, "public"), filepath.Join(per, "public"))
		})
	}
}

func comparePreminified(t *testing.T, pre, per string) {
	t.Helper()
	min := publish.NewMinifier()
	got, want := treeHash(t, pre), treeHash(t, per)
	if len(got) != len(want) {
		t.Errorf("%d files from minified layouts, %d from minified pages", len(got), len(want))
	}
	pages := 0
	var saved int
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: missing from the build with minified layouts", name)
			continue
		}
		if !strings.HasSuffix(name, ".html") {
			if !isVersioned(name) && got[name] != want[name] {
				t.Errorf("%s differs", name)
			}
			continue
		}
		pages++
		a, _ := os.ReadFile(filepath.Join(pre, name))
		b, _ := os.ReadFile(filepath.Join(per, name))
		saved += len(a) - len(b)
		am, err := min.Minify(name, a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(am, b) {
			i := firstDiff(am, b)
			t.Errorf("%s differs after minifying at byte %d:\n layouts: %q\n pages:   %q", name, i, around(am, i), around(b, i))
		}
	}
	if pages == 0 {
		t.Fatal("no pages compared")
	}
	t.Logf("%d pages equal after minifying; minified layouts write %d bytes more in all", pages, saved)
}

// isVersioned reports whether a file names the build (the service worker
// and the download), which differ whenever any page's bytes differ.
func isVersioned(name string) bool {
	return name == "sw.js" || strings.HasSuffix(name, ".zip") || strings.HasPrefix(name, "js/search/")
}

func firstDiff(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(b []byte, i int) string {
	lo, hi := max(0, i-60), min(len(b), i+60)
	return string(b[lo:hi])
}
