package worksheettest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// decideCase is the text of the goal-conflict and action test in one
// language.
type decideCase struct {
	page                                 string // worksheet path under the site
	group, confirmed, weighs, actionLine string // text the page must show
	mdWants                              []string
	deleteAll, deleteYes, openAsNew      string
}

var decideCases = []decideCase{
	{
		page: "arbeidsskjema/saksbehandling.html", group: "Svekket: Natur og arealbruk",
		confirmed: "Status: Reell målkonflikt.", weighs: "Veier tyngst: Natur og arealbruk.",
		actionLine: "Virkning: stor. Avbøtende tiltak: Flytt tomtene ut av myra. Ansvarlig: Plan og miljø. Frist: Før høring.",
		mdWants: []string{"## Vurdering av bærekraft", "### Svekket: Natur og arealbruk", "Status: Reell målkonflikt", "Begrunnelse: Myra demper flom",
			"Flytt tomtene ut av myra", "Virkemidler: Tilskudd til klimatilpasning", "Dilemmatrening: Hyttefelt på myr", "Virkning: stor"},
		deleteAll: "Slett alt verktøyet har lagret i denne nettleseren", deleteYes: "Ja, slett alt", openAsNew: "Åpne som ny vurdering",
	},
	{
		page: "nn/arbeidsskjema/saksbehandling.html", group: "Svekt: Natur og arealbruk",
		confirmed: "Status: Reell målkonflikt.", weighs: "Veg tyngst: Natur og arealbruk.",
		actionLine: "Verknad: stor. Avbøtande tiltak: Flytt tomtene ut av myra. Ansvarleg: Plan og miljø. Frist: Før høring.",
		mdWants: []string{"## Vurdering av berekraft", "### Svekt: Natur og arealbruk", "Status: Reell målkonflikt", "Grunngiving: Myra demper flom",
			"Flytt tomtene ut av myra", "Verknad: stor"},
		deleteAll: "Slett alt verktøyet har lagra i denne nettlesaren", deleteYes: "Ja, slett alt", openAsNew: "Opne som ny vurdering",
	},
}

