package worksheettest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// maxImport is the largest file the worksheet imports (MAX_FILE_BYTES in
// ws-core.js).
const maxImport = 5 * 1024 * 1024

// hugeFiles returns generated import files just under the size limit:
// one with 60 000 answers to questions the worksheet does not have, one
// with a single comment of almost 5 MB.
func hugeFiles(cv string) map[string][]byte {
	head := fmt.Sprintf(`{"format":"baerekrafthjelperen-vurdering","schema":%d,"worksheet":"saksbehandling","contentVersion":%q,"id":"v-huge","name":"Stor fil","answers":{`, render.WorksheetSchema, cv)
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(`"natur-saks-1":{"option":"negativ","comment":"Kjent"},`) // first: only 20 000 answers are read
	const n = 60000
	pad := strings.Repeat("x", (maxImport-2000)/n-len(`"ukjent-00000":{"option":"positiv","comment":""},`))
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"ukjent-%05d":{"option":"positiv","comment":"%s"}`, i, pad)
	}
	b.WriteString(`}}`)
	comment := head + `"bolig-saks-1":{"option":"negativ","comment":"` + strings.Repeat("Lang tekst. ", (maxImport-1000)/12) + `"}}}`
	var c strings.Builder
	c.WriteString(head + `"natur-saks-1":{"option":"negativ","comment":"Kjent"}},"conflicts":{`)
	for i := 0; c.Len() < maxImport-1000; i++ {
		if i > 0 {
			c.WriteByte(',')
		}
		fmt.Fprintf(&c, `"a%06d|b%06d":{"handling":"study","note":"n"}`, i, i)
	}
	c.WriteString(`}}`)
	deep := strings.Repeat("[", maxImport/2) + strings.Repeat("]", maxImport/2)
	return map[string][]byte{"60000-unknown-ids": []byte(b.String()), "one-huge-comment": []byte(comment),
		"100000-unknown-conflicts": []byte(c.String()), "deep-nesting": []byte(deep)}
}

// importTimed imports a file like importFile and returns how long the
// page took from the file being chosen to the import panel (or refusal),
// and for «Åpne som ny vurdering» including saving and drawing, in ms.
func importTimed(t *testing.T, tab *browsertest.Tab, data []byte) (offer, open float64) {
	t.Helper()
	p := t.TempDir() + "/stor.json"
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := browsertest.Eval[string](t, tab, `(() => {
		const i = document.getElementById("ws-open");
		i.addEventListener("change", () => { window.__t0 = performance.now(); }, {capture: true, once: true});
		return document.getElementById("ws-app").getAttribute("data-imports") || "0" })()`)
	tab.Do(t, chromedp.SetUploadFiles(chromedp.CSS("#ws-open"), []string{p}))
	// The app counts each import outcome in #ws-app's data-imports; a
	// MutationObserver sees the change as it happens.
	offer = browsertest.Eval[float64](t, tab, `new Promise(res => {
		const app = document.getElementById("ws-app");
		const done = () => (app.getAttribute("data-imports") || "0") !== `+strconv.Quote(before)+`;
		if (done()) return res(performance.now() - window.__t0);
		new MutationObserver((_, o) => { if (done()) { o.disconnect(); res(performance.now() - window.__t0); } })
			.observe(app, {attributes: true, attributeFilter: ["data-imports"]});
	})`)
	if browsertest.Eval[bool](t, tab, `document.getElementById("ws-import").hidden`) {
		return offer, 0
	}
	open = browsertest.Eval[float64](t, tab, `(() => {
		const b = [...document.querySelectorAll("#ws-import button")].find(b => b.textContent === "Åpne som ny vurdering");
		const t0 = performance.now();
		b.click();
		document.body.offsetHeight; // include style and layout
		return performance.now() - t0 })()`)
	return offer, open
}

// openSample opens the sample worksheet and returns the tab and the
// worksheet's content version (for import files).
func openSample(t *testing.T) (*browsertest.Tab, string) {
	t.Helper()
	url := serve(t, sampleSite)
	tab := browsertest.New(t).Tab(t)
	open(t, tab, url)
	return tab, browsertest.Eval[string](t, tab, `JSON.parse(document.getElementById("ws-data").textContent).contentVersion`)
}

// TestHugeImports imports generated files at the size limit: each is
// imported (or refused) with a short report, and the tab keeps working.
// How long it takes is logged here and held to a limit in
// TestPerfImportSpeed (the performance suite).
func TestHugeImports(t *testing.T) {
	tab, cv := openSample(t)
	for name, data := range hugeFiles(cv) {
		t.Run(name, func(t *testing.T) {
			if len(data) > maxImport {
				t.Fatalf("generated %d bytes, more than the limit", len(data))
			}
			offer, opened := importTimed(t, tab, data)
			t.Logf("%d bytes: import panel after %.0f ms, opened in %.0f ms", len(data), offer, opened)
			if name == "deep-nesting" {
				if msg := text(t, tab, "#ws-alert"); opened != 0 || !strings.Contains(msg, "ikke en vurdering") {
					t.Errorf("nested arrays: opened %v, message %q", opened != 0, msg)
				}
				return
			}
			if opened == 0 {
				t.Fatalf("refused: %s", text(t, tab, "#ws-alert"))
			}
			if n := browsertest.Eval[int](t, tab, `document.querySelectorAll("#ws-alert li").length`); n > 12 {
				t.Errorf("the report lists %d lines; want the first few and a count", n)
			}
			if name == "60000-unknown-ids" {
				if msg := text(t, tab, "#ws-alert"); !strings.Contains(msg, "… og 19") {
					t.Errorf("report does not count the unknown questions: %.300q", msg)
				}
				if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-obsolete li").length`); n > 51 {
					t.Errorf("%d obsolete answers listed one by one", n)
				}
				if got := formValues(t, tab)["natur-saks-1"]; got != "negativ|Kjent" {
					t.Errorf("natur-saks-1 = %q", got)
				}
			} else if name == "one-huge-comment" {
				if got := formValues(t, tab)["bolig-saks-1"]; !strings.HasPrefix(got, "negativ|Lang tekst.") {
					t.Errorf("bolig-saks-1 = %.40q", got)
				}
			} else if got := formValues(t, tab)["natur-saks-1"]; got != "negativ|Kjent" {
				t.Errorf("natur-saks-1 = %q", got)
			}
			// The tab still answers and saves.
			answer(t, tab, "bolig-saks-2", "positiv")
			if st := text(t, tab, "#ws-status"); !strings.HasPrefix(st, "Lagret ") && !strings.Contains(st, "Ikke lagret") {
				t.Errorf("status after answering: %q", st)
			}
		})
	}
	tab.NoErrors(t)
}

// TestPerfImportSpeed holds imports of files at the size limit to under
// one second from choosing the file to the assessment being open. It is
// part of the performance suite (see browsertest.Perf).
func TestPerfImportSpeed(t *testing.T) {
	browsertest.Perf(t)
	tab, cv := openSample(t)
	for name, data := range hugeFiles(cv) {
		offer, opened := importTimed(t, tab, data)
		t.Logf("%s, %d bytes: import panel after %.0f ms, opened in %.0f ms, total %.0f ms", name, len(data), offer, opened, offer+opened)
		if offer+opened >= 1000 {
			t.Errorf("%s: import took %.0f ms, want < 1000 ms", name, offer+opened)
		}
	}
}
