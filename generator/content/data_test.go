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
			wants: []string{cf + `:1:1: målkonflikt nr. 1: det finnes ikke noe tema med ID-en «finnes-ikke»`},
		},
		{
			name:  "one theme",
			files: map[string]string{cf: "# c\n\n[[conflict]]\nthemes = [\"bolig\"]\nreason = \"R.\"\n"},
			wants: []string{cf + `:3:1: målkonflikt nr. 1: themes må ha nøyaktig to ulike tema-ID-er`},
		},
		{
			name: "same pair twice in any order",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreason = \"R.\"\n\n" +
				"[[conflict]]\nthemes = [\"klimatilpasning\", \"bolig\"]\nreason = \"R.\"\n"},
			wants: []string{cf + `:5:1: målkonflikt nr. 2: paret bolig|klimatilpasning står allerede på linje 1`},
		},
		{
			name:  "missing reason and a typo",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreasn = \"R.\"\n"},
			wants: []string{cf + `:3:1: ukjent felt «conflict.reasn»`, cf + `:1:1: målkonflikten bolig|klimatilpasning mangler feltet «reason»`},
		},
		{
			name:  "dilemma without the themes",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreason = \"R.\"\ndilemma = \"hyttefelt-pa-myr\"\n"},
			wants: []string{cf + `:1:1: målkonflikten bolig|klimatilpasning: dilemmaet «hyttefelt-pa-myr» har ikke temaet «bolig» i themes`},
		},
		{
			name:  "unknown dilemma",
			files: map[string]string{cf: "[[conflict]]\nthemes = [\"bolig\", \"klimatilpasning\"]\nreason = \"R.\"\ndilemma = \"nei\"\n"},
			wants: []string{`det finnes ikke noe dilemma med ID-en «nei»`},
		},
		{
			name:  "translation of an undeclared pair",
			files: map[string]string{"content/data/malkonflikter.nn.toml": "[[conflict]]\nthemes = [\"bolig\", \"natur-og-arealbruk\"]\nreason = \"R.\"\n"},
			wants: []string{`content/data/malkonflikter.nn.toml: målkonflikten bolig|natur-og-arealbruk finnes ikke`},
		},
		{
			name:  "suggestion for unknown question, rule, funding and method",
			files: map[string]string{sf: "\n[[suggestion]]\nquestions = [\"nei-1\"]\nrules = [\"nei-r1\"]\nfunding = [\"nei\"]\nmethods = [\"nei\"]\n"},
			wants: []string{sf + `:2:1: forslag nr. 1: det finnes ikke noe spørsmål med ID-en «nei-1»`, `ingen kjøreregel med ID-en «nei-r1»`, `noe virkemiddel med ID-en «nei»`, `noe metodetips med ID-en «nei»`},
		},
		{
			name:  "suggestion that suggests nothing",
			files: map[string]string{sf: "[[suggestion]]\nrules = [\"bolig-r1\"]\n"},
			wants: []string{sf + `:1:1: forslag nr. 1: oppgi funding, methods eller begge`},
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
