package browsertest

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Tab is one page of a Browser. It records JavaScript exceptions, console
// errors and browser log errors (such as CSP violations) for Errors.
type Tab struct {
	Ctx context.Context
	// DownloadDir receives the files the page downloads. The tabs of one
	// Browser share it.
	DownloadDir string
	// Timeout bounds each Do, Eval and wait; DefaultTimeout unless the
	// test sets another.
	Timeout time.Duration

	downloads chan download

	mu     sync.Mutex
	errs   []string
	marks  int                      // sync markers logged so far
	synced map[string]chan struct{} // marker text → closed when the marker is read
}

// syncPrefix starts the console messages that Sync logs.
const syncPrefix = "browsertest:sync:"

// Tab opens a new tab whose downloads go to the browser's download folder.
func (b *Browser) Tab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	tab := &Tab{Ctx: ctx, DownloadDir: b.downloads.dir, Timeout: DefaultTimeout, synced: map[string]chan struct{}{}}
	if err := start(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go tab.record(msgs)
	tab.downloads = b.downloads.register(chromedp.FromContext(ctx).Target.TargetID)
	return tab
}

// record keeps the tab's errors and closes the channels of sync markers.
func (tab *Tab) record(msgs iter.Seq2[chromedp.ConsoleMessage, error]) {
	for m, err := range msgs {
		if err != nil {
			return
		}
		tab.mu.Lock()
		switch {
		case m.Type == chromedp.ConsoleDebug && strings.HasPrefix(m.Text, syncPrefix):
			if c, ok := tab.synced[m.Text]; ok {
				close(c)
				delete(tab.synced, m.Text)
			}
		// The browser asks for /favicon.ico on its own; a missing one is
		// not the page's error.
		case (m.IsException() || m.Type == chromedp.ConsoleError) && !strings.HasSuffix(m.URL, "/favicon.ico"):
			tab.errs = append(tab.errs, m.String()+" ("+m.URL+")")
		}
		tab.mu.Unlock()
	}
}

// Do runs actions in the tab and fails t on error.
func (tab *Tab) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, tab.Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Eval evaluates a JavaScript expression in the tab, awaiting a promise,
// and returns its JSON value decoded into T. It fails t on error.
func Eval[T any](t testing.TB, tab *Tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, tab.Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

// Wait waits until the JavaScript expression cond is true in the current
// page, checking it every few milliseconds, and fails t when it is still
// false after the tab's Timeout. A navigation ends the wait with a
// failure; to wait across a reload, wait for the page's load event first.
func (tab *Tab) Wait(t testing.TB, cond string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, tab.Timeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+cond+")",
		chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(tab.Timeout)))
	if err != nil {
		t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// Sync returns when every console message the page logged before the call
// has been recorded. It logs a marker and waits until the marker comes
// back: the browser sends a page's messages in order.
func (tab *Tab) Sync(t testing.TB) {
	t.Helper()
	tab.mu.Lock()
	tab.marks++
	mark := syncPrefix + strconv.Itoa(tab.marks)
	done := make(chan struct{})
	tab.synced[mark] = done
	tab.mu.Unlock()
	Eval[bool](t, tab, fmt.Sprintf("console.debug(%q), true", mark))
	select {
	case <-done:
	case <-time.After(tab.Timeout):
		t.Fatalf("the console marker %s did not come back within %v", mark, tab.Timeout)
	}
}

// Errors returns the exceptions and error messages the tab has recorded.
// Call Sync first to include the latest ones.
func (tab *Tab) Errors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.errs...)
}

// NoErrors fails t when the tab logged exceptions or errors.
func (tab *Tab) NoErrors(t testing.TB) {
	t.Helper()
	tab.Sync(t)
	if errs := tab.Errors(); len(errs) > 0 {
		t.Errorf("the page logged errors:\n%s", strings.Join(errs, "\n"))
	}
}

// Follow runs actions that make the tab load a page (a click on a link,
// Enter in a form, a reload that the page does on its own) and waits until
// that page has loaded. It returns the response for the document, nil for
// a move within the same page, and fails t when no page loads within the
// tab's Timeout.
func (tab *Tab) Follow(t testing.TB, actions ...chromedp.Action[chromedp.Void]) *network.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, tab.Timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("waiting for a page to load: %v", err)
	}
	return resp
}

// WaitClickable waits until a click at the centre of the first element
// matching the CSS selector css would reach it: the element keeps the same
// box for two animation frames in a row and nothing covers its centre.
// Content rendered late (content-visibility: auto, fonts, images) can move
// an element, or leave a placeholder in its place, for a few frames after
// it scrolled into view; a person clicks after that.
func (tab *Tab) WaitClickable(t testing.TB, css string) {
	t.Helper()
	ok := Eval[bool](t, tab, fmt.Sprintf(`(async () => {
		const el = document.querySelector(%q);
		if (!el) return false;
		const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
		const box = () => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
		const hit = ([x, y, w, h]) => el.contains(document.elementFromPoint(x + w / 2, y + h / 2));
		for (let last = box().join(); ; ) {
			await frame();
			const now = box();
			if (now.join() === last && hit(now)) return true;
			last = now.join();
		}
	})()`, css))
	if !ok {
		t.Fatalf("no element matches %s", css)
	}
}

// View sets the tab's viewport width (900 px high) and its
// prefers-color-scheme ("light" or "dark"). The page's CSS follows at once,
// without a reload.
func View(width int64, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}
