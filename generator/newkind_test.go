package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/search"
)

// This file shows what adding a page kind takes (docs/new-page-kind.md):
// one definition, here a glossary (ordliste) that exists only in tests,
// plus its layout, here in the test site's own theme
// (testdata/sites/ordliste/themes/default/layouts/ordliste.html).
// Nothing else in the generator knows about it.

// term is the structured data of a glossary entry.
type term struct {
	Term     string   `toml:"term"`
	Synonyms []string `toml:"synonyms"`
	See      []string `toml:"see"` // other glossary entries
}

// glossary is the one definition of the kind.
func glossary() model.KindDef {
	return kinds.Define(kinds.Spec[term]{
		Name: "ordliste", Dir: "ordliste", Body: true,
		// A translation may translate the term; the synonyms and
		// references come from the bokmål page.
		Merge: func(b, o term, _ *model.Page, _ *diag.List) term {
			b.Term = kinds.Pick(o.Term, b.Term)
			return b
		},
		Check: func(c model.Checker, p *model.Page, t *term) {
			c.Required(p, "term", t.Term)
			c.Refs(p, "see", "ordliste", t.See, 0)
		},
		// "see" lists other entries, so an entry can show the ones
		// that refer to it (.Referring in the layout).
		Refs:  map[string]func(*term) []string{"see": func(t *term) []string { return t.See }},
		Facts: func(t *term) []string { return append([]string{t.Term}, t.Synonyms...) },
	})
}

func glossaryBuilder(t *testing.T) *Builder {
	t.Helper()
	ks, err := kinds.Builtin().With(glossary())
	if err != nil {
		t.Fatal(err)
	}
	return NewBuilderFor(ks)
}

func TestNewPageKind(t *testing.T) {
	dest := t.TempDir()
	// Without the definition, the glossary's pages are plain pages
	// and their fields unknown.
	_, err := NewBuilder().Build(t.Context(), Options{Source: "testdata/sites/ordliste", Dest: dest})
	if err == nil || !strings.Contains(err.Error(), `ukjent felt «term»`) {
		t.Fatalf("build without the glossary kind: %v, want ukjent felt «term»", err)
	}
	if _, err := glossaryBuilder(t).Build(t.Context(), Options{Source: "testdata/sites/ordliste", Dest: dest}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	// The page, rendered with the kind's layout from its data.
	page := read("ordliste/baerekraft.html")
	for _, want := range []string{
		`<dfn>bærekraft</dfn> (bærekraftig utvikling, berekraft)`,
		`<a href="omstilling.html">Omstilling</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("ordliste/baerekraft.html lacks %q", want)
		}
	}
	// The entry that another one refers to shows it.
	if other := read("ordliste/omstilling.html"); !strings.Contains(other, `<p class="referred">Nevnt i: <a href="baerekraft.html">Bærekraft</a></p>`) {
		t.Errorf("ordliste/omstilling.html does not show the entry that refers to it")
	}
	// The nynorsk page: its own term, the rest merged from bokmål.
	if nn := read("nn/ordliste/baerekraft.html"); !strings.Contains(nn, `<dfn>berekraft</dfn> (bærekraftig utvikling, berekraft)`) {
		t.Errorf("nn/ordliste/baerekraft.html does not show the merged nynorsk term")
	}
	// The section page lists the entries, by weight then title.
	list := read("ordliste/index.html")
	a, b := strings.Index(list, `href="baerekraft.html"`), strings.Index(list, `href="omstilling.html"`)
	if a < 0 || b < 0 || a > b {
		t.Errorf("ordliste/index.html does not list baerekraft.html before omstilling.html")
	}

	// The search index has the entry under its kind, term and synonyms
	// before the body text.
	ix, _, err := search.ReadDir(dest, "nb")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.Kinds["ordliste"]; !ok {
		t.Errorf("search index has no label for kind ordliste: %v", ix.Kinds)
	}
	var doc *search.Doc
	for i := range ix.Docs {
		if ix.Docs[i].URL == "ordliste/baerekraft.html" {
			doc = &ix.Docs[i]
		}
	}
	if doc == nil || doc.Kind != "ordliste" {
		t.Fatalf("search index has no ordliste entry for baerekraft: %+v", doc)
	}
	var texts []string
	for _, s := range doc.Segments {
		texts = append(texts, s.Text)
	}
	want := []string{"bærekraft", "bærekraftig utvikling", "berekraft",
		"Bærekraft betyr å dekke behovene i dag uten å ta fra framtidige generasjoner."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("search segments = %q, want %q", texts, want)
	}
}

// TestNewPageKindErrors checks that the kind's front matter is decoded
// strictly and its Check runs, with the usual file:line positions.
func TestNewPageKindErrors(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown field", `term = "omstilling"`, `termm = "omstilling"`,
			`content/ordliste/omstilling.md:4:1: ukjent felt «termm» (mente du «term»?)`},
		{"missing term", `term = "omstilling"`, `term = ""`,
			`content/ordliste/omstilling.md:4:1: feltet «term» er tomt: fyll det ut`},
		{"dangling reference", `term = "omstilling"`, `term = "omstilling"` + "\n" + `see = ["endring"]`,
			`content/ordliste/omstilling.md:5:1: see: finner ikke «endring» i content/ordliste/ (ID-en er filnavnet uten .md; disse finnes: baerekraft, omstilling)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			if err := os.CopyFS(src, os.DirFS("testdata/sites/ordliste")); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(src, "content", "ordliste", "omstilling.md")
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(strings.Replace(string(b), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = glossaryBuilder(t).Build(t.Context(), Options{Source: src, Dest: filepath.Join(src, "public")})
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || list[0].Error() != tc.want {
				t.Errorf("Build error = %v, want %s", err, tc.want)
			}
		})
	}
}
