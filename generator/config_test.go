package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestConfigComments builds the sample with TOML comments after the values
// the build looks at first (issue 12, item 1): the output must equal the
// build without them.
func TestConfigComments(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: sample, Dest: plain}); err != nil {
		t.Fatal(err)
	}
	site := testsite.Copy(t, sample)
	testsite.Replace(t, site, "hjelperen.toml", "language = \"nb\"\n", "language = \"nb\" # bokmål\ntheme = \"default\" # standard\n")
	testsite.Replace(t, site, "hjelperen.toml", "baerekraft/\"\n", "baerekraft/\" # x\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatalf("build with comments in hjelperen.toml: %v", err)
	}
	if !sameTree(treeHash(t, dest), treeHash(t, plain)) {
		t.Error("comments in hjelperen.toml changed the output")
	}
}

// TestUnknownTheme names the theme and the file it comes from instead of a
// missing translation file.
func TestUnknownTheme(t *testing.T) {
	site := testsite.Copy(t, sample)
	testsite.Replace(t, site, "hjelperen.toml", "language = \"nb\"\n", "language = \"nb\"\ntheme = \"standard\"\n")
	_, err := Build(t.Context(), Options{Source: site, CheckOnly: true})
	if err == nil || !strings.Contains(err.Error(), `hjelperen.toml: theme: finner ikke malen «standard» (ingen mappe themes/standard`) {
		t.Errorf("err = %v, want the unknown theme named", err)
	}
}

// TestTranslations checks [translations.<lang>] in hjelperen.toml: its
// texts replace the bokmål menu, footer and description on nynorsk pages,
// what it leaves out stays bokmål marked with lang="nb", check lists what
// is missing, and blocks for unknown languages or pages are errors.
func TestTranslations(t *testing.T) {
	site := testsite.Copy(t, sample)
	rep, err := Build(t.Context(), Options{Source: site, CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Untranslated) != 1 || rep.Untranslated[0].Lang != "nn" {
		t.Fatalf("untranslated = %+v, want one entry for nn", rep.Untranslated)
	}
	nn := rep.Untranslated[0]
	if got, want := strings.Join(nn.Config, " "), `description footer_text links."arbeidsskjema/_index.md" links."tema/_index.md" links."om.md"`; got != want {
		t.Errorf("missing config texts = %s, want %s", got, want)
	}
	if len(nn.Pages) != 16 || nn.Pages[0] != "_index.md" || len(nn.Strings) != 0 {
		t.Errorf("missing pages = %q, strings = %q; want 16 pages from _index.md and no strings", nn.Pages, nn.Strings)
	}
	write(t, site, "hjelperen.toml", readFile(t, filepath.Join(site, "hjelperen.toml"))+`
[translations.nn]
footer_text = "Laga av Statsforvaltaren."
[translations.nn.links]
"om.md" = "Om verktøyet på nynorsk"
`)
	dest := filepath.Join(t.TempDir(), "public")
	rep, err = Build(t.Context(), Options{Source: site, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(dest, "nn/tema/klimatilpasning.html"))
	for _, want := range []string{
		`<p>Laga av Statsforvaltaren.</p>`,
		`<a href="../../om.html">Om verktøyet på nynorsk</a>`,
		`<a href="../../tema/index.html" aria-current="page" lang="nb">Tema</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("nn/tema/klimatilpasning.html lacks %s", want)
		}
	}
	if strings.Contains(readFile(t, filepath.Join(dest, "tema/klimatilpasning.html")), "Statsforvaltaren") {
		t.Error("the bokmål page shows the nynorsk footer")
	}

	for _, c := range []struct{ block, want string }{
		{"[translations.se]\nfooter_text = \"x\"\n", `[translations.se] gjelder et språk nettstedet ikke har`},
		{"[translations.nb]\nfooter_text = \"x\"\n", `[translations.nb] trengs ikke`},
		{"[translations.nn.links]\n\"tema/bolig.md\" = \"x\"\n", `[translations.nn.links] nevner «tema/bolig.md», som verken er i menyen`},
	} {
		bad := testsite.Copy(t, sample)
		write(t, bad, "hjelperen.toml", readFile(t, filepath.Join(bad, "hjelperen.toml"))+"\n"+c.block)
		_, err := Build(t.Context(), Options{Source: bad, CheckOnly: true})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want %q", c.block, err, c.want)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestUntranslatedTextIsMarked checks that text a nynorsk page shows
// from a bokmål page is marked lang="nb": the body of a translation that
// has none, and links to pages that are not translated.
func TestUntranslatedTextIsMarked(t *testing.T) {
	site := testsite.Copy(t, sample)
	write(t, site, "content/om.nn.md", "+++\ntitle = \"Om verktøyet\"\ndescription = \"Om.\"\n+++\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"nn/om.html":                   `<div class="prose" lang="nb">`,
		"nn/tema/klimatilpasning.html": `<a href="../../dimensjoner/klima-og-miljo.html" lang="nb">Klima og miljø</a>`,
		"om.html":                      `<div class="prose">`,
		"tema/klimatilpasning.html":    `<a href="../dimensjoner/klima-og-miljo.html">Klima og miljø</a>`,
	} {
		if got := readFile(t, filepath.Join(dest, page)); !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}
