package worksheettest

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// TestTwoTabs types in two tabs of one browser at the same time: each
// sees the other's answers, nothing typed in either is lost after both
// saved and reloaded, an older change never replaces a newer one, and an
// assessment created in one tab is listed in the other.
func TestTwoTabs(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	ta, tb := b.Tab(t), b.Tab(t)
	open(t, ta, url)
	answer(t, ta, "natur-saks-1", "positiv")
	open(t, tb, url)

	comment(t, ta, "bolig-saks-1", "Skrevet i fane A")
	comment(t, tb, "bolig-saks-2", "Skrevet i fane B")
	answer(t, tb, "klimatilpasning-saks-2", "ingen")
	answer(t, ta, "klimatilpasning-saks-1", "negativ") // after B saved: A must not write B's fields back
	ta.Wait(t, `document.getElementById("c-bolig-saks-2").value === "Skrevet i fane B" && document.getElementById("q-klimatilpasning-saks-2").value === "ingen"`)
	tb.Wait(t, `document.getElementById("c-bolig-saks-1").value === "Skrevet i fane A" && document.getElementById("q-klimatilpasning-saks-1").value === "negativ"`)

	want := map[string]string{
		"natur-saks-1": "positiv|", "bolig-saks-1": "|Skrevet i fane A", "bolig-saks-2": "|Skrevet i fane B",
		"klimatilpasning-saks-1": "negativ|", "klimatilpasning-saks-2": "ingen|",
	}
	for name, tab := range map[string]*browsertest.Tab{"A": ta, "B": tb} {
		reload(t, tab)
		got := formValues(t, tab)
		for q, v := range want {
			if got[q] != v {
				t.Errorf("tab %s after reload: %s = %q, want %q", name, q, got[q], v)
			}
		}
	}

	// A change older than what tab A has (as from a tab whose clock or
	// events lag) is ignored; the newer one after it is shown.
	browsertest.Eval[bool](t, tb, `(() => {
		const k = Object.keys(localStorage).find(k => k.endsWith(".bolig-saks-1") && k.includes(".q."));
		localStorage.setItem(k, JSON.stringify({option: "", comment: "Gammel tekst", t: 1}));
		return true })()`)
	answer(t, tb, "natur-saks-1", "negativ")
	ta.Wait(t, `document.getElementById("q-natur-saks-1").value === "negativ"`)
	if got := formValues(t, ta)["bolig-saks-1"]; got != "|Skrevet i fane A" {
		t.Errorf("an older change replaced a newer one in tab A: %q", got)
	}

	// An assessment made in tab B is listed in tab A at once, and after
	// tab A saves and reloads.
	clickText(t, tb, "Ny vurdering")
	typeInto(t, tb, "#ws-name", "Laget i fane B")
	ta.Wait(t, `[...document.querySelectorAll("#ws-current option")].some(o => o.textContent === "Laget i fane B")`)
	comment(t, ta, "natur-saks-1", "A skriver videre")
	reload(t, ta)
	if n := names(t, ta); !slices.Contains(n, "Laget i fane B") || len(n) != 2 {
		t.Errorf("tab A lists %v", n)
	}
	ta.NoErrors(t)
	tb.NoErrors(t)
}

// TestOldStorageMigrates loads whole-assessment keys written by the
// earlier version, one of them missing from the index, and expects every
// answer listed, moved to per-answer keys, and kept after a reload.
func TestOldStorageMigrates(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	browsertest.Eval[bool](t, tab, `(() => {
		localStorage.clear();
		const p = "hjelperen.ws.saksbehandling.";
		const a = (id, name, answers) => localStorage.setItem(p + "a." + id, JSON.stringify({id, name, created: "2025-03-01T10:00:00.000Z", updated: "2025-03-02T10:00:00.000Z",
			answers, conflicts: {"klimatilpasning|bolig": {handling: "study", note: "Utredes"}}, todo: {"natur-saks-1": true}}));
		a("v-old1", "Gammel sak", {"natur-saks-1": {option: "usikker", comment: "Kart mangler"}, "utgatt": {option: "positiv", question: "Utgått?"}});
		a("v-old2", "Sak uten indeks", {"bolig-saks-1": {option: "negativ", comment: ""}});
		localStorage.setItem(p + "index", JSON.stringify({ids: ["v-old1"], current: "v-old1"}));
		return true })()`)
	reload(t, tab)
	if n := names(t, tab); strings.Join(n, "|") != "Gammel sak|Sak uten indeks" {
		t.Fatalf("assessments = %v", n)
	}
	check := func() {
		t.Helper()
		if got := formValues(t, tab)["natur-saks-1"]; got != "usikker|Kart mangler" {
			t.Errorf("natur-saks-1 = %q", got)
		}
		if !browsertest.Eval[bool](t, tab, `document.getElementById("todo-natur-saks-1").checked`) {
			t.Error("to-do mark lost")
		}
		if got := text(t, tab, ".ws-sum-obsolete"); !strings.Contains(got, "Utgått?") {
			t.Errorf("obsolete answer lost: %q", got)
		}
	}
	check()
	snap := storageSnapshot(t, tab)
	for k := range snap {
		if strings.Contains(k, ".a.") {
			t.Errorf("old key %s left after moving it", k)
		}
	}
	if !strings.Contains(snap["hjelperen.ws.saksbehandling.c.v-old1.klimatilpasning|bolig"], "Utredes") {
		t.Errorf("conflict handling not moved: %v", snap)
	}
	reload(t, tab)
	check()
	tab.NoErrors(t)
}

