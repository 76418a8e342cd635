package worksheettest

import (
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// pick sets a select (or text field) to value the way a user would.
func pick(t *testing.T, tab *browsertest.Tab, css, value string) {
	t.Helper()
	ok := browsertest.Eval[bool](t, tab, `(() => { const s = document.querySelector(`+quote(css)+`); if (!s) return false;
		s.value = `+quote(value)+`; s.dispatchEvent(new Event(s.tagName === "SELECT" ? "change" : "input", {bubbles: true})); return true })()`)
	if !ok {
		t.Fatalf("no field %s", css)
	}
}

func quote(s string) string { return "`" + strings.ReplaceAll(s, "`", "\\`") + "`" }

// addArea adds a development area and names it.
func addArea(t *testing.T, tab *browsertest.Tab, name string) string {
	t.Helper()
	clickText(t, tab, "Legg til område")
	tab.Wait(t, `document.activeElement && document.activeElement.id.startsWith("ws-area-")`)
	id := browsertest.Eval[string](t, tab, `document.activeElement.id.slice(8)`)
	typeInto(t, tab, "#ws-area-"+id, name)
	return id
}

// areaTable returns the summary's consequence table as text rows.
func areaTable(t *testing.T, tab *browsertest.Tab) []string {
	t.Helper()
	return browsertest.Eval[[]string](t, tab, `(() => {
		const h = [...document.querySelectorAll("#ws-sum-rt h3")].find(h => h.textContent === "Konsekvenstabell for utbyggingsområdene");
		if (!h) return [];
		const table = h.nextElementSibling.nextElementSibling.querySelector("table");
		return [...table.rows].map(r => [...r.cells].map(c => c.textContent).join(" | "));
	})()`)
}

// TestAreasConsequenceTable grades two development areas in one
// arealplan assessment, opened from disk (file://): the summary shows an
// area × theme consequence table with graded symbols, the export has it,
// and the .json brings the same areas back in an empty browser.
func TestAreasConsequenceTable(t *testing.T) {
	out := build(t, repoRoot)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, "file://"+filepath.ToSlash(filepath.Join(out, "arbeidsskjema/arealplanlegging.html")))
	typeInto(t, tab, "#ws-name", "Kommuneplanens arealdel, høringsforslag")
	if got := text(t, tab, "#ws-areas .hint + p"); got != "Ingen områder er lagt til ennå." {
		t.Errorf("no areas yet: %q", got)
	}
	b1 := addArea(t, tab, "B1 Storvika hyttefelt")
	pick(t, tab, "#ws-ag-"+b1+"-natur-og-arealbruk", "m3")
	pick(t, tab, "#ws-an-"+b1+"-natur-og-arealbruk", "Myr og villrein")
	pick(t, tab, "#ws-ag-"+b1+"-naringsutvikling", "p2")
	pick(t, tab, "#ws-ag-"+b1+"-samisk-kultur", "u")
	b2 := addArea(t, tab, "B2 Sentrum")
	pick(t, tab, "#ws-ag-"+b2+"-natur-og-arealbruk", "0")
	pick(t, tab, "#ws-ag-"+b2+"-bolig", "p2")
	pick(t, tab, "#ws-an-"+b2+"-bolig", "Fortetting nær skolen")
	b3 := addArea(t, tab, "B3 Utgår")
	if got := browsertest.Eval[string](t, tab, `document.querySelector("#ws-ag-`+b1+`-natur-og-arealbruk").selectedOptions[0].textContent`); got != "−−− Stor negativ konsekvens" {
		t.Errorf("grade option %q", got)
	}
	// Remove the third area, after confirming.
	browsertest.Eval[bool](t, tab, `[...document.getElementById("ws-area-`+b3+`").closest("fieldset").querySelectorAll("button")].find(b => b.textContent === "Fjern området").click(), true`)
	browsertest.Eval[bool](t, tab, `document.querySelector("#ws-areas .ws-confirm .ws-danger").click(), true`)
	if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-area").length`); n != 2 {
		t.Errorf("%d areas after removing one", n)
	}

	want := []string{
		"Tema | B1 Storvika hyttefelt | B2 Sentrum",
		"Klimatilpasning og beredskap | · | ·",
		"Natur og arealbruk | −−− Myr og villrein | 0",
		"Bolig | · | ++ Fortetting nær skolen",
		"Samisk kultur, språk og reindrift | ? | ·",
		"Næringsutvikling og arbeidsplasser | ++ | ·",
	}
	check := func(when string) {
		t.Helper()
		got := strings.Join(areaTable(t, tab), "\n")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: table lacks %q:\n%s", when, w, got)
			}
		}
	}
	check("filled in")
	if got := text(t, tab, "#ws-sum-rt"); !strings.Contains(got, "−\u2060−\u2060− = stor negativ konsekvens") || !strings.Contains(got, "? = usikker – må utredes") {
		t.Errorf("legend missing: %q", got)
	}
	md := string(downloadFresh(t, tab, `[data-export="md"]`, "md"))
	for _, w := range []string{"## Konsekvenstabell for utbyggingsområdene", "| Natur og arealbruk | −−− Myr og villrein | 0 |", "| Bolig | · | ++ Fortetting nær skolen |"} {
		if !strings.Contains(md, w) {
			t.Errorf(".md lacks %q", w)
		}
	}
	files, _ := unzip(t, downloadFresh(t, tab, `[data-export="odt"]`, "odt"))
	if doc := xmlText(t, files["content.xml"]); !strings.Contains(doc, "B1 Storvika hyttefelt") || !strings.Contains(doc, "−−− Myr og villrein") {
		t.Errorf(".odt lacks the table: %.300q", doc)
	}
	saved := downloadFresh(t, tab, `[data-export="json"]`, "json")
	if !regexp.MustCompile(`"areas": \[`).Match(saved) {
		t.Errorf(".json lacks areas:\n%s", saved)
	}
	reload(t, tab)
	check("after reload")

	browsertest.Eval[bool](t, tab, `localStorage.clear(), true`)
	reload(t, tab)
	if got := areaTable(t, tab); len(got) != 0 {
		t.Errorf("areas in an empty browser: %v", got)
	}
	importFile(t, tab, saved, "arealdel.json")
	clickText(t, tab, "Åpne som ny vurdering")
	check("after re-import")
	if got := browsertest.Eval[string](t, tab, `document.querySelector("#ws-an-`+b2+`-bolig").value`); got != "Fortetting nær skolen" {
		t.Errorf("note after re-import %q", got)
	}
	tab.NoErrors(t)

	// The same file over HTTP with the strict CSP; axe-core (which cannot
	// read stylesheets from file://) checks the areas and the table.
	web := b.Tab(t)
	open(t, web, browsertest.ServeDir(t, out, "/k/", http.Header{"Content-Security-Policy": {csp}})+"arbeidsskjema/arealplanlegging.html")
	importFile(t, web, saved, "arealdel.json")
	clickText(t, web, "Åpne som ny vurdering")
	if got := strings.Join(areaTable(t, web), "\n"); !strings.Contains(got, want[2]) {
		t.Errorf("over HTTP: %s", got)
	}
	noAxeViolations(t, web, "arealplan with two areas")
	web.NoErrors(t)

	// Nynorsk: the same areas (the same saved data), nynorsk words.
	open(t, web, strings.Replace(browsertest.Eval[string](t, web, `location.href`), "/arbeidsskjema/", "/nn/arbeidsskjema/", 1))
	nn := browsertest.Eval[[]string](t, web, `[document.querySelector("#ws-areas h2").textContent,
		document.querySelector("#ws-ag-`+b1+`-natur-og-arealbruk").selectedOptions[0].textContent,
		[...document.querySelectorAll("#ws-sum-rt h3")].map(h => h.textContent).join("|")]`)
	if nn[0] != "Utbyggingsområde" || nn[1] != "−−− Stor negativ konsekvens" || !strings.Contains(nn[2], "Konsekvenstabell for utbyggingsområda") {
		t.Errorf("nynorsk areas: %q", nn)
	}
}

