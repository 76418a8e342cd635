package serve

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestErrorPageInBrowser opens a page of a site whose first build failed
// (issue 12, item 3): a real browser under the strict CSP shows the error
// page with file and line, styled by the server's stylesheet, and the page
// turns into the real one by itself once a build succeeds.
func TestErrorPageInBrowser(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	om := filepath.Join(site, "content", "om.md")
	good, err := os.ReadFile(om)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(om, []byte("+++\ntitel = \"Om\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(Options{Build: generator.Options{Source: site, Dest: filepath.Join(t.TempDir(), "preview")}})
	if err := s.Rebuild(); err == nil {
		t.Fatal("the first build succeeded, want an error")
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close) // runs first: ends the browser's event stream

	tab := browsertest.New(t).Tab(t)
	tab.Do(t, chromedp.Navigate(ts.URL+s.BasePath()+"om.html"))
	tab.Do(t, chromedp.WaitVisible(chromedp.CSS("#hjelperen-error pre")))
	msg := browsertest.Eval[string](t, tab, `document.querySelector("#hjelperen-error pre").textContent`)
	if !strings.Contains(msg, `content/om.md:2:1: ukjent felt «titel»`) {
		t.Errorf("error page text = %q, want the file, line and message", msg)
	}
	// Styled by overlay.css, which may arrive just after the element.
	tab.Wait(t, `getComputedStyle(document.getElementById("hjelperen-error")).position === "fixed"`)

	// Fixed: the page reloads itself, whether its event stream connected
	// before the build ("reload") or after it ("ok" with the error shown).
	if err := os.WriteFile(om, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	tab.Do(t, chromedp.WaitVisible(chromedp.CSS("footer")))
	if browsertest.Eval[bool](t, tab, `!!document.getElementById("hjelperen-error")`) {
		t.Error("the error is still shown after the fix")
	}
	// Chromium logs the error page's status 500; anything else (such as a
	// CSP violation) is a failure.
	tab.Sync(t)
	for _, e := range tab.Errors() {
		if !strings.Contains(e, "status of 500") {
			t.Errorf("the page logged: %s", e)
		}
	}
}
