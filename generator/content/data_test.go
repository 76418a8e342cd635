package content

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// sampleWith returns the sample site as a MapFS with files replaced.
func sampleWith(t *testing.T, files map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../testdata/sites/sample")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// TestDataFiles checks that the goal conflicts and the suggestions are
// loaded, and that every mistake in them is reported with file and line.
func TestDataFiles(t *testing.T) {
	const cf = "content/data/malkonflikter.toml"
	const sf = "content/data/tiltaksforslag.toml"
	tests := []struct {
		name  string
		files map[string]string
		wants []string // substrings of the error; none means it loads
	}{
		{name: "sample loads"},
		{
			name:  "unknown theme",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"finnes-ikke\"]\nreason = \"R.\"\n"},
			wants: []string{cf + `:1:1: conflict 1: no theme with id "finnes-ikke"`},
		},
		{
			name:  "one theme",
			files: map[string]string{cf: "# c\n\n[[conflict]]\nthemes = [\"bolig\"]\nreason = \"R.\"\n"},
			wants: []string{cf + `:3:1: conflict 1: themes must name exactly two different theme IDs`},
		},
		{
			name: "same pair twice in any order",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreason = \"R.\"\n\n" +
				"[[conflict]]\nthemes = [\"klimatilpasning\", \"bolig\"]\nreason = \"R.\"\n"},
			wants: []string{cf + `:5:1: conflict 2: the pair bolig|klimatilpasning is already declared at line 1`},
		},
		{
			name:  "missing reason and a typo",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreasn = \"R.\"\n"},
			wants: []string{cf + `:3:1: unknown field "conflict.reasn"`, cf + `:1:1: conflict bolig|klimatilpasning: missing required field "reason"`},
		},
		{
			name:  "dilemma without the themes",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreason = \"R.\"\ndilemma = \"hyttefelt-pa-myr\"\n"},
			wants: []string{cf + `:1:1: conflict bolig|klimatilpasning: dilemma "hyttefelt-pa-myr" does not list theme "bolig"`},
		},
		{
			name:  "unknown dilemma",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreason = \"R.\"\ndilemma = \"nei\"\n"},
			wants: []string{`no dilemma scenario with id "nei"`},
		},
		{
			name:  "translation of an undeclared pair",
			files: map[string]string{"content/data/malkonflikter.nn.toml": "[[conflict]]\nthemes = [\"bolig\", \"natur-og-arealbruk\"]\nreason = \"R.\"\n"},
			wants: []string{`content/data/malkonflikter.nn.toml: conflict bolig|natur-og-arealbruk is not declared`},
		},
		{
			name:  "suggestion for unknown question, rule, funding and method",
			files: map[string]string{sf: "\n[[suggestion]]\nquestions = [\"nei-1\"]\nrules = [\"nei-r1\"]\nfunding = [\"nei\"]\nmethods = [\"nei\"]\n"},
			wants: []string{sf + `:2:1: suggestion 1: no question with id "nei-1"`, `no kjøreregel with id "nei-r1"`, `no funding with id "nei"`, `no method with id "nei"`},
		},
		{
			name:  "suggestion that suggests nothing",
			files: map[string]string{sf: "[[suggestion]]\nrules = [\"bolig-r1\"]\n"},
			wants: []string{sf + `:1:1: suggestion 1: give funding, methods or both`},
		},
	}
	theme := os.DirFS("../../themes/default")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, err := NewLoader().Load(sampleWith(t, tt.files), theme)
			if len(tt.wants) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if len(site.Data.Conflicts) != 2 || site.Data.Conflicts[0].Key() != "bolig|klimatilpasning" {
					t.Errorf("conflicts = %+v", site.Data.Conflicts)
				}
				return
			}
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
		})
	}
}
