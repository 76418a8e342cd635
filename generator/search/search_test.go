package search

import (
	"encoding/json"
	"strings"
	"testing"

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
			"nb": {KindKey(model.KindTheme): "Tema", KindKey(model.KindFunding): "Virkemiddel"},
			"nn": {KindKey(model.KindFunding): "Verkemiddel"},
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
	}{
		{"nb", "Økonomi og drift", "tema/okonomi.html", "Virkemiddel"},
		{"nn", "Økonomi og drift (nn)", "nn/tema/okonomi.html", "Verkemiddel"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			ix := Collect(site, tt.lang)
			if ix.Version != 1 || ix.Lang != tt.lang {
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
			wantTheme := []Segment{{Text: "Bærekraft <i> budsjettet."}, {Text: "Mer", Anchor: "mer"}, {Text: "Langsiktig.", Anchor: "mer"}, {Text: "Kommunen har handlingsrom.", Anchor: "okonomi-1"}}
			if !equal(theme.Segments, wantTheme) {
				t.Errorf("theme segments = %q, want %q", theme.Segments, wantTheme)
			}
			wantWS := []Segment{{Text: "Finne virkninger."}, {Text: "Kommuneloven"}, {Text: "Bruk skjemaet."}, {Text: "Gir saken varige kostnader?", Anchor: "q-okonomi-saks-1"}}
			if !equal(ws.Segments, wantWS) {
				t.Errorf("worksheet segments = %q, want %q", ws.Segments, wantWS)
			}
			if !strings.Contains(Fold(fund.Segments[0].Text), "miljodirektoratet") {
				t.Errorf("funding owner not indexed: %q", fund.Segments)
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

func TestBuild(t *testing.T) {
	data, err := Build(testSite(), "nb")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	prefix := "window." + Global + "="
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, ";\n") {
		t.Fatalf("not a global assignment: %.60q…%q", s, s[len(s)-5:])
	}
	if strings.Contains(s, "<i>") || strings.Contains(s, "</") {
		t.Errorf("markup characters are not escaped: %s", s)
	}
	var ix Index
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), ";\n")), &ix); err != nil {
		t.Fatalf("index is not JSON: %v", err)
	}
	if len(ix.Docs) != 3 || ix.Docs[1].Segments[3].Anchor != "okonomi-1" {
		t.Errorf("round trip lost data: %+v", ix.Docs)
	}
	again, _ := Build(testSite(), "nb")
	if string(again) != s {
		t.Error("Build is not deterministic")
	}
}
