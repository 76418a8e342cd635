package worksheettest

import (
	"maps"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// TestFillReloadRestore fills answers and comments, reloads, and expects
// everything back, under a subpath with a strict CSP.
func TestFillReloadRestore(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)

	if got := browsertest.Eval[bool](t, tab, `getComputedStyle(document.getElementById("ws-nojs")).display === "none"`); !got {
		t.Error("the no-JavaScript notice is still shown")
	}
	answer(t, tab, "klimatilpasning-saks-1", "positiv")
	answer(t, tab, "natur-saks-1", "usikker")
	answer(t, tab, "bolig-saks-1", "negativ")
	comment(t, tab, "bolig-saks-1", "Færre utleieboliger; \"sentrum\"")
	if st := text(t, tab, "#ws-status"); !strings.HasPrefix(st, "Lagret ") {
		t.Errorf("status = %q, want Lagret hh:mm", st)
	}
	if got := text(t, tab, ".ws-progress-total .ws-progress-text"); got != "3 av 5 besvart" {
		t.Errorf("overall progress = %q", got)
	}
	before := formValues(t, tab)

	reload(t, tab)
	after := formValues(t, tab)
	for q, v := range before {
		if after[q] != v {
			t.Errorf("%s after reload = %q, want %q", q, after[q], v)
		}
	}
	if after["bolig-saks-1"] != `negativ|Færre utleieboliger; "sentrum"` {
		t.Errorf("bolig-saks-1 = %q", after["bolig-saks-1"])
	}
	// The summary found the goal conflict across dimensions and the gap.
	if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-conflict.ws-across").length`); n != 1 {
		t.Errorf("%d conflicts across dimensions, want 1", n)
	}
	if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-gap").length`); n != 1 {
		t.Errorf("%d knowledge gaps, want 1", n)
	}
	sf := text(t, tab, "#ws-sf")
	for _, want := range []string{"Klima og miljø", "Sosial", "positiv virkning for Klimatilpasning og beredskap", "negativ virkning for Bolig", "Mulige målkonflikter som ikke er vurdert ennå: Klimatilpasning og beredskap mot Bolig"} {
		if !strings.Contains(sf, want) {
			t.Errorf("saksframlegg text lacks %q:\n%s", want, sf)
		}
	}
	// Filter: only unanswered questions stay visible.
	click(t, tab, "#ws-filter")
	vis := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll(".ws-question")].filter(q => q.offsetParent !== null).map(q => q.dataset.question)`)
	if strings.Join(vis, ",") != "klimatilpasning-saks-2,bolig-saks-2" {
		t.Errorf("visible with filter = %v", vis)
	}
	tab.NoErrors(t)
}

// TestAssessmentsKeptApart creates, renames, duplicates, switches and
// deletes assessments and checks their answers never mix.
func TestAssessmentsKeptApart(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)

	answer(t, tab, "natur-saks-1", "positiv")
	typeInto(t, tab, "#ws-name", "Sak 2025/117 Reguleringsplan Storvika")
	clickText(t, tab, "Ny vurdering")
	if v := formValues(t, tab)["natur-saks-1"]; v != "|" {
		t.Fatalf("new assessment starts with %q", v)
	}
	answer(t, tab, "natur-saks-1", "negativ")
	clickText(t, tab, "Lag kopi")
	answer(t, tab, "bolig-saks-2", "ingen")
	names := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("#ws-current option")].map(o => o.textContent)`)
	if strings.Join(names, "|") != "Sak 2025/117 Reguleringsplan Storvika|Vurdering 2|Kopi av Vurdering 2" {
		t.Fatalf("assessments = %v", names)
	}
	switchTo := func(i int) {
		browsertest.Eval[bool](t, tab, `(() => { const s = document.getElementById("ws-current"); s.selectedIndex = `+string(rune('0'+i))+`; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	}
	reload(t, tab)
	want := []map[string]string{
		{"natur-saks-1": "positiv|", "bolig-saks-2": "|"},
		{"natur-saks-1": "negativ|", "bolig-saks-2": "|"},
		{"natur-saks-1": "negativ|", "bolig-saks-2": "ingen|"},
	}
	for i, w := range want {
		switchTo(i)
		got := formValues(t, tab)
		for q, v := range w {
			if got[q] != v {
				t.Errorf("assessment %d: %s = %q, want %q", i, q, got[q], v)
			}
		}
	}
	// Delete the second one, with confirmation; the safe choice has focus.
	switchTo(1)
	gone := browsertest.Eval[string](t, tab, `document.getElementById("ws-current").value`)
	before := storageSnapshot(t, tab)
	clickText(t, tab, "Slett vurderingen")
	if !maps.Equal(before, storageSnapshot(t, tab)) {
		t.Error("deleted before confirmation")
	}
	if f := browsertest.Eval[string](t, tab, `document.activeElement.textContent`); f != "Avbryt" {
		t.Errorf("focus on %q after «Slett vurderingen», want Avbryt", f)
	}
	clickText(t, tab, "Ja, slett")
	names = browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("#ws-current option")].map(o => o.textContent)`)
	if strings.Join(names, "|") != "Sak 2025/117 Reguleringsplan Storvika|Kopi av Vurdering 2" {
		t.Errorf("after delete = %v", names)
	}
	after := storageSnapshot(t, tab)
	for k, v := range before {
		switch {
		case strings.Contains(k, gone):
			if _, ok := after[k]; ok {
				t.Errorf("%s kept after delete", k)
			}
		case !strings.HasSuffix(k, ".index") && after[k] != v:
			t.Errorf("%s changed by deleting another assessment", k)
		}
	}
	// Delete everything.
	clickText(t, tab, "Slett alt verktøyet har lagret i denne nettleseren")
	clickText(t, tab, "Ja, slett alt")
	if snap := storageSnapshot(t, tab); len(snap) != 0 {
		t.Errorf("after delete all: %v", snap)
	}
	tab.NoErrors(t)
}
