package serve

import (
	"context"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// waitFor polls a JavaScript condition until it is true and returns how
// long that took.
func waitFor(t *testing.T, tab *browsertest.Tab, cond string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		ctx, cancel := context.WithTimeout(tab.Ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("condition not met within %v: %s", limit, cond)
	return 0
}

// TestLiveReloadInBrowser edits a page while a real browser shows it: the
// page reloads within a second, a broken file shows the error overlay over
// the last good page, and the fix clears it. The server sends the strict
// CSP, so any inline script or style would show up as a page error.
func TestLiveReloadInBrowser(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	s := New(Options{Build: generator.Options{Source: site, Dest: filepath.Join(site, "public")}})
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close) // runs first: ends the browser's event stream
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)

	tab := browsertest.New(t).Tab(t)
	tab.Do(t, chromedp.Navigate(ts.URL+s.BasePath()+"om.html"))
	waitFor(t, tab, `document.querySelector("h1") !== null`, 5*time.Second)
	time.Sleep(200 * time.Millisecond) // let the event stream connect
	browsertest.Eval[bool](t, tab, `(window.__before = true)`)

	om := filepath.Join(site, "content/om.md")
	page := func(body string) string {
		return "+++\ntitle = \"Om Bærekrafthjelperen\"\ndescription = \"Om verktøyet.\"\n+++\n\n" + body + "\n"
	}
	if err := os.WriteFile(om, []byte(page("Første lagring.")), 0o644); err != nil {
		t.Fatal(err)
	}
	took := waitFor(t, tab, `document.body.textContent.includes("Første lagring.")`, 3*time.Second)
	t.Logf("save → reloaded page: %v", took)
	if took > time.Second {
		t.Errorf("live reload took %v, want under a second", took)
	}
	if browsertest.Eval[bool](t, tab, `window.__before === true`) {
		t.Error("the page was not reloaded")
	}

	if err := os.WriteFile(om, []byte("+++\ntitel = \"Om\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `!!document.getElementById("hjelperen-error")`, 3*time.Second)
	msg := browsertest.Eval[string](t, tab, `document.getElementById("hjelperen-error").textContent`)
	if !strings.Contains(msg, `content/om.md:2:1: ukjent felt «titel»`) {
		t.Errorf("overlay text = %q, want the file, line and message", msg)
	}
	if !browsertest.Eval[bool](t, tab, `document.body.textContent.includes("Første lagring.")`) {
		t.Error("the last good page is not shown under the overlay")
	}
	// The overlay is styled by the server's stylesheet, not inline styles;
	// the stylesheet may arrive just after the element.
	waitFor(t, tab, `getComputedStyle(document.getElementById("hjelperen-error")).position === "fixed"`, 2*time.Second)

	if err := os.WriteFile(om, []byte(page("Fikset.")), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.body.textContent.includes("Fikset.") && !document.getElementById("hjelperen-error")`, 3*time.Second)
	tab.NoErrors(t)
}