// TestConflictsAndActions does what a planner does with the summary:
// answers that weaken nature, sees the goal conflict grouped under the
// weakened theme with its reason and dilemma, confirms it and says what
// weighs most and why, adds an action to a weak answer, checks that print
// shows every reason and action, exports, clears the browser, imports the
// file and gets the same back. In bokmål and nynorsk.
func TestConflictsAndActions(t *testing.T) {
	out := build(t, sampleSite)
	base := browsertest.ServeDir(t, out, "/kommune/", nil)
	for _, tc := range decideCases {
		t.Run(tc.page, func(t *testing.T) {
			tab := browsertest.New(t).Tab(t)
			open(t, tab, base+tc.page)
			typeInto(t, tab, "#ws-name", "Reguleringsplan Myrheia")
			answer(t, tab, "klimatilpasning-saks-1", "positiv")
			answer(t, tab, "natur-saks-1", "negativ")
			answer(t, tab, "bolig-saks-1", "begge")

			// Two theme pairs are declared in the sample site; only the
			// one with a clear improved and a clear weakened side shows.
			keys := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("#ws-summary .ws-conflict")].map(li => li.dataset.key)`)
			if strings.Join(keys, ",") != "klimatilpasning>natur-og-arealbruk" {
				t.Fatalf("candidates %v, want klimatilpasning>natur-og-arealbruk («begge» on Bolig is no conflict)", keys)
			}
			if g := text(t, tab, ".ws-conflict-group h4"); g != tc.group {
				t.Errorf("group heading %q, want %q", g, tc.group)
			}
			if href := browsertest.Eval[string](t, tab, `document.querySelector(".ws-conflict-dilemma a").getAttribute("href")`); !strings.HasSuffix(href, "dilemmatrening/hyttefelt-pa-myr.html") {
				t.Errorf("dilemma link %q", href)
			}

			// Assess the conflict: open it with a click, click the labels.
			openDetails(t, tab, ".ws-conflict summary")
			tab.Wait(t, `!!document.getElementById("cf-klimatilpasning--natur-og-arealbruk-n")`)
			// A click on a label checks its radio button (element.click():
			// the summary's parts still move while the browser lays out
			// what came on screen, so a click at coordinates may miss).
			for _, id := range []string{"cf-klimatilpasning--natur-og-arealbruk-status1", "cf-klimatilpasning--natur-og-arealbruk-weighs1"} {
				browsertest.Eval[bool](t, tab, `(() => { document.querySelector('label[for="`+id+`"]').click(); return document.getElementById("`+id+`").checked })()`)
			}
			typeInto(t, tab, "#cf-klimatilpasning--natur-og-arealbruk-n", "Myra demper flom for bygda nedenfor.")
			state := text(t, tab, ".ws-conflict-state")
			for _, w := range []string{tc.confirmed, tc.weighs, "Myra demper flom for bygda nedenfor."} {
				if !strings.Contains(state, w) {
					t.Errorf("conflict state %q lacks %q", state, w)
				}
			}

			// The weak answers are in the action list: negative and «begge».
			acts := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll(".ws-action")].map(li => li.dataset.question)`)
			if strings.Join(acts, ",") != "natur-saks-1,bolig-saks-1" {
				t.Errorf("action list %v", acts)
			}
			openDetails(t, tab, `.ws-action[data-question="natur-saks-1"] summary`)
			tab.Wait(t, `!!document.getElementById("act-natur-saks-1-s")`) // made on the toggle event
			browsertest.Eval[bool](t, tab, `(() => { const s = document.getElementById("act-natur-saks-1-s"); s.value = "stor"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
			typeInto(t, tab, "#act-natur-saks-1-m", "Flytt tomtene ut av myra.")
			typeInto(t, tab, "#act-natur-saks-1-o", "Plan og miljø")
			typeInto(t, tab, "#act-natur-saks-1-d", "Før høring")
			if got := text(t, tab, `.ws-action[data-question="natur-saks-1"] .ws-action-state`); got != tc.actionLine {
				t.Errorf("action line %q, want %q", got, tc.actionLine)
			}

			// Both are saved in the browser: a reload shows them again.
			reload(t, tab)
			if got := text(t, tab, `.ws-action[data-question="natur-saks-1"] .ws-action-state`); got != tc.actionLine {
				t.Errorf("after reload the action line is %q", got)
			}
			if got := text(t, tab, ".ws-conflict-state"); !strings.Contains(got, tc.confirmed) || !strings.Contains(got, tc.weighs) {
				t.Errorf("after reload the conflict says %q", got)
			}

			// Print shows the reasons, assessments and actions, not the fields.
			tab.Do(t, media("print"))
			shown := browsertest.Eval[[]bool](t, tab, `[".ws-conflict-reason", ".ws-conflict-state", ".ws-action-state", ".ws-handling"].map(s => { const e = document.querySelector(s); return getComputedStyle(e).display !== "none" && e.getClientRects().length > 0 })`)
			if !shown[0] || !shown[1] || !shown[2] || shown[3] {
				t.Errorf("in print: reason, state, action shown = %v, fields shown = %v", shown[:3], shown[3])
			}
			tab.Do(t, media(""))

			name := "Reguleringsplan-Myrheia-" + time.Now().Format("2006-01-02")
			md := string(download(t, tab, "md", name))
			for _, w := range tc.mdWants {
				if !strings.Contains(md, w) {
					t.Errorf("markdown lacks %q", w)
				}
			}
			orig := download(t, tab, "json", name)
			var file struct {
				Schema    int                          `json:"schema"`
				Conflicts map[string]map[string]string `json:"conflicts"`
				Actions   map[string]map[string]string `json:"actions"`
			}
			if err := json.Unmarshal(orig, &file); err != nil {
				t.Fatal(err)
			}
			c := file.Conflicts["klimatilpasning>natur-og-arealbruk"]
			a := file.Actions["natur-saks-1"]
			if file.Schema != 2 || c["status"] != "confirmed" || c["weighs"] != "natur-og-arealbruk" || a["size"] != "stor" || a["due"] != "Før høring" {
				t.Errorf("json: schema %d, conflict %v, action %v", file.Schema, c, a)
			}

			// Clear the browser, import the file: the same assessment again.
			stateBefore := text(t, tab, ".ws-conflict-state") + "|" + text(t, tab, `.ws-action[data-question="natur-saks-1"] .ws-action-state`)
			clickText(t, tab, tc.deleteAll)
			clickText(t, tab, tc.deleteYes)
			if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-conflict").length`); n != 0 {
				t.Fatalf("%d conflicts after deleting everything", n)
			}
			os.Remove(filepath.Join(tab.DownloadDir, name+".json"))
			importFile(t, tab, orig, "vurdering.json")
			clickText(t, tab, tc.openAsNew)
			stateAfter := text(t, tab, ".ws-conflict-state") + "|" + text(t, tab, `.ws-action[data-question="natur-saks-1"] .ws-action-state`)
			if stateAfter != stateBefore {
				t.Errorf("after import:\n%s\nwant\n%s", stateAfter, stateBefore)
			}
			again := download(t, tab, "json", name)
			if stripVolatile(t, again) != stripVolatile(t, orig) {
				t.Errorf("re-exported file differs:\n%s\n%s", again, orig)
			}
			tab.NoErrors(t)
		})
	}
}

// openDetails opens the <details> of a <summary>, as a click on it does
// (TestConflictHandlingByClick clicks with the mouse); the fields inside
// are made on its toggle event, which the caller waits for.
func openDetails(t *testing.T, tab *browsertest.Tab, css string) {
	t.Helper()
	browsertest.Eval[bool](t, tab, `(() => { const d = document.querySelector(`+jsString(css)+`).parentNode; d.open = true; return d.open })()`)
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// stripVolatile drops the fields that change with every save or export.
func stripVolatile(t *testing.T, data []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"exported", "id", "updated", "created"} {
		delete(m, k)
	}
	b, _ := json.Marshal(m)
	return string(b)
}