// compareView returns the comparison's text and its marked rows.
func compareView(t *testing.T, tab *browsertest.Tab) (string, []string) {
	t.Helper()
	// innerText is the text as laid out (tabs between cells): the result
	// is brought on screen first, as a reader would scroll to it.
	r := browsertest.Eval[[]string](t, tab, `[(e => (e.scrollIntoView(), e.innerText))(document.getElementById("ws-cmp-result"))].concat(
		[...document.querySelectorAll("#ws-cmp-result tr.ws-diff")].map(r => [...r.cells].map(c => c.textContent).join(" | ")))`)
	return r[0], r[1:]
}

// TestCompareAssessments compares alternative 1 with a copy changed into
// alternative 2: the differences are marked, follow new answers, are
// exported, and the same comparison comes back from the .json files in an
// empty browser.
func TestCompareAssessments(t *testing.T) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	typeInto(t, tab, "#ws-name", "Alternativ 1")
	answer(t, tab, "klimatilpasning-saks-1", "positiv")
	answer(t, tab, "bolig-saks-1", "negativ")
	comment(t, tab, "bolig-saks-1", "For få boliger")
	alt1 := downloadFresh(t, tab, `[data-export="json"]`, "json")
	clickText(t, tab, "Lag kopi")
	typeInto(t, tab, "#ws-name", "Alternativ 2")
	answer(t, tab, "bolig-saks-1", "positiv")
	comment(t, tab, "natur-saks-1", "Etter høringen")

	click(t, tab, "#ws-cmp > summary") // open the comparison panel as a reader would
	pick(t, tab, "#ws-cmp-with", browsertest.Eval[string](t, tab, `[...document.querySelectorAll("#ws-cmp-with option")].find(o => o.textContent === "Alternativ 1").value`))
	clickText(t, tab, "Sammenlign")
	noAxeViolations(t, tab, "comparison")
	txt, rows := compareView(t, tab)
	wantRows := []string{
		"Bolig | + Positiv | − Negativ | ≠ Ulikt",
		"Natur og arealbruk | Hvordan påvirker saken naturmangfold, myr og strandsone? | Ikke besvart – Etter høringen | Ikke besvart | ≠ Ulikt",
		"Bolig | Hvordan påvirker saken tilbudet av boliger for ulike grupper? | Positiv virkning – For få boliger | Negativ virkning – For få boliger | ≠ Ulikt",
	}
	if !strings.Contains(txt, "Sammenligning: Alternativ 2 og Alternativ 1") || !strings.Contains(txt, "2 svar er ulike.") || strings.Join(rows, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("comparison:\n%s\nmarked rows:\n%s", txt, strings.Join(rows, "\n"))
	}
	// The comparison follows the current assessment.
	answer(t, tab, "bolig-saks-1", "negativ")
	comment(t, tab, "bolig-saks-1", "For få boliger")
	if txt, rows = compareView(t, tab); !strings.Contains(txt, "1 svar er ulike.") || len(rows) != 1 {
		t.Errorf("after changing an answer back:\n%s\n%v", txt, rows)
	}
	answer(t, tab, "bolig-saks-1", "positiv")
	comment(t, tab, "bolig-saks-1", "")
	// Leaving the field (a change event) updates the summary and the comparison.
	browsertest.Eval[bool](t, tab, `document.getElementById("c-bolig-saks-1").dispatchEvent(new Event("change", {bubbles: true}))`)
	if txt, _ := compareView(t, tab); !strings.Contains(txt, "Positiv virkning\tNegativ virkning – For få boliger") {
		t.Errorf("comparison after the comment was removed:\n%s", txt)
	}

	md := string(downloadFresh(t, tab, `[data-cmp-export="md"]`, "md"))
	for _, w := range []string{"# Sammenligning: Alternativ 2 og Alternativ 1", "2 svar er ulike.", "| Bolig | + Positiv | − Negativ | ≠ Ulikt |"} {
		if !strings.Contains(md, w) {
			t.Errorf("comparison .md lacks %q:\n%s", w, md)
		}
	}
	files, _ := unzip(t, downloadFresh(t, tab, `[data-cmp-export="docx"]`, "docx"))
	if doc := xmlText(t, files["word/document.xml"]); !strings.Contains(doc, "Etter høringen") || !strings.Contains(doc, "≠ Ulikt") {
		t.Errorf("comparison .docx: %.300q", doc)
	}
	alt2 := downloadFresh(t, tab, `[data-export="json"]`, "json")
	wantTxt, wantRows2 := compareView(t, tab)

	// An empty browser: open alternative 2, compare with alternative 1's file.
	browsertest.Eval[bool](t, tab, `localStorage.clear(), true`)
	reload(t, tab)
	importFile(t, tab, alt2, "alt2.json")
	clickText(t, tab, "Åpne som ny vurdering")
	click(t, tab, "#ws-cmp > summary") // open the comparison panel as a reader would
	setFile(t, tab, "#ws-cmp-file", "#ws-cmp", alt1, "alt1.json")
	tab.Wait(t, `!document.getElementById("ws-cmp-result").hidden`)
	if txt, rows := compareView(t, tab); txt != wantTxt || strings.Join(rows, "\n") != strings.Join(wantRows2, "\n") {
		t.Errorf("from files:\n%s\n%v\nwant\n%s\n%v", txt, rows, wantTxt, wantRows2)
	}
	tab.NoErrors(t)

	// Nynorsk: the same comparison in nynorsk words.
	open(t, tab, strings.Replace(url, "/arbeidsskjema/", "/nn/arbeidsskjema/", 1))
	click(t, tab, "#ws-cmp > summary") // open the comparison panel as a reader would
	setFile(t, tab, "#ws-cmp-file", "#ws-cmp", alt1, "alt1.json")
	tab.Wait(t, `!document.getElementById("ws-cmp-result").hidden`)
	if txt, rows := compareView(t, tab); !strings.Contains(txt, "Samanlikning: Alternativ 2 og Alternativ 1") || !strings.Contains(txt, "2 svar er ulike.") || len(rows) != 3 || !strings.HasSuffix(rows[0], "≠ Ulikt") {
		t.Errorf("nynorsk comparison:\n%s\n%v", txt, rows)
	}
	tab.NoErrors(t)
}
