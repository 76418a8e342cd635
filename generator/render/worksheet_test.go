package render_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
)

var wsBlock = regexp.MustCompile(`(?s)<script type="application/json" id="ws-data">(.*?)</script>`)

// worksheet renders the worksheet page in lang and decodes the data
// embedded in it, checking that nothing in it can end the script element.
func worksheet(t *testing.T, r *render.Renderer, site *model.Site, lang string) *render.Worksheet {
	t.Helper()
	html := renderPage(t, r, page(t, site, "arbeidsskjema/saksbehandling.md", lang))
	m := wsBlock.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no worksheet data in\n%s", html)
	}
	for _, bad := range []string{"</", "<!--", "<script", "\u2028", "\u2029"} {
		if strings.Contains(strings.ToLower(m[1]), bad) {
			t.Errorf("%s: the embedded JSON contains %q:\n%s", lang, bad, m[1])
		}
	}
	var ws render.Worksheet
	if err := json.Unmarshal([]byte(m[1]), &ws); err != nil {
		t.Fatalf("%s: the embedded data is not JSON: %v\n%s", lang, err, m[1])
	}
	return &ws
}

// TestWorksheetJSON checks the data a worksheet page embeds for its script:
// question texts that contain markup survive as text without ending the
// script element, and a nynorsk worksheet uses nynorsk texts where they
// exist and bokmål where they do not.
func TestWorksheetJSON(t *testing.T) {
	r, site := newRenderer(t, nil)
	nb := worksheet(t, r, site, "nb")
	nn := worksheet(t, r, site, "nn")

	if nb.Schema != render.WorksheetSchema || nb.ID != "saksbehandling" || nb.Lang != "nb" || nb.Title != "Saksbehandling" {
		t.Errorf("nb header = %d %q %q %q", nb.Schema, nb.ID, nb.Lang, nb.Title)
	}
	if len(nb.Dimensions) != 1 || len(nb.Dimensions[0].Themes) != 1 || len(nb.Dimensions[0].Themes[0].Questions) != 1 {
		t.Fatalf("nb dimensions = %+v", nb.Dimensions)
	}
	q := nb.Dimensions[0].Themes[0].Questions[0]
	if want := "Er </script><script>alert(1)</script> trygt? <!-- & \u2028 'x' \"y\""; q.Text != want {
		t.Errorf("question text = %q, want %q", q.Text, want)
	}
	if want := "</SCRIPT > og <![CDATA[ ]]>"; q.Help != want {
		t.Errorf("question help = %q, want %q", q.Help, want)
	}

	tests := []struct{ name, got, want string }{
		{"nn title", nn.Title, "Sakshandsaming"},
		{"nn scale title", nn.Scale.Title, "Verknad"},
		{"nn label", nn.Scale.Options[0].Label, "Positiv verknad"},
		{"nn label missing in skalaer.nn.toml", nn.Scale.Options[1].Label, "Negativ"},
		{"nn meaning", string(nn.Scale.Options[1].Meaning), "negative"},
		{"nn string", nn.Strings["ws_save"], "Lagra"},
		{"nn theme", nn.Dimensions[0].Themes[0].Title, "Bustad"},
		{"nn question", nn.Dimensions[0].Themes[0].Questions[0].Text, "Korleis påverkar saka bustadene?"},
		{"nn theme link", nn.Dimensions[0].Themes[0].URL, "../tema/bolig.html"},
		{"nb theme link", nb.Dimensions[0].Themes[0].URL, "../tema/bolig.html"},
		{"nb string", nb.Strings["ws_save"], "Lagre"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestWorksheetContentVersion checks that the content version, which
// saved answers are checked against, ignores texts and translations but
// changes with the questions.
func TestWorksheetContentVersion(t *testing.T) {
	version := func(edits map[string]string, lang string) string {
		site := loadSite(t, edits)
		r, err := render.New(site, theme{mapFS(themeFiles)}, render.Options{Assets: assets})
		if err != nil {
			t.Fatal(err)
		}
		html := renderPage(t, r, page(t, site, "arbeidsskjema/saksbehandling.md", lang))
		m := regexp.MustCompile(`"contentVersion":"([0-9a-f]+)"`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("no content version in\n%s", html)
		}
		return m[1]
	}
	bolig := siteFiles["content/tema/bolig.md"]
	base := version(nil, "nb")
	tests := []struct {
		name  string
		edits map[string]string
		lang  string
		same  bool
	}{
		{"nynorsk", nil, "nn", true},
		{"edited question text", map[string]string{"content/tema/bolig.md": strings.Replace(bolig, "trygt?", "sikkert?", 1)}, "nb", true},
		{"new question", map[string]string{"content/tema/bolig.md": strings.Replace(bolig, "+++\n\nBoliger.",
			"[[questions]]\nid = \"bolig-saks-2\"\nlevel = \"saksbehandling\"\ntext = \"Nytt?\"\n+++\n\nBoliger.", 1)}, "nb", false},
		{"new option", map[string]string{"content/data/skalaer.toml": siteFiles["content/data/skalaer.toml"] +
			"\n[[scale.option]]\ncode = \"usikker\"\nlabel = \"Usikker\"\nmeaning = \"unknown\"\n"}, "nb", false},
	}
	for _, tt := range tests {
		if got := version(tt.edits, tt.lang); (got == base) != tt.same {
			t.Errorf("%s: version %s, base %s; want same = %v", tt.name, got, base, tt.same)
		}
	}
}
