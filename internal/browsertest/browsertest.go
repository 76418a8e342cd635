// Package browsertest runs tests in a real headless Chromium through
// chromedp.
//
// A test calls New to start a fresh browser (its own user data folder, so
// storage never leaks between tests), then Tab for each page it drives:
//
//	b := browsertest.New(t)
//	tab := b.Tab(t)
//	tab.Do(t, chromedp.Navigate(url))
//	got := browsertest.Eval[string](t, tab, `document.title`)
//
// When Chromium is not installed the test is skipped with a loud message
// naming the Debian package; with HJELPEREN_REQUIRE_BROWSER=1 (as in CI) it
// fails instead. Under "go test -short" every test that needs a browser or
// another outside program is skipped (see SkipShort). Everything started is
// stopped by t.Cleanup.
//
// Tests wait for events and conditions, never for a fixed time. Each wait
// is bounded by the tab's Timeout, a safety net that turns a hang into a
// failure with a message long before Go's package timeout; it is not a
// speed requirement. Speed is measured by the opt-in performance suite
// (see Perf).
package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns skips into failures.
const RequireEnv = "HJELPEREN_REQUIRE_BROWSER"

// PerfEnv is the environment variable that runs the performance suite.
const PerfEnv = "HJELPEREN_PERF"

// DefaultTimeout is a new Tab's Timeout. It is generous on purpose: on a
// loaded machine a page load can take many seconds, and the limit only
// has to catch a hang.
const DefaultTimeout = 2 * time.Minute

// Required reports whether missing tools must fail tests rather than skip
// them (HJELPEREN_REQUIRE_BROWSER=1).
func Required() bool { return os.Getenv(RequireEnv) == "1" }

// SkipOrFail skips t with a loud message, or fails it when Required.
func SkipOrFail(t testing.TB, msg string) {
	t.Helper()
	line := strings.Repeat("!", 72)
	if Required() {
		t.Fatalf("\n%s\n%s (%s=1, so this is a failure)\n%s", line, msg, RequireEnv, line)
	}
	t.Skipf("\n%s\nSKIPPED: %s\n%s", line, msg, line)
}

// SkipShort skips t under "go test -short", which runs only the tests that
// need nothing but Go. tool names what the test would start, for example
// "Chromium" or "LibreOffice". -short wins over HJELPEREN_REQUIRE_BROWSER.
func SkipShort(t testing.TB, tool string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: skipped, this test runs %s (run go test without -short for it)", tool)
	}
}

// Perf skips t unless HJELPEREN_PERF=1. Tests that hold the site to a time
// (a page within a frame, a reload within a second) call it first and are
// named TestPerf…; they form the performance suite, which runs on its own
// and one package at a time, so no other test competes for the CPU:
//
//	HJELPEREN_PERF=1 go test -p 1 -run '^TestPerf' ./...
//
// The functional tests check the same behaviour without a clock.
func Perf(t testing.TB) {
	t.Helper()
	if os.Getenv(PerfEnv) != "1" {
		t.Skipf("performance test: runs only with %s=1, on its own (see the README)", PerfEnv)
	}
}

// ChromiumPath returns the Chromium executable: $HJELPEREN_CHROMIUM, then
// /usr/bin/chromium, then chromium or chromium-browser on PATH.
func ChromiumPath() (string, bool) {
	if p := os.Getenv("HJELPEREN_CHROMIUM"); p != "" {
		return p, true
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", true
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// Browser is a headless Chromium started for one test.
type Browser struct {
	ctx       context.Context // browser context; tabs derive from it
	downloads *downloads
}

// New starts a headless Chromium with a fresh user data folder. It skips
// under -short, and skips (or fails, see Required) when Chromium is not
// installed.
func New(t testing.TB) *Browser {
	t.Helper()
	SkipShort(t, "Chromium")
	exe, ok := ChromiumPath()
	if !ok {
		SkipOrFail(t, "Chromium is not installed; browser tests need it (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	if err := start(bctx); err != nil {
		t.Fatalf("start Chromium %s: %v", exe, err)
	}
	b := &Browser{ctx: bctx}
	b.downloads = watchDownloads(t, bctx, t.TempDir())
	return b
}

// start runs the first action of a chromedp context, which starts the
// browser or opens the tab. It must get ctx itself, not a context with a
// timeout, because the end of the context of that call ends the browser
// or tab too; so the wait is bounded here.
func start(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(DefaultTimeout):
		return fmt.Errorf("no answer within %v", DefaultTimeout)
	}
}

// ServeDir serves dir over HTTP under the path prefix (for example
// "/sub/site/"), adding header to every response, and returns the URL of
// the prefix. The server stops at cleanup.
func ServeDir(t testing.TB, dir, prefix string, header http.Header) string {
	t.Helper()
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		t.Fatalf("ServeDir: prefix %q must start and end with /", prefix)
	}
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, prefix) {
			http.NotFound(w, r)
			return
		}
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}
