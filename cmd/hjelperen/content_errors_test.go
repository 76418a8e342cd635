package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite docs/content-errors.md")

const contentErrorsDoc = "../../docs/content-errors.md"

// mistake is one mistake an editor can make in the sample site.
type mistake struct {
	title string // what the editor did
	file  string // the file changed, relative to the site
	// old is replaced by new in file; with old empty, new is the whole
	// file.
	old, new string
	link     string // when set, file becomes a symbolic link to link
	remove   bool   // file is deleted
	// messages is how many messages the mistake gives; 0 means one.
	messages int
}

const (
	theme = "content/tema/klimatilpasning.md"
	om    = "content/om.md"
	pg    = "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\n"
	scale = "[[scale]]\nid = \"ja-nei\"\ntitle = \"Ja eller nei\"\n\n[[scale.option]]\ncode = \"ja\"\nlabel = \"Ja\"\nmeaning = \"positive\"\n\n" +
		"[[scale.option]]\ncode = \"nei\"\nlabel = \"Nei\"\nmeaning = \"negative\"\n"
)

// mistakes has, section by section, a mistake for every content error
// the generator can give (TestContentErrorsComplete checks that).
var mistakes = []struct {
	section string
	cases   []mistake
}{
	{"The site's settings (hjelperen.toml)", []mistake{
		{title: "No hjelperen.toml in the folder", file: "hjelperen.toml", remove: true},
		{title: "No title", file: "hjelperen.toml", old: "title = \"Bærekrafthjelperen\"\n", new: "# title = \"Bærekrafthjelperen\"\n"},
		{title: "Languages in the wrong order", file: "hjelperen.toml", old: `languages = ["nb", "nn"]`, new: `languages = ["nn", "nb"]`},
		{title: "Unknown language", file: "hjelperen.toml", old: `languages = ["nb", "nn"]`, new: `languages = ["nb", "nn", "en"]`},
		{title: "Address without https://", file: "hjelperen.toml", old: `base_url = "https://www.statsforvalteren.no/nb/troms-finnmark/baerekraft/"`, new: `base_url = "www.statsforvalteren.no/nb/troms-finnmark/baerekraft/"`},
		{title: "A theme (design) that does not exist", file: "hjelperen.toml", old: "language = \"nb\"\n", new: "language = \"nb\"\ntheme = \"standard\"\n"},
		{title: "Menu entry to a page that does not exist", file: "hjelperen.toml", old: "page = \"om.md\"", new: "page = \"om-oss.md\""},
		{title: "Menu entry without a title", file: "hjelperen.toml", old: "[[menu]]\ntitle = \"Om\"\n", new: "[[menu]]\n"},
		{title: "Menu entry without a page", file: "hjelperen.toml", old: "title = \"Tema\"\npage = \"tema/_index.md\"\n", new: "title = \"Tema\"\n"},
		{title: "Yes or no written as text", file: "hjelperen.toml", old: "language = \"nb\"\n", new: "language = \"nb\"\ndownload_zip = \"ja\"\n"},
		{title: "A table written as a value", file: "hjelperen.toml", new: "title = \"Bærekrafthjelperen\"\nlanguage = \"nb\"\nlanguages = [\"nb\", \"nn\"]\nfooter = \"Laget av Statsforvalteren\"\n"},
		{title: "Table name without its closing bracket", file: "hjelperen.toml", old: "[footer]\n", new: "[footer\n"},
		{title: "Translations for a language the site does not have", file: "hjelperen.toml", old: "[footer]\n", new: "[translations.se]\ndescription = \"Bærekrafthjelperen\"\n\n[footer]\n"},
		{title: "Translations for the default language", file: "hjelperen.toml", old: "[footer]\n", new: "[translations.nb]\nfooter_text = \"Laget av Statsforvalteren.\"\n\n[footer]\n"},
		{title: "A translated link title for a page that is not linked", file: "hjelperen.toml", old: "[footer]\n", new: "[translations.nn.links]\n\"tema/bolig.md\" = \"Bustad\"\n\n[footer]\n"},
	}},
	{"Files and folders", []mistake{
		{title: "No content folder", file: "content", remove: true},
		{title: "No front page", file: "content/_index.md", remove: true},
		{title: "A file name with capitals or spaces", file: "content/Om oss.md", new: pg + "Tekst.\n"},
		{title: "A language the site does not have", file: "content/om.se.md", new: pg + "Teaksta.\n"},
		{title: "An unknown language in the file name", file: "content/om.en.md", new: pg + "Text.\n"},
		{title: "Two files published as the same page", file: "content/index.md", new: pg + "Tekst.\n"},
		{title: "A translation without its bokmål page", file: "content/kontakt.nn.md", new: pg + "Tekst.\n"},
		{title: "An image in content/", file: "content/kart.png", new: "PNG"},
		{title: "A page where the search page goes", file: "content/sok.md", new: pg + "Søk.\n"},
		{title: "A symbolic link to a file outside the site", file: "static/rapport.pdf", link: "../../rapport.pdf"},
		{title: "A symbolic link to nothing", file: "static/bilder/logo.svg", link: "logo-ny.svg"},
		{title: "A symbolic link to itself", file: "static/bilder/logo.svg", link: "logo.svg"},
	}},
	{"The fields at the top of a page (front matter)", []mistake{
		{title: "Saved in another encoding than UTF-8", file: om, new: "+++\ntitle = \"Om\"\ndescription = \"Bl\xe5b\xe6r\"\n+++\n"},
		{title: "No fields at the top", file: om, new: "Om verktøyet.\n"},
		{title: "No closing +++", file: om, new: "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n\nTekst.\n"},
		{title: "A misspelt field", file: om, old: "title =", new: "titel ="},
		// Issue 12: the theme has a translation and pages that refer to
		// it, which must not give messages of their own.
		{title: "A misspelt field in a theme", file: theme, old: "title =", new: "titel ="},
		{title: "A field the page does not have", file: om, old: "title =", new: "farge = \"grønn\"\ntitle ="},
		{title: "A field that is missing", file: om, old: "description = \"Hvem som står bak, og hvordan verktøyet ble til.\"\n", new: ""},
		{title: "A field that is empty", file: om, old: "description = \"Hvem som står bak, og hvordan verktøyet ble til.\"", new: "description = \"\""},
		{title: "A number where text belongs", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title = 5"},
		{title: "Text where a number belongs", file: om, old: "title =", new: "weight = \"3\"\ntitle ="},
		{title: "One number where a list belongs", file: theme, old: "sdgs = [11, 13]", new: "sdgs = 13"},
		{title: "Text without quotes", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title = Om Bærekrafthjelperen"},
		{title: "Text without its closing quote", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title = \"Om Bærekrafthjelperen"},
		{title: "Long text without its closing quotes", file: om, old: "description = \"Hvem som står bak, og hvordan verktøyet ble til.\"", new: "description = \"\"\"Hvem som står bak."},
		{title: "A field without a value", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title ="},
		{title: "A field without =", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title \"Om Bærekrafthjelperen\""},
		{title: "Something after the value", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title = \"Om\" Bærekrafthjelperen"},
		{title: "The same field twice", file: om, old: "title =", new: "title = \"Om\"\ntitle ="},
		{title: "A date that does not exist", file: om, old: "title =", new: "updated = 2026-13-01\ntitle ="},
		{title: "A date in another form", file: om, old: "title =", new: "updated = \"1. mai 2026\"\ntitle ="},
		{title: "A number as a date", file: om, old: "title =", new: "updated = 2026\ntitle ="},
		{title: "A field name missing", file: om, old: "title =", new: "= \"Om\"\ntitle ="},
		{title: "Other TOML mistakes", file: om, old: "title = \"Om Bærekrafthjelperen\"", new: "title = \"Om\\Bærekrafthjelperen\""},
		{title: "A page without text", file: om, new: pg},
		{title: "A card without a title", file: "content/_index.md", old: "[[cards]]\ntitle = \"Vurder en sak\"\n", new: "[[cards]]\n"},
		{title: "A translation with an item the bokmål page lacks", file: "content/tema/klimatilpasning.nn.md", old: "id = \"klimatilpasning-saks-1\"", new: "id = \"klimatilpasning-saks-9\""},
	}},
	{"Text and links (Markdown)", []mistake{
		{title: "HTML in the text", file: om, new: pg + "Tekst med <b>fet</b> skrift.\n"},
		{title: "A link to a page that does not exist", file: om, new: pg + "Les om [bolig](tema/boliger.md).\n"},
		{title: "A link to a file that does not exist", file: om, new: pg + "Se [kartet](/bilder/kart.png).\n"},
		{title: "A link over http://", file: om, new: pg + "Se [NVE](http://www.nve.no/).\n"},
		{title: "An address over http:// in the text", file: om, new: pg + "Se http://www.nve.no/ for mer.\n"},
		{title: "A link of another kind", file: om, new: pg + "Last ned [arkivet](ftp://arkiv.example.no/fil.zip).\n"},
		{title: "A link without the site's name", file: om, new: pg + "Se [NVE](https:///flom).\n"},
		{title: "A link without https://", file: om, new: pg + "Se [NVE](//www.nve.no/).\n"},
		{title: "A link out of content/", file: om, new: pg + "Se [filen](../../hemmelig.md).\n"},
		{title: "A link that is not an address", file: om, new: pg + "Se [her](%zz).\n"},
		{title: "An image from another site", file: om, new: pg + "![Kart over fylket](https://example.com/kart.png)\n"},
		{title: "A broken link in an example", file: "content/anbefalinger/ledelse.md", old: "på hvert ledermøte.", new: "på hvert [ledermøte](moter.md)."},
	}},
	{"Themes (content/tema)", []mistake{
		{title: "A dimension that does not exist", file: theme, old: `dimension = "klima-og-miljo"`, new: `dimension = "klima"`},
		{title: "The same dimension in also", file: theme, old: "dimension = \"klima-og-miljo\"\n", new: "dimension = \"klima-og-miljo\"\nalso = [\"klima-og-miljo\"]\n"},
		{title: "No UN goals", file: theme, old: "sdgs = [11, 13]\n", new: ""},
		{title: "A UN goal that does not exist", file: theme, old: "sdgs = [11, 13]", new: "sdgs = [11, 18]"},
		{title: "No levels", file: theme, old: `levels = ["saksbehandling"]`, new: `levels = []`},
		{title: "No kjøreregler", file: "content/tema/bolig.md", old: "[[rules]]\nid = \"bolig-r1\"\ntext = \"Det finnes boliger for folk i alle livsfaser og med ulik økonomi.\"\n", new: ""},
		{title: "A rule without an ID", file: theme, old: "id = \"klimatilpasning-r2\"\n", new: ""},
		{title: "A rule ID with capitals or spaces", file: theme, old: "id = \"klimatilpasning-r2\"", new: "id = \"Klimatilpasning R2\""},
		{title: "A rule ID used twice", file: theme, old: "\n[[questions]]", new: "\n[[rules]]\nid = \"natur-r1\"\ntext = \"Myra tas vare på.\"\n\n[[questions]]"},
		{title: "A rule without text", file: theme, old: "text = \"Kommunen kjenner risikoen i egne områder og holder ROS-analysen oppdatert.\"\n", new: ""},
		{title: "A question without text", file: theme, old: "text = \"Bygger saken på en oppdatert risiko- og sårbarhetsanalyse?\"\n", new: ""},
		{title: "A question without a level", file: theme, old: "id = \"klimatilpasning-saks-2\"\nlevel = \"saksbehandling\"\n", new: "id = \"klimatilpasning-saks-2\"\n"},
		{title: "A question at a level the theme lacks", file: theme, old: "id = \"klimatilpasning-saks-2\"\nlevel = \"saksbehandling\"\n", new: "id = \"klimatilpasning-saks-2\"\nlevel = \"planstrategi\"\n"},
		{title: "A question from a rule of another theme", file: theme, old: `rules = ["klimatilpasning-r2"]`, new: `rules = ["natur-r1"]`},
		{title: "A level without questions", file: "content/tema/natur-og-arealbruk.md", old: "[[questions]]\nid = \"natur-saks-1\"\nlevel = \"saksbehandling\"\nrules = [\"natur-r1\"]\ntext = \"Hvordan påvirker saken naturmangfold, myr og strandsone?\"\n", new: ""},
	}},
	{"Other kinds of pages", []mistake{
		{title: "A worksheet with a scale that does not exist", file: "content/arbeidsskjema/saksbehandling.md", old: `scale = "virkning"`, new: `scale = "virkninger"`},
		{title: "A worksheet with an unknown goals setting", file: "content/arbeidsskjema/saksbehandling.md", old: `scale = "virkning"`, new: "scale = \"virkning\"\ngoals = \"ja\""},
		{title: "A step without a number", file: "content/rod-trad/10-saksbehandling.md", old: "step = 10\n", new: ""},
		{title: "Two steps with the same number", file: "content/rod-trad/09-vedtak.md", new: "+++\ntitle = \"Vedtak\"\ndescription = \"x\"\nstep = 10\ntiming = \"Før valget\"\nlegal_basis = \"pbl\"\n+++\n\nTekst.\n"},
		{title: "A recommendation without examples", file: "content/anbefalinger/ledelse.md", new: "+++\ntitle = \"Ledelse\"\ndescription = \"x\"\n+++\n\nTekst.\n"},
		{title: "An example without an ID", file: "content/anbefalinger/ledelse.md", old: "id = \"fast-punkt\"\n", new: ""},
		{title: "An example ID used twice", file: "content/anbefalinger/ledelse.md", old: "municipality = \"Dyrøy\"\n", new: "municipality = \"Dyrøy\"\n\n[[examples]]\nid = \"fast-punkt\"\ntitle = \"Igjen\"\ntext = \"Igjen.\"\n"},
		{title: "An example without text", file: "content/anbefalinger/ledelse.md", old: "text = \"Kommunedirektøren tar opp *bærekraft* på hvert ledermøte.\"\n", new: ""},
		{title: "A funding scheme with an address over http://", file: "content/virkemidler/klimatilpasning-tilskudd.md", old: `url = "https://www.miljodirektoratet.no/"`, new: `url = "http://www.miljodirektoratet.no/"`},
		{title: "A funding scheme with an address not filled in", file: "content/virkemidler/klimatilpasning-tilskudd.md", old: `url = "https://www.miljodirektoratet.no/"`, new: `url = "https://"`},
		{title: "A funding scheme with a check date but not what it was checked against", file: "content/virkemidler/klimatilpasning-tilskudd.md", old: `themes = ["klimatilpasning"]`, new: "themes = [\"klimatilpasning\"]\nchecked = 2026-12-02"},
		{title: "A funding scheme for no theme", file: "content/virkemidler/klimatilpasning-tilskudd.md", old: `themes = ["klimatilpasning"]`, new: `themes = []`},
		{title: "A dilemma with one theme", file: "content/dilemmatrening/hyttefelt-pa-myr.md", old: `themes = ["natur-og-arealbruk", "klimatilpasning"]`, new: `themes = ["natur-og-arealbruk"]`},
		{title: "A dilemma without questions", file: "content/dilemmatrening/hyttefelt-pa-myr.md", old: "questions = [\"Hvilke mål trekker i hver sin retning?\", \"Hva vet vi, og hva mangler vi?\"]\n", new: ""},
	}},
	{"Answer scales (content/data/skalaer.toml)", []mistake{
		{title: "A scale without an ID", file: "content/data/skalaer.toml", new: strings.Replace(scale, "id = \"ja-nei\"\n", "", 1)},
		{title: "A scale ID with capitals", file: "content/data/skalaer.toml", new: strings.Replace(scale, "ja-nei", "Ja-Nei", 1)},
		{title: "An option without a code", file: "content/data/skalaer.toml", new: strings.Replace(strings.Replace(scale, "code = \"ja\"\n", "", 1), "ja-nei", "virkning", 1)},
		{title: "Two scales with the same ID", file: "content/data/skalaer.toml", new: strings.Replace(scale, "ja-nei", "virkning", 1) + "\n" + strings.Replace(scale, "ja-nei", "virkning", 1)},
		{title: "A scale without a title", file: "content/data/skalaer.toml", new: strings.Replace(strings.Replace(scale, "title = \"Ja eller nei\"\n", "", 1), "ja-nei", "virkning", 1)},
		{title: "A scale with one option", file: "content/data/skalaer.toml", new: strings.Replace(scale[:strings.LastIndex(scale, "[[scale.option]]")], "ja-nei", "virkning", 1)},
		{title: "An option code with capitals", file: "content/data/skalaer.toml", new: strings.Replace(strings.Replace(scale, "code = \"ja\"", "code = \"Ja\"", 1), "ja-nei", "virkning", 1)},
		{title: "An option code used twice", file: "content/data/skalaer.toml", new: strings.Replace(strings.Replace(scale, "code = \"nei\"", "code = \"ja\"", 1), "ja-nei", "virkning", 1)},
		{title: "An option without a label", file: "content/data/skalaer.toml", new: strings.Replace(strings.Replace(scale, "label = \"Nei\"\n", "", 1), "ja-nei", "virkning", 1)},
		{title: "An option with an unknown meaning", file: "content/data/skalaer.toml", new: strings.Replace(strings.Replace(scale, "meaning = \"positive\"", "meaning = \"good\"", 1), "ja-nei", "virkning", 1)},
		{title: "A translated scale that does not exist", file: "content/data/skalaer.nn.toml", new: "[[scale]]\nid = \"verknad\"\ntitle = \"Verknad\"\n"},
		{title: "A translated option that does not exist", file: "content/data/skalaer.nn.toml", new: "[[scale]]\nid = \"virkning\"\n\n[[scale.option]]\ncode = \"kanskje\"\nlabel = \"Kanskje\"\n"},
		{title: "A translated option with a meaning", file: "content/data/skalaer.nn.toml", new: "[[scale]]\nid = \"virkning\"\n\n[[scale.option]]\ncode = \"positiv\"\nlabel = \"Positiv verknad\"\nmeaning = \"positive\"\n"},
	}},
	{"Goal conflicts (content/data/malkonflikter.toml)", []mistake{
		{title: "A goal conflict with one theme", file: conflicts, new: "[[conflict]]\nthemes = [\"bolig\"]\nreason = \"R.\"\n"},
		{title: "A goal conflict with a theme that does not exist", file: conflicts, new: "[[conflict]]\nthemes = [\"bolig\", \"boliger\"]\nreason = \"R.\"\n"},
		{title: "The same pair twice", file: conflicts, new: pair + "\n" + strings.Replace(pair, `["klimatilpasning", "bolig"]`, `["bolig", "klimatilpasning"]`, 1)},
		{title: "A goal conflict without a reason", file: conflicts, new: strings.Replace(pair, "reason = \"R.\"\n", "", 1)},
		{title: "A dilemma that does not exist", file: conflicts, new: pair + "dilemma = \"hytter\"\n"},
		{title: "A dilemma about other themes", file: conflicts, new: pair + "dilemma = \"hyttefelt-pa-myr\"\n"},
		{title: "A translated pair that is not declared", file: "content/data/malkonflikter.nn.toml", new: "[[conflict]]\nthemes = [\"bolig\", \"natur-og-arealbruk\"]\nreason = \"R.\"\n"},
		{title: "A translated pair with a dilemma", file: "content/data/malkonflikter.nn.toml", new: pair + "dilemma = \"hyttefelt-pa-myr\"\n"},
		{title: "A translated pair with one theme", file: "content/data/malkonflikter.nn.toml", new: "[[conflict]]\nthemes = [\"bolig\"]\nreason = \"R.\"\n"},
	}},
	{"Funding and method suggestions (content/data/tiltaksforslag.toml)", []mistake{
		{title: "A suggestion for no question or kjøreregel", file: suggestions, new: "[[suggestion]]\nfunding = []\n"},
		{title: "A suggestion that suggests nothing", file: suggestions, new: "[[suggestion]]\nrules = [\"bolig-r1\"]\n"},
		{title: "A suggestion for a question that does not exist", file: suggestions, new: "[[suggestion]]\nquestions = [\"bolig-saks-9\"]\nfunding = []\n"},
		{title: "A suggestion for a kjøreregel that does not exist", file: suggestions, new: "[[suggestion]]\nrules = [\"bolig-r9\"]\nfunding = []\n"},
		{title: "A suggested funding entry that does not exist", file: suggestions, new: "[[suggestion]]\nrules = [\"bolig-r1\"]\nfunding = [\"husbanken\"]\n"},
		{title: "A suggested method that does not exist", file: suggestions, new: "[[suggestion]]\nrules = [\"bolig-r1\"]\nmethods = [\"barnetrakk-2\"]\n"},
	}},
}

const (
	conflicts   = "content/data/malkonflikter.toml"
	suggestions = "content/data/tiltaksforslag.toml"
	pair        = "[[conflict]]\nthemes = [\"klimatilpasning\", \"bolig\"]\nreason = \"R.\"\n"
)

// apply makes mistake m in the site.
func (m mistake) apply(t *testing.T, site string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(m.file))
	switch {
	case m.remove:
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	case m.link != "":
		os.Remove(p)
		if err := os.Symlink(filepath.FromSlash(m.link), p); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	case m.old == "":
		testsite.Write(t, site, m.file, m.new)
	default:
		testsite.Replace(t, site, m.file, m.old, m.new)
	}
}

// example returns what the editor wrote, for the document.
func (m mistake) example() string {
	switch {
	case m.remove:
		return fmt.Sprintf("`%s` is missing.\n\n", m.file)
	case m.link != "":
		return fmt.Sprintf("`%s` is a symbolic link to `%s`.\n\n", m.file, m.link)
	case m.old == "":
		return fmt.Sprintf("`%s`:\n\n%s", m.file, fence(m.new))
	case m.new == "":
		return fmt.Sprintf("`%s` without the lines:\n\n%s", m.file, fence(m.old))
	}
	return fmt.Sprintf("`%s`, with\n\n%sinstead of\n\n%s", m.file, fence(m.new), fence(m.old))
}

// fence puts text in a Markdown code block, showing bytes that are not
// UTF-8 as \x escapes.
func fence(text string) string {
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text = strings.ToValidUTF8(text, "\\xe5")
	return "```\n" + text + "```\n\n"
}

// TestContentErrorsDoc makes every mistake in a copy of the sample site,
// runs "hjelperen check" and compares what the editor sees with
// docs/content-errors.md (go test ./cmd/hjelperen -run ContentErrorsDoc
// -update rewrites it). Each mistake must give one message, with a
// position, in bokmål: one mistake, one message.
func TestContentErrorsDoc(t *testing.T) {
	var doc strings.Builder
	doc.WriteString(docIntro)
	for _, sec := range mistakes {
		fmt.Fprintf(&doc, "## %s\n\n", sec.section)
		for _, m := range sec.cases {
			site := testsite.Copy(t, "../../generator/testdata/sites/sample")
			m.apply(t, site)
			out, code := cli(t, "check", "--source", site)
			msgs := messages(out)
			want := max(m.messages, 1)
			if code != 1 || len(msgs) != want {
				t.Errorf("%s: exit %d and %d messages, want exit 1 and %d:\n%s", m.title, code, len(msgs), want, out)
			}
			fmt.Fprintf(&doc, "### %s\n\n%sgives\n\n%s", m.title, m.example(), fence(strings.Join(msgs, "\n")))
		}
	}
	doc.WriteString("## Messages no mistake in the sample site can show\n\n")
	for _, s := range slices.Sorted(maps.Keys(notShown)) {
		fmt.Fprintf(&doc, "- `%s…`: %s.\n", s, notShown[s])
	}
	if *update {
		if err := os.WriteFile(contentErrorsDoc, []byte(doc.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(contentErrorsDoc)
	if err != nil || string(old) != doc.String() {
		t.Errorf("%s is not what hjelperen gives today; run go test ./cmd/hjelperen -run ContentErrorsDoc -update and read the diff", contentErrorsDoc)
	}
}

// messages returns the problem lines of check's output, without the
// closing summary.
func messages(out string) []string {
	var msgs []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line != "" && !strings.HasPrefix(line, "Fant ") && !strings.HasPrefix(line, "Ingenting ble skrevet") {
			msgs = append(msgs, line)
		}
	}
	return msgs
}

const docIntro = `# Content errors

Every problem that ` + "`hjelperen check`" + `, ` + "`build`" + ` and ` + "`serve`" + ` can report about
the files editors write (hjelperen.toml, content/ and static/), with a
mistake that causes it and the message exactly as the editor sees it. The
messages are in plain bokmål and start with the file, line and column.
One mistake gives one message; a build with problems writes nothing.

Problems in the theme (themes/: layouts, interface strings) are for
developers and are in English; they are not listed here.

This file is written by a test, from the sample site in
generator/testdata/sites/sample: ` + "`go test ./cmd/hjelperen -run ContentErrorsDoc -update`" + `
rewrites it, and the test fails when a message changes without it.
TestContentErrorsComplete fails when the generator gets a message that no
mistake here shows.

`

// messageSources are the files whose messages are content errors, and
// messageCalls the calls whose string argument is such a message (or
// part of one).
var (
	messageSources = []string{
		"../../generator/content/*.go", "../../generator/kinds/*.go", "../../generator/markdown/markdown.go",
		"../../generator/model/page.go", "../../generator/search.go", "../../generator/build.go",
	}
	messageCalls = map[string]bool{"Addf": true, "Errorf": true, "Sprintf": true}
)

// notShown are messages no mistake in the sample site can cause, each
// with the reason.
var notShown = map[string]string{
	"kan ikke leses: ":         "a file the system refuses to read (no permission)",
	"en annen type verdi (":    "a field type the site's files do not use",
	"noe annet (":              "a TOML value type the decoder does not produce",
	"feltene kan ikke leses (": "a decoder error that is neither syntax nor type",
}

// TestContentErrorsComplete checks that every message the generator can
// give about content is shown in docs/content-errors.md: each message
// format in the sources, with its verbs as wildcards, must match a line
// of the document.
func TestContentErrorsComplete(t *testing.T) {
	doc, err := os.ReadFile(contentErrorsDoc)
	if err != nil {
		t.Fatal(err)
	}
	formats := messageFormats(t)
	if len(formats) < 60 {
		t.Fatalf("found only %d message formats; are the sources still in %v?", len(formats), messageSources)
	}
	for _, f := range formats {
		if skip(f) {
			continue
		}
		if !formatPattern(f).Match(doc) {
			t.Errorf("no mistake in %s gives the message %q; add one to mistakes", contentErrorsDoc, f)
		}
	}
}

func skip(format string) bool {
	for s, why := range notShown {
		if strings.Contains(format, s) && why != "" {
			return true
		}
	}
	// A key path such as "rules.%d" is no message, and "publish: %w"
	// wraps one.
	return !strings.Contains(format, " ") || strings.HasSuffix(format, "%w")
}

// messageFormats returns the string literals (joined where added up)
// passed to the calls of messageCalls, and the string constants, in
// messageSources.
func messageFormats(t *testing.T) []string {
	var out []string
	fset := token.NewFileSet()
	for _, glob := range messageSources {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && messageCalls[sel.Sel.Name] {
						for _, arg := range call.Args {
							if s, ok := literal(arg); ok {
								out = append(out, s)
								break
							}
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// literal returns the value of a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := literal(e.X)
		b, ok2 := literal(e.Y)
		return a + b, ok1 && ok2 && e.Op == token.ADD
	}
	return "", false
}

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*[a-z]`)

// formatPattern turns a format into a pattern in which each verb matches
// anything on one line.
func formatPattern(format string) *regexp.Regexp {
	parts := verb.Split(format, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(strings.ReplaceAll(p, "%%", "%"))
	}
	return regexp.MustCompile(strings.Join(parts, `.*`))
}
