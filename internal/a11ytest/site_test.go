// Package a11ytest checks the look and the accessibility of the real site
// built from the repository's content: axe-core on every page type in
// light and dark schemes at desktop width and at 320 px, keyboard use from
// the top of the page, and reflow at 320 CSS px (400 % zoom of a 1280 px
// window). The Lighthouse quality bar is in lighthousetest.
//
// The browser tests need Chromium and `npm ci` (axe-core); they
// are skipped with a loud message when those are missing, and fail instead
// with HJELPEREN_REQUIRE_BROWSER=1 (as in CI).
package a11ytest

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// repoRoot is the module root, two levels up from this package.
var repoRoot, _ = filepath.Abs("../..")

const (
	// csp is the Content-Security-Policy the site must work under.
	csp = "default-src 'self'"
	// prefix is the subpath the site is served under, as on the
	// Statsforvalteren's web server.
	prefix = "/nb/troms-finnmark/baerekraft/"
)

// sample is one page of a page type, by output path.
type sample struct {
	kind string
	path string
	// ready is a CSS selector that is visible once the page's scripts
	// have run, or "".
	ready string
}

// samples returns one page of every page type in the built site in out,
// plus a nynorsk page when the content has one.
func samples(t testing.TB, out string) []sample {
	t.Helper()
	s := []sample{
		{"home", "index.html", ""},
		{"section", "tema/index.html", ""},
		{"page", "om.html", ""},
		{"dimension", "dimensjoner/klima-og-miljo.html", ""},
		{"theme", "tema/klimatilpasning.html", ""},
		{"worksheet", "arbeidsskjema/saksbehandling.html", "#ws-current"},
		{"redthread", "rod-trad/index.html", ""},
		{"step", "rod-trad/03-samfunnsdel.html", ""},
		{"recommendation", "anbefalinger/politikk-og-administrasjon.html", ""}, // with figures 9-10
		{"recommendations", "anbefalinger/index.html", ""},                     // with figure 8
		{"funding", "", ""},
		{"funding-overview", "virkemidler/index.html", ""},
		{"dilemma-overview", "dilemmatrening/index.html", ""},
		{"dilemma", "dilemmatrening/hyttefelt-pa-myr.html", ""},
		{"method", "metoder/gjestebud.html", ""},
		{"404", "404.html", ""},
		{"search", "sok.html?q=klima", ""},
	}
	// The first funding entry, whatever its name.
	entries, _ := filepath.Glob(filepath.Join(out, "virkemidler", "*.html"))
	for _, e := range entries {
		if filepath.Base(e) != "index.html" {
			for i := range s {
				if s[i].kind == "funding" {
					s[i].path = "virkemidler/" + filepath.Base(e)
				}
			}
			break
		}
	}
	// Nynorsk pages, when the translation has reached them.
	for _, nn := range []string{"nn/tema/klimatilpasning.html", "nn/index.html", "nn/arbeidsskjema/saksbehandling.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(nn))); err == nil {
			ready := ""
			if strings.Contains(nn, "arbeidsskjema/") {
				ready = "#ws-current"
			}
			s = append(s, sample{"nynorsk", nn, ready})
		}
	}
	for _, p := range s {
		if p.path == "" {
			t.Fatalf("no page of kind %s in the built site", p.kind)
		}
		file := strings.SplitN(p.path, "?", 2)[0]
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(file))); err != nil {
			t.Fatalf("sample page of kind %s: %v", p.kind, err)
		}
	}
	return s
}

