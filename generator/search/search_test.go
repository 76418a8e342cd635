package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bærekraft", "barekraft"},
		{"baerekraft", "barekraft"},
		{"barekraft", "barekraft"},
		{"BÆREKRAFT", "barekraft"},
		{"Økonomi", "okonomi"},
		{"oekonomi", "okonomi"},
		{"Målselv", "malselv"},
		{"Maalselv", "malselv"},
		{"Dyrøy", "dyroy"},
		{"Čáhcesuolu", "cahcesuolu"},
		{"§ 10-1", "§ 10-1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, html string
		want       []Segment
	}{
		{"paragraphs", "<p>En &amp; to</p>\n<p>Tre <em>fire</em></p>", []Segment{{Text: "En & to"}, {Text: "Tre fire"}}},
		{"heading anchors", `<p>Før</p><h2 id="hvorfor">Hvorfor?</h2><p>Fordi.</p><ul><li>A</li><li>B</li></ul>`,
			[]Segment{{Text: "Før"}, {Text: "Hvorfor?", Anchor: "hvorfor"}, {Text: "Fordi.", Anchor: "hvorfor"}, {Text: "A", Anchor: "hvorfor"}, {Text: "B", Anchor: "hvorfor"}}},
		{"inline links and breaks", `<p>Se <a href="x.html">siden</a><br>ny linje</p>`, []Segment{{Text: "Se siden"}, {Text: "ny linje"}}},
		{"table cells", `<table><tr><th>Kolonne</th><td>Verdi</td></tr></table>`, []Segment{{Text: "Kolonne"}, {Text: "Verdi"}}},
		{"image alt", `<p><img src="k.png" alt="Kart"> over</p>`, []Segment{{Text: "Kart over"}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.html)
			if len(got) != len(tt.want) {
				t.Fatalf("Text = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("segment %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestSplit(t *testing.T) {
	long := strings.Repeat("Dette er en setning om bærekraft i kommunen. ", 30)
	tests := []struct {
		name string
		in   string
		n    int // number of pieces, 0 = more than one
	}{
		{"short", "Kort  tekst\n med mellomrom", 1},
		{"long", long, 0},
		{"no spaces", strings.Repeat("x", MaxSegment*2+1), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.in)
			if tt.n > 0 && len(got) != tt.n || tt.n == 0 && len(got) < 2 {
				t.Fatalf("split gave %d pieces: %q", len(got), got)
			}
			total := 0
			for _, s := range got {
				if n := len([]rune(s)); n > MaxSegment || n == 0 {
					t.Errorf("piece of %d runes: %q", n, s)
				}
				total += len(strings.Fields(s))
			}
			if want := len(strings.Fields(tt.in)); total != want && !strings.HasPrefix(tt.name, "no spaces") {
				t.Errorf("pieces hold %d words, want %d", total, want)
			}
		})
	}
	if got := split("Kort  tekst\n med mellomrom"); got[0] != "Kort tekst med mellomrom" {
		t.Errorf("white space not collapsed: %q", got[0])
	}
}

// testSite is a small site: a theme with a nynorsk variant, a worksheet
// and a funding entry.
func testSite() *model.Site {
	site := &model.Site{
		Config: model.Config{Language: "nb", Languages: []string{"nb", "nn"}},
		Kinds:  kinds.Builtin(),
		Strings: map[string]map[string]string{
			"nb": {KindKey(model.KindTheme): "Tema", KindKey(model.KindFunding): "Virkemiddel", "rules": "Kjøreregler"},
			"nn": {KindKey(model.KindFunding): "Verkemiddel", "rules": "Køyrereglar"},
		},
	}
	theme := &model.Page{
		Meta: model.Meta{Title: "Økonomi og drift", Description: "Sunn økonomi."},
		Path: "tema/okonomi.md", ID: "okonomi", Kind: model.KindTheme, Lang: "nb", OutPath: "tema/okonomi.html",
		HTML: `<p>Bærekraft &lt;i&gt; budsjettet.</p><h2 id="mer">Mer</h2><p>Langsiktig.</p>`,
		Data: &model.ThemeData{
			Dimension: "okonomi", Levels: []string{"saksbehandling"},
			Rules:     []model.Rule{{ID: "okonomi-1", Text: "Kommunen har handlingsrom."}},
			Questions: []model.Question{{ID: "okonomi-saks-1", Level: "saksbehandling", Text: "Gir saken varige kostnader?"}},
		},
	}
	themeNN := *theme
	themeNN.Meta = model.Meta{Title: "Økonomi og drift (nn)", Description: "Sunn økonomi."}
	themeNN.Lang, themeNN.OutPath = "nn", "nn/tema/okonomi.html"
	variants := map[string]*model.Page{"nb": theme, "nn": &themeNN}
	theme.Variants, themeNN.Variants = variants, variants
	ws := &model.Page{
		Meta: model.Meta{Title: "Saksbehandling", Description: "Skjema for saker."},
		Path: "arbeidsskjema/saksbehandling.md", ID: "saksbehandling", Kind: model.KindWorksheet, Lang: "nb",
		OutPath: "arbeidsskjema/saksbehandling.html", HTML: "<p>Bruk skjemaet.</p>",
		Data: &model.WorksheetData{Purpose: "Finne virkninger.", LegalBasis: "Kommuneloven"},
	}
	fund := &model.Page{
		Meta: model.Meta{Title: "Klimasats", Description: "Støtte til klimatiltak."},
		Path: "virkemidler/klimasats.md", ID: "klimasats", Kind: model.KindFunding, Lang: "nb",
		OutPath: "virkemidler/klimasats.html",
		Data:    &model.FundingData{Owner: "Miljødirektoratet", Applicants: "Kommuner.", Supports: "Klimatiltak.", Themes: []string{"okonomi"}},
	}
	for _, p := range []*model.Page{ws, fund} {
		p.Variants = map[string]*model.Page{"nb": p}
	}
	site.Pages = []*model.Page{ws, &themeNN, theme, fund}
	site.Index()
	return site
}

func TestCollect(t *testing.T) {
	site := testSite()
	tests := []struct {
		lang      string
		title     string // title of the theme doc
		themeURL  string
		fundLabel string
		rules     string // the heading above the theme's rules
	}{
		{"nb", "Økonomi og drift", "tema/okonomi.html", "Virkemiddel", "Kjøreregler"},
		{"nn", "Økonomi og drift (nn)", "nn/tema/okonomi.html", "Verkemiddel", "Køyrereglar"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			ix := Collect(site, tt.lang)
			if ix.Version != Version || ix.Lang != tt.lang {
				t.Errorf("version %d lang %q", ix.Version, ix.Lang)
			}
			if got := ix.Kinds["funding"]; got != tt.fundLabel {
				t.Errorf("funding label = %q, want %q", got, tt.fundLabel)
			}
			if len(ix.Docs) != 3 {
				t.Fatalf("got %d docs, want 3", len(ix.Docs))
			}
			// Worksheets come first, then themes, then funding.
			ws, theme, fund := ix.Docs[0], ix.Docs[1], ix.Docs[2]
			if ws.Kind != "worksheet" || theme.Kind != "theme" || fund.Kind != "funding" {
				t.Fatalf("kinds in order %s, %s, %s", ws.Kind, theme.Kind, fund.Kind)
			}
			if theme.Title != tt.title || theme.URL != tt.themeURL {
				t.Errorf("theme doc %q at %q", theme.Title, theme.URL)
			}
			wantTheme := []Segment{{Text: "Bærekraft <i> budsjettet."}, {Text: "Mer", Anchor: "mer"}, {Text: "Langsiktig.", Anchor: "mer"},
				{Text: tt.rules, Anchor: "kjoreregler"}, {Text: "Kommunen har handlingsrom.", Anchor: "okonomi-1"}}
			if !equal(theme.Segments, wantTheme) {
				t.Errorf("theme segments = %q, want %q", theme.Segments, wantTheme)
			}
			wantWS := []Segment{{Text: "Finne virkninger."}, {Text: "Kommuneloven"}, {Text: "Bruk skjemaet."}, {Text: "Gir saken varige kostnader?", Anchor: "q-okonomi-saks-1"}}
			if tt.lang != "nb" {
				// Pages without a variant in the language are found by
				// their title and description only.
				wantWS = nil
				if len(fund.Segments) > 0 || fund.Title != "Klimasats" || fund.Description == "" || fund.Lang != "nb" {
					t.Errorf("bokmål-only funding page in %s: %+v", tt.lang, fund)
				}
			} else if !strings.Contains(Fold(fund.Segments[0].Text), "miljodirektoratet") {
				t.Errorf("funding owner not indexed: %q", fund.Segments)
			}
			if !equal(ws.Segments, wantWS) {
				t.Errorf("worksheet segments = %q, want %q", ws.Segments, wantWS)
			}
		})
	}
}

func equal(a, b []Segment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// readFiles returns a reader of files for Read.
func readFiles(files map[string][]byte) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if data, ok := files[name]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("no file %s", name)
	}
}

