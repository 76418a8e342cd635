package generator

import (
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIncrementalEqualsFull applies a series of edits with Rebuild and
// checks after each that the output is byte-identical to a full build of
// the same sources.
func TestIncrementalEqualsFull(t *testing.T) {
	site := testsite.Copy(t, sample)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: site, Dest: dest}
	b := NewBuilder()
	if _, err := b.Build(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	om := filepath.Join(site, "content/om.md")
	theme := filepath.Join(site, "content/tema/klimatilpasning.md")
	themeText, _ := os.ReadFile(theme)
	steps := []struct {
		name      string
		file      string
		text      string
		wantPages int // content pages rendered by the rebuild; 0 means "a full build"
		wantErr   string
	}{
		{"body edit renders one page", om, "+++\ntitle = \"Om Bærekrafthjelperen\"\ndescription = \"Hvem som står bak, og hvordan verktøyet ble til.\"\n+++\n\nNy tekst om verktøyet.\n", 1, ""},
		{"title edit rebuilds all", om, "+++\ntitle = \"Om verktøyet\"\ndescription = \"Hvem som står bak, og hvordan verktøyet ble til.\"\n+++\n\nNy tekst.\n", 0, ""},
		{"theme body edit renders both languages", theme, strings.Replace(string(themeText), "Mange bygder", "Mange små bygder", 1), 2, ""},
		{"broken edit fails", om, "+++\ntitel = \"x\"\n+++\n", 0, "ukjent felt"},
		{"other edit while broken still fails", theme, string(themeText), 0, "ukjent felt"},
		// Both files changed since the last good build, only in their bodies.
		{"fix applies both", om, "+++\ntitle = \"Om verktøyet\"\ndescription = \"Hvem som står bak, og hvordan verktøyet ble til.\"\n+++\n\nFikset.\n", 3, ""},
		{"new file builds all", filepath.Join(site, "content/ny.md"), "+++\ntitle = \"Ny\"\ndescription = \"Ny side.\"\n+++\n\nTekst.\n", 0, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := os.WriteFile(st.file, []byte(st.text), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := b.Rebuild(t.Context(), opts, []string{st.file})
			if st.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), st.wantErr) {
					t.Fatalf("err = %v, want %q", err, st.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.wantPages > 0 && rep.Pages != st.wantPages {
				t.Errorf("rebuild rendered %d pages, want %d (incremental)", rep.Pages, st.wantPages)
			}
			if st.wantPages == 0 && rep.Pages < 10 {
				t.Errorf("rebuild rendered %d pages, want a full build", rep.Pages)
			}
			full := filepath.Join(t.TempDir(), "full")
			if _, err := Build(t.Context(), Options{Source: site, Dest: full}); err != nil {
				t.Fatal(err)
			}
			got, want := treeHash(t, dest), treeHash(t, full)
			if !sameTree(got, want) {
				for k := range want {
					if got[k] != want[k] {
						t.Errorf("%s differs from a full build", k)
					}
				}
			}
		})
	}
}