// build builds the repository's site into a temporary folder.
func build(t testing.TB, baseURL string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(t.Context(), generator.Options{Source: repoRoot, Dest: out, BaseURL: baseURL}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// serve builds the site and serves it under prefix with the strict CSP;
// it returns the built folder and the base URL.
func serve(t testing.TB) (out, base string) {
	t.Helper()
	out = build(t, "")
	return out, browsertest.ServeDir(t, out, prefix, http.Header{"Content-Security-Policy": {csp}})
}

// axeSource reads axe-core, or skips the test.
func axeSource(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		browsertest.SkipOrFail(t, "node_modules/axe-core is missing; run `npm ci` in the repository root")
	}
	return string(src)
}

// open navigates to url and waits for the page's scripts when ready is
// set. On a worksheet it also brings the summary near the screen, which
// is when worksheet.js builds it, and waits until the app says it is
// complete (#ws-app[data-ready="all"]), so the checks see all of it.
func open(t testing.TB, tab *browsertest.Tab, url, ready string) {
	t.Helper()
	tab.Do(t, chromedp.Navigate(url))
	if ready != "" {
		tab.Do(t, chromedp.WaitVisible(chromedp.CSS(ready)))
	}
	if browsertest.Eval[bool](t, tab, `(s => !!s && (s.scrollIntoView(), true))(document.getElementById("ws-summary"))`) {
		tab.Do(t, chromedp.WaitReady(chromedp.CSS(`#ws-app[data-ready="all"]`)))
		browsertest.Eval[bool](t, tab, `window.scrollTo(0, 0); true`)
	}
}

// axeViolations loads axe-core into the page (unless it is there) and
// returns its violations, one line each.
func axeViolations(t testing.TB, tab *browsertest.Tab, src string) []string {
	t.Helper()
	if !browsertest.Eval[bool](t, tab, `typeof axe === "object"`) {
		browsertest.Eval[bool](t, tab, src+";true")
	}
	res := browsertest.Eval[[]struct {
		ID, Impact, Help string
		Nodes            []struct{ Target, Summary string }
	}](t, tab, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		ID: v.id, Impact: v.impact || "", Help: v.help,
		Nodes: v.nodes.map(n => ({Target: n.target.join(" "), Summary: (n.failureSummary || "").replace(/\s+/g, " ")}))})))`)
	var out []string
	for _, v := range res {
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, n.Target+" ["+n.Summary+"]")
		}
		if len(nodes) > 0 {
			out = append(out, fmt.Sprintf("%s (%s): %s — %s", v.ID, v.Impact, v.Help, strings.Join(nodes[:min(len(nodes), 5)], "; ")))
		}
	}
	return out
}

// TestAxe runs axe-core with zero violations allowed on one page of every
// page type, in light and dark, at 1280 px and at 320 px. Each page loads
// once; the width and the colour scheme then change in place, which
// the site's CSS follows and none of its scripts reads.
func TestAxe(t *testing.T) {
	src := axeSource(t)
	out, base := serve(t)
	b := browsertest.New(t)
	for _, p := range samples(t, out) {
		t.Run(p.kind, func(t *testing.T) {
			tab := b.Tab(t)
			tab.Do(t, browsertest.View(1280, "light"))
			open(t, tab, base+p.path, p.ready)
			// Open every disclosure so hidden content is checked too.
			browsertest.Eval[bool](t, tab, `document.querySelectorAll("details").forEach(d => d.open = true); true`)
			for _, scheme := range []string{"light", "dark"} {
				for _, width := range []int64{1280, 320} {
					tab.Do(t, browsertest.View(width, scheme))
					if v := axeViolations(t, tab, src); len(v) > 0 {
						t.Errorf("%s (%s, %d px): %d violations:\n%s", p.path, scheme, width, len(v), strings.Join(v, "\n"))
					}
				}
			}
			tab.NoErrors(t)
		})
	}
}

// TestReflow320 checks that no page type scrolls sideways at 320 CSS px,
// the width of a 1280 px window at 400 % zoom (WCAG 1.4.10), in light and
// dark. Wide data tables scroll inside their own region, which does not
// widen the page.
func TestReflow320(t *testing.T) {
	out, base := serve(t)
	b := browsertest.New(t)
	for _, p := range samples(t, out) {
		t.Run(p.kind, func(t *testing.T) {
			tab := b.Tab(t)
			tab.Do(t, browsertest.View(320, "light"))
			open(t, tab, base+p.path, p.ready)
			browsertest.Eval[bool](t, tab, `document.querySelectorAll("details").forEach(d => d.open = true); true`)
			for _, scheme := range []string{"light", "dark"} {
				tab.Do(t, browsertest.View(320, scheme))
				if got := browsertest.Eval[[]string](t, tab, sticksOut); len(got) > 0 {
					t.Errorf("%s (%s) scrolls sideways at 320 px: %s", p.path, scheme, strings.Join(got, ", "))
				}
			}
		})
	}
}

// sticksOut is JavaScript that returns nothing when the page is at most
// 320 px wide, else its width and the elements that stick out the most.
const sticksOut = `(() => {
	const w = document.documentElement.scrollWidth;
	if (w <= 320) return [];
	const wide = [...document.querySelectorAll("body *")].filter(e => {
		const r = e.getBoundingClientRect();
		return r.right > 320.5 && !e.closest(".table-wrap, .ws-table-wrap, .prose table");
	}).sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "") + " right=" + Math.round(e.getBoundingClientRect().right));
	return ["scrollWidth=" + w, ...wide];
})()`
