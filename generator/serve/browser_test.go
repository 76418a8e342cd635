package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// connectedJS runs before the page's own scripts. It makes
// window.__connected a promise that resolves when the page's event stream
// has its first event: the server sends one as soon as it counts the tab
// among the ones it tells about rebuilds.
const connectedJS = `(() => {
	const ES = window.EventSource;
	window.__connected = new Promise((resolve) => {
		window.EventSource = function (url, opts) {
			const es = new ES(url, opts);
			es.addEventListener("ok", resolve);
			es.addEventListener("error", (e) => { if (e.data) resolve(); });
			return es;
		};
	});
})()`

// liveTab starts a server for a copy of the sample site that rebuilds on
// changes, and a browser tab showing om.html whose event stream is
// connected. It returns the tab and the path of om.md.
func liveTab(t *testing.T) (*browsertest.Tab, string) {
	t.Helper()
	site := testsite.Copy(t, "../testdata/sites/sample")
	s := New(Options{Build: generator.Options{Source: site, Dest: filepath.Join(site, "public")}})
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	tab := browsertest.New(t).Tab(t)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close) // runs first: ends the browser's event stream
	watching(t, s)

	tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: connectedJS})
		return err
	}))
	tab.Do(t, chromedp.Navigate(ts.URL+s.BasePath()+"om.html"))
	connected(t, tab)
	return tab, filepath.Join(site, "content/om.md")
}

// connected waits until the page's event stream has its first event.
func connected(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	browsertest.Eval[bool](t, tab, `window.__connected.then(() => true)`)
}

// omPage is om.md with body as its text.
func omPage(body string) string {
	return "+++\ntitle = \"Om Bærekrafthjelperen\"\ndescription = \"Om verktøyet.\"\n+++\n\n" + body + "\n"
}

// saveAction saves content to name as an action, for browsertest.Follow.
func saveAction(name, content string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(context.Context, *chromedp.Target) error {
		return writeAtomic(name, content)
	})
}

// TestLiveReloadInBrowser edits a page while a real browser shows it: the
// page reloads, a broken file shows the error overlay over the last good
// page, and the fix clears it. The server sends the strict CSP, so any
// inline script or style would show up as a page error.
func TestLiveReloadInBrowser(t *testing.T) {
	tab, om := liveTab(t)
	browsertest.Eval[bool](t, tab, `(window.__before = true)`)

	tab.Follow(t, saveAction(om, omPage("Første lagring.")))
	if !browsertest.Eval[bool](t, tab, `document.body.textContent.includes("Første lagring.")`) {
		t.Fatal("the reloaded page does not show the saved text")
	}
	if browsertest.Eval[bool](t, tab, `window.__before === true`) {
		t.Error("the page was not reloaded")
	}
	connected(t, tab)

	save(t, om, "+++\ntitel = \"Om\"\n+++\n")
	tab.Wait(t, `!!document.getElementById("hjelperen-error")`)
	msg := browsertest.Eval[string](t, tab, `document.getElementById("hjelperen-error").textContent`)
	if !strings.Contains(msg, `content/om.md:2:1: ukjent felt «titel»`) {
		t.Errorf("overlay text = %q, want the file, line and message", msg)
	}
	if !browsertest.Eval[bool](t, tab, `document.body.textContent.includes("Første lagring.")`) {
		t.Error("the last good page is not shown under the overlay")
	}
	// The overlay is styled by the server's stylesheet, not inline styles;
	// the stylesheet may arrive just after the element.
	tab.Wait(t, `getComputedStyle(document.getElementById("hjelperen-error")).position === "fixed"`)

	tab.Follow(t, saveAction(om, omPage("Fikset.")))
	if !browsertest.Eval[bool](t, tab, `document.body.textContent.includes("Fikset.") && !document.getElementById("hjelperen-error")`) {
		t.Error("after the fix the page does not show the new text without the overlay")
	}
	tab.NoErrors(t)
}

// TestPerfLiveReload measures the time from saving a file to the reloaded
// page in the browser, five times, and requires the median to be under a
// second. It is part of the performance suite (see browsertest.Perf).
func TestPerfLiveReload(t *testing.T) {
	browsertest.Perf(t)
	tab, om := liveTab(t)
	var times []time.Duration
	for i := range 5 {
		text := fmt.Sprintf("Lagring nummer %d.", i+1)
		start := time.Now()
		tab.Follow(t, saveAction(om, omPage(text)))
		times = append(times, time.Since(start))
		if !browsertest.Eval[bool](t, tab, `document.body.textContent.includes(`+strconv.Quote(text)+`)`) {
			t.Fatalf("the reloaded page does not show %q", text)
		}
		connected(t, tab)
	}
	slices.Sort(times)
	t.Logf("save → reloaded page, 5 saves: %v", times)
	if median := times[len(times)/2]; median > time.Second {
		t.Errorf("live reload took %v (median), want under a second", median)
	}
}
