package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// FuzzParsePage feeds arbitrary bytes to the page parser as a theme file
// (the richest kind). It must never panic, and every reported position must
// lie within the input.
func FuzzParsePage(f *testing.F) {
	files, _ := filepath.Glob("../testdata/sites/sample/content/*/*.md")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("+++\n+++\n"))
	f.Add([]byte("+++\ntitle = \"x\n"))
	f.Add([]byte("\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\n[a](b.md)"))
	f.Add([]byte("+++\n[[rules]]\nid = 1\n+++\n<div>x</div>\n"))
	cfg := &model.Config{Language: "nb", Languages: []string{"nb"}}
	l := NewLoader()
	f.Fuzz(func(t *testing.T, data []byte) {
		src, _ := sourceOf("content/tema/x.md", "tema/x.md", cfg)
		files := newFileSet([]Source{src}, map[string]bool{}, "nb")
		_, errs := l.parse(src, data, files)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, e := range errs {
			if e.Pos.Line > lines || e.Pos.Line < 0 {
				t.Errorf("position %v outside the input (%d lines): %v", e.Pos, lines, e)
			}
			if e.Pos.File != "content/tema/x.md" && e.Pos.File != "" {
				t.Errorf("error names another file: %v", e)
			}
		}
	})
}

func TestKeyLines(t *testing.T) {
	toml := "title = \"x\"\n\n[[rules]]\nid = \"a\"\ntext = \"\"\"\nid = \"fake\"\n\"\"\"\n[[rules]]\nid = \"b\"\n"
	got := keyLines([]byte(toml))
	want := map[string]int{"title": 1, "rules.0": 3, "rules.0.id": 4, "rules.1.id": 9, "rules.id": 4}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("keyLines[%q] = %d, want %d", k, got[k], v)
		}
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in string
		body     string
		bodyLine int
		err      string
	}{
		{"plain", "+++\na = 1\n+++\nbody\n", "body\n", 4, ""},
		{"crlf", "+++\r\na = 1\r\n+++\r\nbody", "body", 4, ""},
		{"bom", "\xef\xbb\xbf+++\n+++\n", "", 3, ""},
		{"no body", "+++\na = 1\n+++", "", 4, ""},
		// errors
		{"missing", "title = 1\n", "", 0, "filen mangler feltene øverst"},
		{"unclosed", "+++\na = 1\n", "", 0, "er ikke avsluttet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := splitFrontMatter("f.md", []byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(doc.Body) != tt.body || doc.BodyLine != tt.bodyLine {
				t.Errorf("body %q at line %d, want %q at %d", doc.Body, doc.BodyLine, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestResolveLinks(t *testing.T) {
	srcs := []Source{{Path: "tema/bolig.md", Lang: "nb"}, {Path: "tema/bolig.md", Lang: "nn"}, {Path: "om.md", Lang: "nb"}, {Path: "tema/_index.md", Lang: "nb"}}
	fs := newFileSet(srcs, map[string]bool{"bilder/kart.png": true, "filer/vedlegg #3.pdf": true, "a:b.png": true}, "nb")
	om := &model.Page{Path: "om.md", Lang: "nb", OutPath: "om.html"}
	nb := &model.Page{Path: "tema/klima.md", Lang: "nb", OutPath: "tema/klima.html"}
	nn := &model.Page{Path: "tema/klima.md", Lang: "nn", OutPath: "nn/tema/klima.html"}
	tests := []struct {
		page *model.Page
		dest string
		want string
		err  string
	}{
		{nb, "bolig.md", "bolig.html", ""},
		{nb, "/tema/bolig.md#kjoreregler", "bolig.html#kjoreregler", ""},
		{nb, "../om.md", "../om.html", ""},
		{nb, "/tema/", "index.html", ""},
		{nb, "/bilder/kart.png", "../bilder/kart.png", ""},
		{nb, "#x", "#x", ""},
		{nb, "https://www.nve.no/", "https://www.nve.no/", ""},
		{nb, "mailto:post@example.no", "mailto:post@example.no", ""},
		{nn, "bolig.md", "bolig.html", ""},
		{nn, "/om.md", "../../om.html", ""},
		// File names with characters that mean something in a URL.
		{nb, "/filer/vedlegg%20%233.pdf", "../filer/vedlegg%20%233.pdf", ""},
		{nb, "/filer/vedlegg %233.pdf", "../filer/vedlegg%20%233.pdf", ""},
		{om, "/filer/vedlegg%20%233.pdf#s2", "filer/vedlegg%20%233.pdf#s2", ""},
		{om, "a:b.png", "", "må begynne med https:// eller mailto:"},
		{om, "/a:b.png", "./a:b.png", ""},
		// errors
		{nb, "http://www.nve.no/", "", "bruker http://, som ikke er trygt: skriv https://www.nve.no/"},
		{nb, "javascript:alert(1)", "", "kan ikke brukes"},
		{nb, "nope.md", "", "virker ikke: content/tema/nope.md finnes ikke"},
		{nb, "../../etc/passwd", "", "går ut av mappa content/"},
		{nb, "/bilder/nope.png", "", "virker ikke: det finnes ingen side"},
	}
	for _, tt := range tests {
		got, err := fs.resolve(tt.page, tt.dest)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("resolve(%s, %q) err = %v, want %q", tt.page.Lang, tt.dest, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("resolve(%s, %q) = %q, %v; want %q", tt.page.Lang, tt.dest, got, err, tt.want)
		}
	}
}