func TestSharded(t *testing.T) {
	site := testSite()
	s := NewSharded(site, "nb")
	files := s.Files()
	for name, data := range files {
		if !strings.HasPrefix(name, Dir) || !strings.HasSuffix(name, ".js") {
			t.Errorf("index file %s is not under %s", name, Dir)
		}
		if bytes.Contains(data, []byte("<i>")) || bytes.Contains(data, []byte("</")) {
			t.Errorf("%s: markup characters are not escaped: %s", name, data)
		}
	}
	ix, words, err := Read(readFiles(files), s.Entry())
	if err != nil {
		t.Fatal(err)
	}
	want := Collect(site, "nb")
	if got, _ := json.Marshal(ix); string(got) != string(mustJSON(t, want)) {
		t.Errorf("Read gave\n%s\nwant\n%s", got, mustJSON(t, want))
	}
	// Every word of a page lists it, folded: "skjemaet" as "skjemat".
	for w, pages := range map[string][]int{"okonomi": {1}, "kommuneloven": {0}, "klimasats": {2}, "skjemat": {0}} {
		if fmt.Sprint(words[w]) != fmt.Sprint(pages) {
			t.Errorf("word %q lists pages %v, want %v", w, words[w], pages)
		}
	}
	again := NewSharded(testSite(), "nb").Files()
	if len(again) != len(files) {
		t.Fatalf("NewSharded is not deterministic: %d files, then %d", len(files), len(again))
	}
	for name, data := range files {
		if string(again[name]) != string(data) {
			t.Errorf("NewSharded is not deterministic: %s differs", name)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestShardedUpdate changes the text of a page and checks that Update
// gives the same files as a new index, rewriting only some of them.
func TestShardedUpdate(t *testing.T) {
	tests := []struct {
		name string
		edit func(site *model.Site) string // returns the content path changed
	}{
		{"new words", func(site *model.Site) string {
			p := site.ByPath["arbeidsskjema/saksbehandling.md"]
			p.HTML += "<p>Helt nye ord: vindkraft og reinbeite.</p>"
			return p.Path
		}},
		{"words removed", func(site *model.Site) string {
			p := site.ByPath["arbeidsskjema/saksbehandling.md"]
			p.HTML = ""
			return p.Path
		}},
		{"nynorsk variant", func(site *model.Site) string {
			p := site.ByPath["tema/okonomi.md"].Variant("nn")
			p.HTML = "<p>Nynorsk tekst om økonomi.</p>"
			return p.Path
		}},
	}
	for _, tt := range tests {
		for _, lang := range []string{"nb", "nn"} {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				s := NewSharded(testSite(), lang)
				disk := s.Files() // what a build wrote
				before := maps.Clone(disk)
				site := testSite()
				changed := tt.edit(site)
				written, removed := s.Update(site, []string{changed})
				for _, name := range removed {
					if _, ok := disk[name]; !ok {
						t.Errorf("removed %s, which was not there", name)
					}
					delete(disk, name)
				}
				for name, data := range written {
					if _, was := before[name]; was {
						t.Errorf("%s written again, unchanged", name)
					}
					disk[name] = data
				}
				want := NewSharded(site, lang).Files()
				if !slices.Equal(slices.Sorted(maps.Keys(disk)), slices.Sorted(maps.Keys(want))) {
					t.Errorf("files after Update:\n%q\nin a new index:\n%q", slices.Sorted(maps.Keys(disk)), slices.Sorted(maps.Keys(want)))
				}
				if !slices.Equal(s.Names(), slices.Sorted(maps.Keys(want))) {
					t.Errorf("Names after Update = %q", s.Names())
				}
				for name, data := range want {
					if string(disk[name]) != string(data) {
						t.Errorf("%s differs from a new index", name)
					}
				}
			})
		}
	}
}

// wordsOfFolded is the definition Words must match: fold the whole text
// (as the search script folds a query), then split it.
func wordsOfFolded(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		if r := []rune(w); len(r) >= 2 || unicode.IsNumber(r[0]) {
			out = append(out, w)
		}
	}
	return out
}

