package a11ytest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusInfo describes the focused element after a Tab.
type focusInfo struct {
	Desc    string `json:"desc"`    // tag, id, class and text, for messages
	Body    bool   `json:"body"`    // nothing is focused (focus left the page)
	Skip    bool   `json:"skip"`    // the skip link
	Visible bool   `json:"visible"` // an outline or box-shadow is drawn
	InView  bool   `json:"inView"`  // the element is inside the viewport
}

// focused reports on document.activeElement.
const focused = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return {body: true};
	const cs = getComputedStyle(e);
	const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
	const shadow = cs.boxShadow && cs.boxShadow !== "none";
	const r = e.getBoundingClientRect();
	const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
		r.top < innerHeight && r.left < innerWidth;
	const text = (e.textContent || e.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
	return {
		desc: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + (text ? " «" + text + "»" : ""),
		skip: e.classList.contains("skip-link"),
		visible: outline || shadow,
		inView: inView,
	};
})()`

// TestKeyboard tabs through the front page and a theme page from the top,
// at desktop width and at 320 px: the first Tab reaches the skip link,
// which moves focus to main; every focused element shows a focus
// indicator and is scrolled into view; Tab eventually leaves the page
// (no keyboard trap).
func TestKeyboard(t *testing.T) {
	_, base := serve(t)
	b := browsertest.New(t)
	for _, page := range []string{"index.html", "tema/klimatilpasning.html", "rod-trad/index.html"} {
		for _, width := range []int64{1280, 320} {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(fmt.Sprintf("%s/%s/%d", page, scheme, width), func(t *testing.T) {
					tab := b.Tab(t)
					tab.Do(t, browsertest.View(width, scheme))
					open(t, tab, base+page, "")

					// The first Tab reaches the skip link; Enter moves focus to main.
					tab.Do(t, chromedp.KeyEvent(kb.Tab))
					first := browsertest.Eval[focusInfo](t, tab, focused)
					if !first.Skip || !first.Visible || !first.InView {
						t.Fatalf("first Tab: got %+v, want the visible skip link", first)
					}
					tab.Do(t, chromedp.KeyEvent(kb.Enter))
					if id := browsertest.Eval[string](t, tab, `document.activeElement.id`); id != "main" {
						t.Errorf("the skip link moved focus to %q, want main", id)
					}

					// From the top again: every stop is visible and in view.
					open(t, tab, base+page, "")
					seen := 0
					left := false
					var stops []string
					for i := 0; i < 400; i++ {
						tab.Do(t, chromedp.KeyEvent(kb.Tab))
						f := browsertest.Eval[focusInfo](t, tab, focused)
						if f.Body || (f.Skip && seen > 0) {
							left = true
							break
						}
						seen++
						stops = append(stops, f.Desc)
						if !f.Visible {
							t.Errorf("Tab %d: %s has no visible focus indicator", i+1, f.Desc)
						}
						if !f.InView {
							t.Errorf("Tab %d: %s is focused but not in view", i+1, f.Desc)
						}
					}
					if !left {
						t.Errorf("after 400 Tabs focus had not left the page (keyboard trap?); last stops: %s",
							strings.Join(stops[max(0, len(stops)-5):], " | "))
					}
					if seen < 10 {
						t.Errorf("only %d focus stops: %s", seen, strings.Join(stops, " | "))
					}
					t.Logf("%s: %d focus stops", page, seen)
					tab.NoErrors(t)
				})
			}
		}
	}
}
