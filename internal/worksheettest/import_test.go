package worksheettest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// evil is markup that would run script if it were ever rendered as HTML.
const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`

// validFile returns a valid assessment file for the sample site with the
// given changes applied.
func validFile(contentVersion string, change func(m map[string]any)) []byte {
	m := map[string]any{
		"format": "baerekrafthjelperen-vurdering", "schema": render.WorksheetSchema, "worksheet": "saksbehandling",
		"contentVersion": contentVersion, "scale": "virkning", "id": "v-abc123", "name": "Fra kollega",
		"created": "2025-01-02T10:00:00.000Z", "updated": "2025-01-02T10:00:00.000Z",
		"answers":   map[string]any{"natur-saks-1": map[string]any{"option": "negativ", "comment": "Myr"}},
		"conflicts": map[string]any{}, "todo": map[string]any{},
	}
	if change != nil {
		change(m)
	}
	b, _ := json.Marshal(m)
	return b
}

// TestHostileImports feeds bad and malicious files to "Åpne fil". Each is
// refused with a message, or neutralised, and stored data stays intact.
func TestHostileImports(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	answer(t, tab, "klimatilpasning-saks-1", "positiv")
	cv := browsertest.Eval[string](t, tab, `JSON.parse(document.getElementById("ws-data").textContent).contentVersion`)

	big := bytes.Repeat([]byte(" "), 50<<20)
	copy(big, validFile(cv, nil))

	refused := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"truncated", "a.json", validFile(cv, nil)[:60], "skadet eller ufullstendig"},
		{"50 MB", "a.json", big, "Fila er for stor (50.0 MB)"},
		{"not JSON type", "a.txt", []byte("hei"), "ikke en .json-fil"},
		{"other worksheet", "a.json", validFile(cv, func(m map[string]any) { m["worksheet"] = "planstrategi" }), "hører til arbeidsskjemaet «planstrategi»"},
		{"newer version", "a.json", validFile(cv, func(m map[string]any) { m["schema"] = render.WorksheetSchema + 1 }), fmt.Sprintf("nyere versjon av Bærekrafthjelperen (filversjon %d)", render.WorksheetSchema+1)},
		{"not an assessment", "a.json", []byte(`[1,2,3]`), "ikke en vurdering fra Bærekrafthjelperen"},
		{"wrong format", "a.json", validFile(cv, func(m map[string]any) { m["format"] = "x" }), "ikke en vurdering"},
		{"schema as string", "a.json", validFile(cv, func(m map[string]any) { m["schema"] = "1" }), "ikke en vurdering"},
		{"answers as string", "a.json", validFile(cv, func(m map[string]any) { m["answers"] = "alt" }), "feil format"},
		{"answers as list", "a.json", validFile(cv, func(m map[string]any) { m["answers"] = []any{1} }), "feil format"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			before := storageSnapshot(t, tab)
			importFile(t, tab, c.data, c.file)
			msg := text(t, tab, "#ws-alert")
			if !strings.Contains(msg, c.want) {
				t.Errorf("message %q, want it to contain %q", msg, c.want)
			}
			if after := storageSnapshot(t, tab); !maps.Equal(before, after) {
				t.Errorf("storage changed:\n%v\n%v", before, after)
			}
			if !browsertest.Eval[bool](t, tab, `document.getElementById("ws-import").hidden`) {
				t.Error("import offered for a refused file")
			}
		})
	}

	neutralised := []struct {
		name  string
		data  []byte
		check func(t *testing.T)
	}{
		{"markup in every string", validFile(cv, func(m map[string]any) {
			m["name"] = evil
			m["id"] = evil
			m["created"] = evil
			m["contentVersion"] = evil
			m["answers"] = map[string]any{
				"natur-saks-1":           map[string]any{"option": evil, "comment": evil, "question": evil},
				"bolig-saks-1":           map[string]any{"option": "negativ", "comment": evil},
				"klimatilpasning-saks-1": map[string]any{"option": "usikker", "comment": evil},
				evil:                     map[string]any{"option": "positiv"},
				"gammelt-sporsmal":       map[string]any{"option": "positiv", "comment": evil, "question": evil},
			}
			m["conflicts"] = map[string]any{"klimatilpasning|bolig": map[string]any{"handling": evil, "note": evil}}
			m["todo"] = map[string]any{"klimatilpasning-saks-1": evil}
		}), func(t *testing.T) {
			if got := formValues(t, tab)["bolig-saks-1"]; got != "negativ|"+evil {
				t.Errorf("comment not kept as text: %q", got)
			}
			if got := text(t, tab, ".ws-obsolete"); !strings.Contains(got, evil) {
				t.Errorf("obsolete question not shown as text: %q", got)
			}
			if got := text(t, tab, ".ws-gap-comment"); got != evil {
				t.Errorf("gap comment %q", got)
			}
		}},
		{"__proto__ keys", []byte(`{"format":"baerekrafthjelperen-vurdering","schema":1,"worksheet":"saksbehandling","name":"Proto",
			"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},
			"answers":{"__proto__":{"option":"positiv","polluted":3},"constructor":{"option":"positiv"},"natur-saks-1":{"option":"positiv","__proto__":{"polluted":4}}},
			"conflicts":{"__proto__":{"handling":"study"}},"todo":{"__proto__":true}}`), func(t *testing.T) {
			if got := formValues(t, tab)["natur-saks-1"]; got != "positiv|" {
				t.Errorf("natur-saks-1 = %q", got)
			}
		}},
		{"changed option code and obsolete question", validFile(cv, func(m map[string]any) {
			m["answers"] = map[string]any{
				"natur-saks-1":     map[string]any{"option": "svaert-positiv", "comment": "Gammel kode"},
				"gammelt-sporsmal": map[string]any{"option": "positiv", "question": "Et utgått spørsmål?"},
			}
		}), func(t *testing.T) {
			msg := text(t, tab, "#ws-alert")
			for _, w := range []string{"Svarkoden «svaert-positiv»", "«Et utgått spørsmål?» er ikke lenger med"} {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if got := formValues(t, tab)["natur-saks-1"]; got != "|Gammel kode" {
				t.Errorf("changed code was guessed: %q", got)
			}
			if !strings.Contains(text(t, tab, `[data-question="natur-saks-1"] .ws-code-note`), "svaert-positiv") {
				t.Error("no note on the changed code")
			}
			if !strings.Contains(text(t, tab, ".ws-sum-obsolete"), "Et utgått spørsmål?") {
				t.Error("obsolete question not listed under Utgåtte spørsmål")
			}
		}},
	}
	for _, c := range neutralised {
		t.Run(c.name, func(t *testing.T) {
			before := storageSnapshot(t, tab)
			importFile(t, tab, c.data, "fil.json")
			if browsertest.Eval[bool](t, tab, `document.getElementById("ws-import").hidden`) {
				t.Fatalf("import refused: %s", text(t, tab, "#ws-alert"))
			}
			clickText(t, tab, "Åpne som ny vurdering")
			after := storageSnapshot(t, tab)
			for k, v := range before {
				if !strings.HasSuffix(k, ".index") && after[k] != v {
					t.Errorf("stored %s changed", k)
				}
			}
			if ids := newAssessments(before, after); len(ids) != 1 {
				t.Errorf("the import added keys of %d assessments, want 1: %v", len(ids), ids)
			}
			c.check(t)
			if n := browsertest.Eval[int](t, tab, `(window.__pwned || 0) + document.querySelectorAll("main img, main script:not([src]):not([type])").length + (({}).polluted || 0) + (Object.prototype.polluted || 0)`); n != 0 {
				t.Errorf("hostile content took effect (%d)", n)
			}
		})
	}
	tab.NoErrors(t)
}

// TestFileURL opens the built site from disk: fill, reload, restore, export.
func TestFileURL(t *testing.T) {
	out := build(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	url := "file://" + filepath.ToSlash(filepath.Join(out, "arbeidsskjema/saksbehandling.html"))
	open(t, tab, url)
	answer(t, tab, "bolig-saks-2", "positiv")
	comment(t, tab, "bolig-saks-2", "Fra disk")
	reload(t, tab)
	if got := formValues(t, tab)["bolig-saks-2"]; got != "positiv|Fra disk" {
		t.Errorf("after reload from file:// = %q", got)
	}
	click(t, tab, `[data-export="json"]`)
	p := tab.WaitDownload(t, ".json")
	data, _ := os.ReadFile(p)
	if !bytes.Contains(data, []byte(`"comment": "Fra disk"`)) {
		t.Errorf("export from file://:\n%s", data)
	}
	// Links in the page stay relative, so they work from disk.
	abs := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("a[href], link[href], script[src]")].map(e => e.getAttribute("href") || e.getAttribute("src")).filter(u => u.startsWith("/"))`)
	if len(abs) > 0 {
		t.Errorf("absolute links: %v", abs)
	}
	tab.NoErrors(t)
}
