package worksheettest

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// TestConflictHandlingByClick opens a goal conflict's handling fields with
// a real mouse click, as a user would, and records how it is handled.
func TestConflictHandlingByClick(t *testing.T) {
	url := serve(t, sampleSite)
	tab := browsertest.New(t).Tab(t)
	open(t, tab, url)
	answer(t, tab, "klimatilpasning-saks-1", "positiv")
	answer(t, tab, "bolig-saks-1", "negativ")
	sel := `#ws-summary .ws-conflict summary`
	tab.Do(t, chromedp.ScrollIntoView(chromedp.CSS(sel)))
	// Parts of the summary skip rendering while off screen
	// (content-visibility); wait until the browser has laid them out and
	// the conflict holds still, as it has long done by the time a person
	// clicks.
	tab.WaitClickable(t, sel)
	tab.Do(t, chromedp.Click(chromedp.CSS(sel)))
	if !browsertest.Eval[bool](t, tab, `document.querySelector("#ws-summary .ws-conflict details").open`) {
		t.Fatal("a click on the conflict did not open its handling fields")
	}
	tab.Do(t, chromedp.SetValue(chromedp.CSS(`#ws-summary .ws-conflict select`), "study"))
	browsertest.Eval[bool](t, tab, `document.querySelector("#ws-summary .ws-conflict select").dispatchEvent(new Event("change", {bubbles: true}))`)
	reload(t, tab)
	got := browsertest.Eval[string](t, tab, `new Promise(done => {
		const d = document.querySelector("#ws-summary .ws-conflict details");
		d.addEventListener("toggle", () => done(document.querySelector("#ws-summary .ws-conflict select").value), {once: true});
		d.open = true;
	})`)
	if got != "study" {
		t.Errorf("after reload the handling is %q, want study", got)
	}
	tab.NoErrors(t)
}