// TestFullStorage fills localStorage until it refuses more, then types
// in a field far down the page: the warning appears next to that field,
// inside the viewport, leaving asks first, and once there is room again
// what was typed is saved.
func TestFullStorage(t *testing.T) {
	url := serve(t, syntheticSite(t, 3, 6, 3))
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	// The first save asks the browser to keep the storage.
	browsertest.Eval[bool](t, tab, `(() => {
		navigator.storage.persisted = () => Promise.resolve(false);
		navigator.storage.persist = () => { window.__persistAsked = true; return Promise.resolve(true); };
		return true })()`)
	answer(t, tab, "t0-0-q0", "positiv")
	tab.Wait(t, `window.__persistAsked === true`)
	n := browsertest.Eval[int](t, tab, `(() => {
		let i = 0;
		for (let size = 1 << 20; size >= 1; size >>= 1) {
			const s = "x".repeat(size);
			try { for (;;) localStorage.setItem("fill." + i++, s); } catch (e) { /* full at this size */ }
		}
		return i })()`)
	t.Logf("storage full after %d writes", n)
	field := "#c-t2-5-q2" // the last question, far below the toolbar
	typeInto(t, tab, field, "Skrevet med full lagring")
	visible := browsertest.Eval[map[string]bool](t, tab, `(() => {
		const f = document.querySelector(`+fmt.Sprintf("%q", field)+`), m = f.closest(".ws-question").querySelector(".ws-save-error");
		const inView = e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };
		return {message: !!m && inView(m), field: inView(f), toolbarOff: !inView(document.getElementById("ws-status"))} })()`)
	if !visible["message"] || !visible["field"] {
		t.Errorf("warning not in the viewport beside the field: %v", visible)
	}
	if !visible["toolbarOff"] {
		t.Log("the toolbar is in view too; the test does not show the field far from it")
	}
	if got := text(t, tab, `[data-question="t2-5-q2"] .ws-save-error`); !strings.Contains(got, "Ikke lagret") {
		t.Errorf("warning = %q", got)
	}
	if !browsertest.Eval[bool](t, tab, `(() => { const e = new Event("beforeunload", {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented })()`) {
		t.Error("no beforeunload warning with unsaved text")
	}
	// Room again: the next save writes what failed, and the warning goes.
	browsertest.Eval[bool](t, tab, `(() => { Object.keys(localStorage).filter(k => k.startsWith("fill.")).forEach(k => localStorage.removeItem(k)); return true })()`)
	answer(t, tab, "t0-0-q1", "negativ")
	if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-save-error").length`); n != 0 {
		t.Errorf("%d warnings left after saving worked again", n)
	}
	if browsertest.Eval[bool](t, tab, `(() => { const e = new Event("beforeunload", {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented })()`) {
		t.Error("beforeunload still warns with everything saved")
	}
	reload(t, tab)
	if got := formValues(t, tab)["t2-5-q2"]; got != "|Skrevet med full lagring" {
		t.Errorf("after reload: %q", got)
	}
	tab.NoErrors(t)
}