func TestWordsFoldThenSplit(t *testing.T) {
	for _, in := range []string{"Bærekraft-vurdering", "AE ae Ae aE", "Maalselv MAALSELV", "ØKONOMI oekonomi Oekonomi",
		"a-e a e", "kommuneøkonomi", "Čáhcesuolu", "x 1 22 ø æ", "§ 10-1", "aaa aae oee", "Plan- og bygningsloven"} {
		if got, want := Words(in), wordsOfFolded(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Bærekraft-vurdering, § 10-1: «Økonomi» og i 2026 a")
	want := []string{"barekraft", "vurdering", "10", "1", "okonomi", "og", "2026"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestPartition(t *testing.T) {
	words := []string{"a", "ab", "abc", "b", "ba", "bb", "c"}
	small := []int{1, 1, 1, 1, 1, 1, 1}
	if got := partition(words, small, 0, 0, len(words)); len(got) != 1 {
		t.Errorf("small words in %d shards: %v", len(got), got)
	}
	big := []int{shardTarget / 2, shardTarget / 2, shardTarget / 2, shardTarget, 1, 1, 1}
	got := partition(words, big, 0, 0, len(words))
	// Every word once, in order, and no shard over the target unless it
	// is one word.
	next := 0
	for _, r := range got {
		if r[0] != next || r[1] <= r[0] {
			t.Fatalf("runs %v do not cover the words in order", got)
		}
		size := 0
		for _, n := range big[r[0]:r[1]] {
			size += n
		}
		if size > shardTarget && r[1]-r[0] > 1 {
			t.Errorf("run %v holds %d bytes", r, size)
		}
		next = r[1]
	}
	if next != len(words) {
		t.Errorf("runs %v end at %d", got, next)
	}
	// A change in the b words leaves the a words' runs as they were.
	big2 := append([]int(nil), big...)
	big2[5] = shardTarget
	got2 := partition(words, big2, 0, 0, len(words))
	if fmt.Sprint(got[:2]) != fmt.Sprint(got2[:2]) {
		t.Errorf("runs of a words moved: %v, then %v", got, got2)
	}
}
