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
// fails instead. Everything started is stopped by t.Cleanup.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns skips into failures.
const RequireEnv = "HJELPEREN_REQUIRE_BROWSER"

// Timeout bounds each Do, Eval and wait of a Tab.
var Timeout = 30 * time.Second

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
	ctx context.Context // browser context; tabs derive from it
}

// New starts a headless Chromium with a fresh user data folder. It skips
// (or fails, see Required) when Chromium is not installed.
func New(t testing.TB) *Browser {
	t.Helper()
	exe, ok := ChromiumPath()
	if !ok {
		SkipOrFail(t, "Chromium is not installed; browser tests need it (apt-get install chromium)")
	}
	shared(t)
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
	// The first Do starts the browser; it must get bctx itself, because
	// ending the context of that call would end the browser too.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium %s: %v", exe, err)
	}
	return &Browser{ctx: bctx}
}

// Tab is one page of a Browser. It records JavaScript exceptions, console
// errors and browser log errors (such as CSP violations) for Errors.
type Tab struct {
	Ctx context.Context
	// DownloadDir receives the files the page downloads.
	DownloadDir string

	mu   sync.Mutex
	errs []string
}

// Tab opens a new tab whose downloads go to a fresh temporary folder.
func (b *Browser) Tab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	tab := &Tab{Ctx: ctx, DownloadDir: t.TempDir()}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			// The browser asks for /favicon.ico on its own; a missing one
			// is not the page's error.
			if (m.IsException() || m.Type == chromedp.ConsoleError) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				tab.mu.Lock()
				tab.errs = append(tab.errs, m.String()+" ("+m.URL+")")
				tab.mu.Unlock()
			}
		}
	}()
	tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior:     browser.SetDownloadBehaviorBehaviorAllow,
			DownloadPath: tab.DownloadDir,
		})
		return err
	}))
	return tab
}

// Do runs actions in the tab and fails t on error.
func (tab *Tab) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Eval evaluates a JavaScript expression in the tab, awaiting a promise,
// and returns its JSON value decoded into T. It fails t on error.
func Eval[T any](t testing.TB, tab *Tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

// Errors returns the exceptions and error messages the tab has logged.
func (tab *Tab) Errors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.errs...)
}

// NoErrors fails t when the tab logged exceptions or errors.
func (tab *Tab) NoErrors(t testing.TB) {
	t.Helper()
	// Console events arrive asynchronously; give late ones a moment.
	time.Sleep(50 * time.Millisecond)
	if errs := tab.Errors(); len(errs) > 0 {
		t.Errorf("the page logged errors:\n%s", strings.Join(errs, "\n"))
	}
}

// WaitDownload waits until a finished file whose name ends with suffix is
// in the tab's download folder and returns its path.
func (tab *Tab) WaitDownload(t testing.TB, suffix string) string {
	t.Helper()
	deadline := time.Now().Add(Timeout)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(tab.DownloadDir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), suffix) && !strings.HasSuffix(e.Name(), ".crdownload") {
				p := filepath.Join(tab.DownloadDir, e.Name())
				if info, err := os.Stat(p); err == nil && info.Size() > 0 {
					return p
				}
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("no download ending in %q in %s", suffix, tab.DownloadDir)
	return ""
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