// TestDeleteUndo deletes an assessment with answers, comments, conflict
// handling and a to-do mark, and brings it back with «Angre», also after
// a reload of the tab.
func TestDeleteUndo(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	typeInto(t, tab, "#ws-name", "Sak som slettes")
	answer(t, tab, "klimatilpasning-saks-1", "positiv")
	answer(t, tab, "bolig-saks-1", "negativ")
	answer(t, tab, "natur-saks-1", "usikker")
	comment(t, tab, "bolig-saks-1", "Viktig kommentar")
	browsertest.Eval[bool](t, tab, `(() => { document.getElementById("todo-natur-saks-1").click(); return true })()`)
	if !browsertest.Eval[bool](t, tab, `document.getElementById("todo-natur-saks-1").checked`) {
		t.Fatal("to-do mark not set")
	}
	browsertest.Eval[bool](t, tab, `(() => { const d = document.querySelector(".ws-conflict details"); d.open = true; return true })()`)
	tab.Wait(t, `!!document.querySelector(".ws-conflict select")`)
	browsertest.Eval[bool](t, tab, `(() => { const s = document.querySelector(".ws-conflict select"); s.value = "politics"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	clickText(t, tab, "Ny vurdering")
	answer(t, tab, "natur-saks-1", "positiv")
	pickAssessment(t, tab, 0)
	before := formValues(t, tab)
	stored := storageSnapshot(t, tab)

	clickText(t, tab, "Slett vurderingen")
	clickText(t, tab, "Ja, slett")
	if n := names(t, tab); strings.Join(n, "|") != "Vurdering 2" {
		t.Fatalf("after delete: %v", n)
	}
	reload(t, tab) // the undo lasts the tab's session
	clickText(t, tab, "Angre")
	if n := names(t, tab); strings.Join(n, "|") != "Vurdering 2|Sak som slettes" {
		t.Fatalf("after Angre: %v", n)
	}
	reload(t, tab)
	pickAssessment(t, tab, 1)
	if got := formValues(t, tab); !maps.Equal(got, before) {
		t.Errorf("answers after Angre and reload:\n%v\nwant\n%v", got, before)
	}
	if !browsertest.Eval[bool](t, tab, `document.getElementById("todo-natur-saks-1").checked`) {
		t.Error("to-do mark not restored")
	}
	if got := text(t, tab, ".ws-conflict-state"); !strings.Contains(got, "Overlates til politikerne") {
		t.Errorf("conflict handling not restored: %q", got)
	}
	// Every stored value is back (times of the edits aside).
	after := storageSnapshot(t, tab)
	for k, v := range stored {
		if strings.HasSuffix(k, ".index") {
			continue
		}
		if untimed(after[k]) != untimed(v) {
			t.Errorf("%s = %s, was %s", k, after[k], v)
		}
	}
	tab.NoErrors(t)
}

// timeField is the edit time in a stored value.
var timeField = regexp.MustCompile(`"t":\d+`)

// untimed drops the edit time from a stored JSON value.
func untimed(s string) string { return timeField.ReplaceAllString(s, "") }

// TestImportReplace saves an assessment to a file, changes it, and opens
// the file again with «Erstatt»: after a confirmation (focus on
// «Avbryt») the file's answers replace it and the replaced version stays
// in the list as a backup. Opening the file once more as new gives a
// distinct name. The reminder says when it was last saved to a file.
func TestImportReplace(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	if got := text(t, tab, "#ws-exported"); got != "" {
		t.Errorf("reminder before any answer: %q", got)
	}
	typeInto(t, tab, "#ws-name", "Sak A")
	answer(t, tab, "natur-saks-1", "positiv")
	if got := text(t, tab, "#ws-exported"); !strings.HasPrefix(got, "Vurderingen er ikke lagret som fil ennå") {
		t.Errorf("reminder = %q", got)
	}
	click(t, tab, `[data-export="json"]`)
	data, err := os.ReadFile(tab.WaitDownload(t, ".json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, tab, "#ws-exported"); !strings.HasPrefix(got, "Sist eksportert til fil: ") || strings.Contains(got, "endret") {
		t.Errorf("reminder after export = %q", got)
	}
	answer(t, tab, "natur-saks-1", "negativ")
	tab.Wait(t, `document.getElementById("ws-exported").textContent.includes("endret vurderingen etter det")`)

	importFile(t, tab, data, "sak-a.json")
	clickText(t, tab, "Erstatt «Sak A» med fila")
	if f := browsertest.Eval[string](t, tab, `document.activeElement.textContent`); f != "Avbryt" {
		t.Errorf("focus on %q in the confirmation, want Avbryt", f)
	}
	clickText(t, tab, "Ja, erstatt «Sak A»")
	list := names(t, tab)
	if len(list) != 2 || list[0] != "Sak A" || !strings.HasPrefix(list[1], "Sak A (før import ") {
		t.Fatalf("assessments after replace = %v", list)
	}
	if got := text(t, tab, "#ws-alert"); !strings.Contains(got, list[1]) {
		t.Errorf("message does not name the backup: %q", got)
	}
	reload(t, tab)
	if got := formValues(t, tab)["natur-saks-1"]; got != "positiv|" {
		t.Errorf("replaced assessment: natur-saks-1 = %q, want the file's", got)
	}
	pickAssessment(t, tab, 1)
	if got := formValues(t, tab)["natur-saks-1"]; got != "negativ|" {
		t.Errorf("backup: natur-saks-1 = %q, want the replaced answer", got)
	}

	importFile(t, tab, data, "sak-a.json")
	clickText(t, tab, "Åpne som ny vurdering")
	if got := names(t, tab); len(got) != 3 || got[2] != "Sak A (fra fil)" {
		t.Errorf("after opening as new = %v", got)
	}
	tab.NoErrors(t)
}
