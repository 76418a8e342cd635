package scaffold_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/scaffold"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

// fills says, per kind, what an editor writes into the blanks of a new file
// so that it is complete: the references point at pages of the sample site.
// Every old text must occur in the template, so a renamed field fails here.
var fills = map[string][][2]string{
	"theme": {
		{`dimension = ""`, `dimension = "sosial"`},
		{`sdgs = []`, `sdgs = [11]`},
	},
	"funding": {
		{`url = "https://"`, `url = "https://www.husbanken.no/"`},
		{`dimensions = []`, `dimensions = ["sosial"]`},
		{`themes = []`, `themes = ["bolig"]`},
	},
	"dilemma": {
		{`themes = []`, `themes = ["bolig", "klimatilpasning"]`},
		{`  "",`, `  "Hvem bør få bo her?",`},
	},
	"page": {},
}

// sampleSite copies the sample site into a temporary folder.
func sampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../testdata/sites/sample")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func load(dir string) error {
	_, err := content.NewLoader().Load(os.DirFS(dir), themes.Embedded("default"))
	return err
}

// TestCreateLoadsCleanly writes a file of every kind into the sample site,
// fills in its blanks as an editor would, and loads the site: the template's
// fields must be the ones the content loader knows and validates.
func TestCreateLoadsCleanly(t *testing.T) {
	if got, want := scaffold.Kinds(), slices.Sorted(maps.Keys(fills)); !slices.Equal(got, want) {
		t.Fatalf("Kinds() = %v, but the test fills %v; add the new kind to fills", got, want)
	}
	for _, kind := range scaffold.Kinds() {
		t.Run(kind, func(t *testing.T) {
			dir := sampleSite(t)
			if err := load(dir); err != nil {
				t.Fatalf("the sample site does not load before scaffolding: %v", err)
			}
			file, err := scaffold.Create(dir, kind, "nytt-innhold")
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			if strings.Contains(text, "{{ID}}") {
				t.Errorf("placeholder left in %s:\n%s", file, text)
			}
			for _, f := range fills[kind] {
				if !strings.Contains(text, f[0]) {
					t.Fatalf("template has no %q", f[0])
				}
				text = strings.Replace(text, f[0], f[1], 1)
			}
			text = strings.ReplaceAll(text, `= ""`, `= "Utfylt tekst."`)
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := load(dir); err != nil {
				t.Errorf("the filled-in %s does not load cleanly:\n%v\n%s", kind, err, text)
			}
		})
	}
}

// TestCreateUnfilledNamesTheBlanks loads the files as written: the only
// problems are missing values in the new file, so the editor is told what
// to fill in and nothing else breaks.
func TestCreateUnfilledNamesTheBlanks(t *testing.T) {
	for _, kind := range scaffold.Kinds() {
		t.Run(kind, func(t *testing.T) {
			dir := sampleSite(t)
			file, err := scaffold.Create(dir, kind, "nytt-innhold")
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, file)
			err = load(dir)
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("an unfilled %s loads without problems (err = %v)", kind, err)
			}
			for _, e := range list {
				if e.Pos.File != filepath.ToSlash(rel) {
					t.Errorf("problem outside the new file: %v", e)
				}
				if !strings.Contains(e.Msg, "mangler") && !strings.Contains(e.Msg, "er tomt") &&
					!strings.Contains(e.Msg, "oppgi minst") {
					t.Errorf("problem other than a blank to fill: %v", e)
				}
			}
		})
	}
}

func TestCreatePath(t *testing.T) {
	tests := []struct{ kind, want string }{
		{"theme", "content/tema/ny.md"},
		{"tema", "content/tema/ny.md"},
		{"Theme", "content/tema/ny.md"},
		{"funding", "content/virkemidler/ny.md"},
		{"virkemiddel", "content/virkemidler/ny.md"},
		{"virkemidler", "content/virkemidler/ny.md"},
		{"dilemma", "content/dilemmatrening/ny.md"},
		{"scenario", "content/dilemmatrening/ny.md"},
		{"page", "content/ny.md"},
		{"side", "content/ny.md"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			dir := t.TempDir()
			file, err := scaffold.Create(dir, tt.kind, "ny")
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(dir, filepath.FromSlash(tt.want)); file != want {
				t.Errorf("Create wrote %s, want %s", file, want)
			}
			if _, err := os.Stat(file); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestCreateRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	file, err := scaffold.Create(dir, "theme", "bolig")
	if err != nil {
		t.Fatal(err)
	}
	edited := []byte("+++\ntitle = \"Bolig\"\n+++\nMitt arbeid.\n")
	if err := os.WriteFile(file, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"theme", "tema"} {
		_, err = scaffold.Create(dir, kind, "bolig")
		if err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("second Create(%s, bolig): err = %v, want \"already exists\"", kind, err)
		}
	}
	if got, _ := os.ReadFile(file); string(got) != string(edited) {
		t.Errorf("the existing file was changed:\n%s", got)
	}
}

func TestCreateBadInput(t *testing.T) {
	tests := []struct {
		kind, name string
		want       string // in the error
	}{
		{"theme", "Bolig", `"bolig"`},
		{"theme", "Ærlig vår", `"aerlig-var"`},
		{"theme", "bolig.md", `"bolig-md"`},
		{"theme", "-bolig", "not a valid ID"},
		{"theme", "", "not a valid ID"},
		{"theme", "!!!", "not a valid ID"},
		{"theme", "a/b", `"a-b"`},
		{"theme", "../bolig", `"bolig"`},
		{"theme", "bolig\n", "not a valid ID"},
		{"recipe", "bolig", "unknown kind"},
		{"", "bolig", "dilemma, funding, page, theme"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file, err := scaffold.Create(dir, tt.kind, tt.name)
			if err == nil {
				t.Fatalf("Create(%q, %q) wrote %s, want an error", tt.kind, tt.name, file)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), `(for example "")`) {
				t.Errorf("error %q suggests an empty name", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("Create left %s in the site after an error", entries[0].Name())
			}
		})
	}
}

var suggestion = regexp.MustCompile(`\(for example "([^"]*)"\)`)

// FuzzCreateName tries any name for a new page: Create either writes
// content/<name>.md and nothing else, or refuses and writes nothing; a
// refusal for a bad name suggests a valid one. Seeds:
// testdata/fuzz/FuzzCreateName.
func FuzzCreateName(f *testing.F) {
	for _, s := range []string{"bolig", "Ærlig vår", "../x", "a/b", "", "!!!", "-x", "x-", "Čáhppes"} {
		f.Add(s)
	}
	valid := regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	f.Fuzz(func(t *testing.T, name string) {
		dir := t.TempDir()
		file, err := scaffold.Create(dir, "page", name)
		var written []string
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				written = append(written, p)
			}
			return nil
		})
		if err != nil {
			if len(written) > 0 {
				t.Errorf("Create(%q) failed (%v) but wrote %v", name, err, written)
			}
			if m := suggestion.FindStringSubmatch(err.Error()); m != nil && !valid.MatchString(m[1]) {
				t.Errorf("Create(%q) suggests %q, which is not a valid name: %v", name, m[1], err)
			}
			return
		}
		want := filepath.Join(dir, "content", name+".md")
		if file != want || len(written) != 1 || written[0] != want || !valid.MatchString(name) {
			t.Errorf("Create(%q) wrote %v and returned %s", name, written, file)
		}
	})
}
