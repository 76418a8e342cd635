package content

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// sampleFS returns the sample site in memory, with files added.
func sampleFS(t *testing.T, add map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../testdata/sites/sample")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range add {
		m[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	return m
}

// TestOutPathCollision checks that two content files published as the same
// output file are an error: one would silently overwrite the other. Found
// by FuzzOutPath in generator/model.
func TestOutPathCollision(t *testing.T) {
	page := "+++\ntitle = \"Side\"\ndescription = \"En side.\"\n+++\n\nTekst.\n"
	tests := []struct {
		name string
		add  map[string]string
		want string // "" for no error
	}{
		{"index.md beside _index.md", map[string]string{"content/index.md": page},
			"content/index.md:1:1: blir publisert som index.html, akkurat som content/_index.md"},
		{"index.md beside a section's _index.md", map[string]string{"content/tema/index.md": page},
			"content/tema/index.md:1:1: blir publisert som tema/index.html, akkurat som content/tema/_index.md"},
		{"a folder named like a language", map[string]string{"content/om.nn.md": page, "content/nn/om.md": page},
			"content/om.nn.md:1:1: blir publisert som nn/om.html, akkurat som content/nn/om.md"},
		{"a folder named like a language, alone", map[string]string{"content/nn/annet.md": page}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := sampleFS(t, tt.add)
			_, err := NewLoader().Load(root, os.DirFS("../../themes/default"))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Load: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Load: err = %v\nwant %s", err, tt.want)
			}
		})
	}
}
