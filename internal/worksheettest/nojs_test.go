package worksheettest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/render"
)

// TestPageWithoutJavaScript checks the server-rendered worksheet: every
// theme, rule and question is in the HTML, the notice says filling in
// needs JavaScript, there are no inline scripts or handlers, and the
// embedded data matches the form.
func TestPageWithoutJavaScript(t *testing.T) {
	out := build(t, sampleSite)
	for _, c := range []struct{ page, notice string }{
		{"arbeidsskjema/saksbehandling.html", "Du trenger JavaScript"},
		{"nn/arbeidsskjema/saksbehandling.html", "Du treng JavaScript"},
	} {
		data, err := os.ReadFile(filepath.Join(out, c.page))
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		for _, want := range []string{c.notice, `id="ws-nojs"`, "<fieldset", "<legend>", `for="q-bolig-saks-1"`, `id="c-bolig-saks-1"`,
			"Ny bebyggelse plasseres trygt", "Bygger saken på en oppdatert", `data-meaning="unknown"`, "worksheet.", "ws-core."} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", c.page, want)
			}
		}
		if regexp.MustCompile(`<script(?: defer)?>|<script>|\son[a-z]+=`).MatchString(html) {
			t.Errorf("%s has an inline script or event handler", c.page)
		}
		m := regexp.MustCompile(`(?s)<script type="application/json" id="ws-data">(.*?)</script>`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s: no ws-data", c.page)
		}
		var ws struct {
			Schema     int               `json:"schema"`
			Worksheet  string            `json:"worksheet"`
			Strings    map[string]string `json:"strings"`
			Dimensions []struct {
				ID     string `json:"id"`
				Themes []struct {
					Questions []struct{ ID string } `json:"questions"`
				} `json:"themes"`
			} `json:"dimensions"`
		}
		if err := json.Unmarshal([]byte(m[1]), &ws); err != nil {
			t.Fatalf("%s: ws-data: %v", c.page, err)
		}
		if ws.Schema != render.WorksheetSchema || ws.Worksheet != "saksbehandling" || len(ws.Dimensions) != 2 || ws.Dimensions[1].ID != "sosial" {
			t.Errorf("%s: ws-data %+v", c.page, ws)
		}
		if len(ws.Strings) < 120 || ws.Strings["ws_delete_all"] == "" {
			t.Errorf("%s: %d ws_ strings", c.page, len(ws.Strings))
		}
	}
}

// TestStringsComplete checks that bokmål and nynorsk have the same ws_
// keys, so the worksheet is complete in both.
func TestStringsComplete(t *testing.T) {
	keys := func(lang string) map[string]bool {
		data, err := os.ReadFile(filepath.Join(repoRoot, "themes/default/i18n", lang+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, m := range regexp.MustCompile(`(?m)^(ws_\w+)\s*=`).FindAllStringSubmatch(string(data), -1) {
			out[m[1]] = true
		}
		return out
	}
	nb, nn := keys("nb"), keys("nn")
	for k := range nb {
		if !nn[k] {
			t.Errorf("nn.toml lacks %s", k)
		}
	}
	for k := range nn {
		if !nb[k] {
			t.Errorf("nb.toml lacks %s", k)
		}
	}
	// Every ws_ key the scripts use is defined.
	js := filepath.Join(repoRoot, "themes/default/static/js")
	parts, _ := filepath.Glob(filepath.Join(js, "worksheet.parts", "*.js"))
	if len(parts) == 0 {
		t.Fatal("no worksheet.parts/*.js")
	}
	for _, f := range append([]string{filepath.Join(js, "ws-core.js"), filepath.Join(js, "ws-thread.js")}, parts...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\b(?:S\.|")(ws_[a-z_]+[a-z])\b`).FindAllStringSubmatch(string(src), -1) {
			if !nb[m[1]] {
				t.Errorf("%s uses %s, which nb.toml lacks", filepath.Base(f), m[1])
			}
		}
	}
}
