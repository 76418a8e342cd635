package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestCancelLeavesOutput cancels a full build and an incremental rebuild:
// both return context.Canceled and leave the output as it was, and the
// next rebuild applies the change the cancelled one did not.
func TestCancelLeavesOutput(t *testing.T) {
	site := testsite.Copy(t, sample)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: site, Dest: dest}
	b := NewBuilder()
	if _, err := b.Build(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()

	if _, err := b.Build(cancelled, opts); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: err = %v, want context.Canceled", err)
	}
	if _, err := Build(cancelled, Options{Source: site, Dest: filepath.Join(t.TempDir(), "new")}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled first build: err = %v, want context.Canceled", err)
	}
	om := filepath.Join(site, "content", "om.md")
	testsite.Replace(t, site, "content/om.md", "\n+++\n", "\n+++\n\nEn ny setning.\n")
	if _, err := b.Rebuild(cancelled, opts, []string{om}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled rebuild: err = %v, want context.Canceled", err)
	}
	if !sameTree(before, treeHash(t, dest)) {
		t.Error("a cancelled build changed the output")
	}
	assertNoStaging(t, filepath.Dir(dest))

	rep, err := b.Rebuild(t.Context(), opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 1 {
		t.Errorf("the rebuild after the cancel rendered %d pages, want 1 (incremental)", rep.Pages)
	}
	page, err := os.ReadFile(filepath.Join(dest, "om.html"))
	if err != nil || !strings.Contains(string(page), "En ny setning.") {
		t.Errorf("the change of the cancelled rebuild is not in om.html (err %v)", err)
	}
}
