package browsertest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// site serves a small site with the strict CSP and returns its URL.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return ServeDir(t, dir, "/s/", http.Header{"Content-Security-Policy": {"default-src 'self'"}})
}

// TestErrorsRecorded checks that NoErrors would see a console error, an
// exception and a CSP violation that happen while the page loads.
func TestErrorsRecorded(t *testing.T) {
	url := site(t, map[string]string{
		"index.html": `<!doctype html><title>x</title><script src="a.js"></script><script src="b.js"></script><style>p{}</style>`,
		"a.js":       `console.error("feil én");`,
		"b.js":       `throw new Error("feil to");`,
	})
	tab := New(t).Tab(t)
	tab.Do(t, chromedp.Navigate(url+"index.html"))
	tab.Sync(t)
	got := strings.Join(tab.Errors(), "\n")
	for _, want := range []string{"feil én", "feil to", "Content Security Policy"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

// TestWaitDownload downloads in two tabs of one browser: each tab gets its
// own file, once.
func TestWaitDownload(t *testing.T) {
	url := site(t, map[string]string{
		"index.html": `<!doctype html><title>x</title><a id="en" href="en.txt" download>en</a><a id="to" href="to.txt" download>to</a>`,
		"en.txt":     "første",
		"to.txt":     "andre",
	})
	b := New(t)
	one, two := b.Tab(t), b.Tab(t)
	for _, tab := range []*Tab{one, two} {
		tab.Do(t, chromedp.Navigate(url+"index.html"))
	}
	two.Do(t, chromedp.Click(chromedp.CSS("#to")))
	one.Do(t, chromedp.Click(chromedp.CSS("#en")))
	for _, c := range []struct {
		tab        *Tab
		name, data string
	}{{one, "en.txt", "første"}, {two, "to.txt", "andre"}} {
		p := c.tab.WaitDownload(t, ".txt")
		data, err := os.ReadFile(p)
		if filepath.Base(p) != c.name || err != nil || string(data) != c.data {
			t.Errorf("download %s: %q, %v; want %s with %q", p, data, err, c.name, c.data)
		}
	}
	select {
	case got := <-one.downloads:
		t.Errorf("a second download for the first tab: %v", got)
	default:
	}
}
