// Package sitetest tests "finding things" on the real site built from the
// repository's content: the search index, the search page and the funding
// filter, in headless Chromium, served under a subpath with a strict CSP
// and opened from disk.
package sitetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/search"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// repoRoot is the module root, two levels up from this package.
var repoRoot, _ = filepath.Abs("../..")

const (
	csp    = "default-src 'self'"
	prefix = "/nb/troms-finnmark/baerekraft/"
	// maxEntryGzip bounds the gzip size of the entry file of the bokmål
	// index of the real site, which the search page loads before any
	// query; the rest loads as queries need it.
	maxEntryGzip = 8 << 10
	// maxIndexGzip bounds the gzip size of all the files of the bokmål
	// index of the real site, which the service worker caches.
	maxIndexGzip = 150 << 10
)

// build builds src into a temporary folder and returns it.
func build(t testing.TB, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(t.Context(), generator.Options{Source: src, Dest: out}); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	return out
}

// bases returns the site's root URL served over HTTP under a subpath with
// the strict CSP, and as a file:// URL.
func bases(t testing.TB, out string) map[string]string {
	t.Helper()
	return map[string]string{
		"http": browsertest.ServeDir(t, out, prefix, http.Header{"Content-Security-Policy": {csp}}),
		"file": (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String(),
	}
}

// gzipSize returns the size of data compressed with gzip -9.
func gzipSize(data []byte) int {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return gz.Len()
}

func TestIndexSize(t *testing.T) {
	out := build(t, repoRoot)
	ix, entry, err := search.ReadDir(out, "nb")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(entry)))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, filepath.FromSlash(search.Dir), "nb", "*.js"))
	total := gzipSize(data)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += gzipSize(b)
	}
	t.Logf("search index: %d documents; entry %s %d bytes gzip; %d more files; %d bytes gzip in all", len(ix.Docs), entry, gzipSize(data), len(files), total)
	if n := gzipSize(data); n > maxEntryGzip {
		t.Errorf("search index entry is %d bytes gzip, over the budget of %d", n, maxEntryGzip)
	}
	if total > maxIndexGzip {
		t.Errorf("search index is %d bytes gzip, over the budget of %d", total, maxIndexGzip)
	}
	kinds := map[string]int{}
	for _, d := range ix.Docs {
		kinds[d.Kind]++
	}
	for _, k := range []string{"theme", "worksheet", "funding", "dilemma", "step", "recommendation", "method", "dimension", "page", "section", "home"} {
		if kinds[k] == 0 {
			t.Errorf("no %s pages in the index (%v)", k, kinds)
		}
	}
	// The search page loads the entry of this build.
	page, err := os.ReadFile(filepath.Join(out, "sok.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`src="`+entry+`"`)) {
		t.Errorf("sok.html does not load %s", entry)
	}
}

// hit is a search result as the page shows it.
type hit struct {
	Title   string   `json:"title"`
	Href    string   `json:"href"`
	Kind    string   `json:"kind"`
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"`
}

const readHits = `[...document.querySelectorAll("#search-results > li")].map(li => ({
	title: li.querySelector("h2 a").textContent,
	href: li.querySelector("h2 a").href,
	kind: li.querySelector(".search-kind").textContent,
	snippet: (li.querySelector(".search-snippet") || {}).textContent || "",
	marks: [...li.querySelectorAll("mark")].map(m => m.textContent)}))`

func TestSearchPage(t *testing.T) {
	out := build(t, repoRoot)
	b := browsertest.New(t)
	for mode, base := range bases(t, out) {
		t.Run(mode, func(t *testing.T) {
			tab := b.Tab(t)
			tests := []struct {
				q         string
				titleWant string // the first result's title contains this
				markWant  string // some <mark> contains this (folded compare)
				kindWant  string // some result is of this kind label
			}{
				{"barekraft", "", "bærekraft", ""},
				{"okonomi", "Økonomi", "økonomi", ""},
				{"Klimatilpasning", "Klimatilpasning", "klimatilpasning", "Virkemiddel"},
				{"saksbehandling", "Saksbehandling", "saksbehandling", "Arbeidsskjema"},
				{"vindkraft reinbeite", "Vindkraft", "reinbeite", "Dilemma"},
				// Issue 15: a theme's rules are found with the word
				// the page shows above them.
				{"kjøreregler bolig", "Bolig", "kjøreregler", "Tema"},
			}
			for _, tt := range tests {
				tab.Do(t, chromedp.Navigate(base+"sok.html?q="+url.QueryEscape(tt.q)))
				tab.Wait(t, `document.querySelector("#search-status").textContent.includes("treff")`)
				hits := showAll(t, tab)
				if len(hits) == 0 {
					t.Fatalf("%q: no results", tt.q)
				}
				status := browsertest.Eval[string](t, tab, `document.querySelector("#search-status").textContent`)
				if want := fmt.Sprintf("%d treff for «%s»", len(hits), tt.q); status != want {
					t.Errorf("%q: status %q, want %q", tt.q, status, want)
				}
				if got := browsertest.Eval[string](t, tab, `document.querySelector("#search-q").value`); got != tt.q {
					t.Errorf("%q: the field shows %q", tt.q, got)
				}
				if tt.titleWant != "" && !strings.Contains(hits[0].Title, tt.titleWant) {
					t.Errorf("%q: first result %q does not contain %q", tt.q, hits[0].Title, tt.titleWant)
				}
				// Title matches rank first: once a result has no query
				// word in its title, no later one has.
				first := strings.Fields(search.Fold(tt.q))[0]
				seenOther := false
				for _, h := range hits {
					inTitle := strings.Contains(search.Fold(h.Title), first)
					if inTitle && seenOther {
						t.Errorf("%q: title match %q ranks below a result without the word in its title", tt.q, h.Title)
					}
					seenOther = seenOther || !inTitle
				}
				marked, kind := false, tt.kindWant == ""
				for _, h := range hits {
					for _, m := range h.Marks {
						if strings.Contains(strings.ToLower(m), tt.markWant) || search.Fold(m) == search.Fold(tt.markWant) {
							marked = true
						}
					}
					kind = kind || h.Kind == tt.kindWant
					if !strings.HasPrefix(h.Href, base) {
						t.Errorf("%q: result link %q is outside the site %q", tt.q, h.Href, base)
					}
				}
				if !marked {
					t.Errorf("%q: no <mark> with %q in %+v", tt.q, tt.markWant, hits[:min(3, len(hits))])
				}
				if !kind {
					t.Errorf("%q: no result of kind %q", tt.q, tt.kindWant)
				}
			}

			// A hit only in the text links to the item it is under: here a
			// worksheet question.
			tab.Do(t, chromedp.Navigate(base+"sok.html?q="+url.QueryEscape("bruke digitale tjenester")))
			tab.Wait(t, `document.querySelectorAll("#search-results li").length > 0`)
			if !browsertest.Eval[bool](t, tab, `[...document.querySelectorAll("#search-results a")].some(a => /arbeidsskjema\/[a-z-]+\.html#q-/.test(a.href))`) {
				t.Errorf("no result links to a worksheet question: %+v", browsertest.Eval[[]hit](t, tab, readHits))
			}

			// The status is a polite live region; the results follow the
			// field in tab order.
			live := browsertest.Eval[string](t, tab, `(() => { const s = document.getElementById("search-status"); return s.getAttribute("role") + " " + s.getAttribute("aria-live") })()`)
			if live != "status polite" {
				t.Errorf("status region: %q", live)
			}
			tab.Do(t, chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
			if !browsertest.Eval[bool](t, tab, `document.activeElement.matches("#search-results li:first-child h2 a")`) {
				t.Errorf("two Tabs from the field reach %s, not the first result", browsertest.Eval[string](t, tab, `document.activeElement.outerHTML.slice(0, 120)`))
			}
			tab.Follow(t, chromedp.KeyEvent(kb.Enter))
			if browsertest.Eval[bool](t, tab, `location.pathname.endsWith("sok.html")`) {
				t.Error("Enter on the first result stayed on the search page")
			}

			// Typing searches as you go and updates the status.
			tab.Do(t, chromedp.Navigate(base+"sok.html"))
			if got := browsertest.Eval[string](t, tab, `document.querySelector("#search-status").textContent`); got != "" {
				t.Errorf("empty search page says %q", got)
			}
			tab.Do(t, chromedp.SendKeys(chromedp.CSS("#search-q"), "folkehelse"))
			tab.Wait(t, `document.querySelector("#search-status").textContent.includes("treff for «folkehelse»")`)
			tab.Do(t, chromedp.SendKeys(chromedp.CSS("#search-q"), "xqzv"))
			tab.Wait(t, `document.querySelector("#search-status").textContent.startsWith("Ingen treff")`)
			if n := browsertest.Eval[int](t, tab, `document.querySelectorAll("#search-results li").length`); n != 0 {
				t.Errorf("%d results for nonsense", n)
			}

			// The header form on any page submits to the search page.
			tab.Do(t, chromedp.Navigate(base+"tema/bolig.html"))
			tab.Follow(t, chromedp.SendKeys(chromedp.CSS("#site-search-q"), "bolig"+kb.Enter))
			tab.Wait(t, `location.pathname.endsWith("/sok.html") && document.querySelectorAll("#search-results li").length > 0`)
			if got := browsertest.Eval[string](t, tab, `new URLSearchParams(location.search).get("q")`); got != "bolig" {
				t.Errorf("search page got q=%q", got)
			}
			tab.NoErrors(t)
		})
	}
}

// showAll presses «Vis flere treff» until every hit shows, checking that
// focus moves to the first new hit each time, and returns the hits.
func showAll(t testing.TB, tab *browsertest.Tab) []hit {
	t.Helper()
	for browsertest.Eval[bool](t, tab, `!document.getElementById("search-more").hidden`) {
		n := browsertest.Eval[int](t, tab, `document.querySelectorAll("#search-results > li").length`)
		tab.Do(t, chromedp.Click(chromedp.CSS("#search-more")))
		tab.Wait(t, fmt.Sprintf(`document.querySelectorAll("#search-results > li").length > %d`, n))
		if !browsertest.Eval[bool](t, tab, fmt.Sprintf(`document.activeElement === document.querySelectorAll("#search-results > li")[%d].querySelector("h2 a")`, n)) {
			t.Errorf("after «Vis flere treff» focus is on %s", browsertest.Eval[string](t, tab, `document.activeElement.outerHTML.slice(0, 120)`))
		}
	}
	return browsertest.Eval[[]hit](t, tab, readHits)
}

// TestSearchFoldsLikeGo checks that search.js folds text exactly like
// search.Fold, which the Go tests pin down.
func TestSearchFoldsLikeGo(t *testing.T) {
	out := build(t, repoRoot)
	b := browsertest.New(t)
	tab := b.Tab(t)
	tab.Do(t, chromedp.Navigate(bases(t, out)["http"]+"sok.html"))
	inputs := []string{"Bærekraft", "baerekraft", "ØKONOMI", "oekonomi", "Målselv", "Maalselv", "Čáhcesuolu", "Plan- og bygningsloven § 10-1", "Sørreisa, Gamvik"}
	js, _ := json.Marshal(inputs)
	got := browsertest.Eval[[]string](t, tab, string(js)+`.map(s => window.HjelperenSearch.fold(s))`)
	for i, in := range inputs {
		if want := search.Fold(in); got[i] != want {
			t.Errorf("fold(%q): JavaScript %q, Go %q", in, got[i], want)
		}
	}
	tab.NoErrors(t)
}

// TestNynorskSearch uses the sample site, which has nynorsk pages: the
// nynorsk search page speaks nynorsk and finds the nynorsk variant.
func TestNynorskSearch(t *testing.T) {
	out := build(t, filepath.Join(repoRoot, "generator/testdata/sites/sample"))
	b := browsertest.New(t)
	tab := b.Tab(t)
	base := bases(t, out)["http"]
	tab.Do(t, chromedp.Navigate(base+"nn/tema/klimatilpasning.html"))
	action := browsertest.Eval[string](t, tab, `document.querySelector(".site-search").getAttribute("action")`)
	if action != "../sok.html" {
		t.Errorf("nynorsk header form submits to %q", action)
	}
	tab.Do(t, chromedp.Navigate(base+"nn/sok.html?q=klimatilpassing"))
	tab.Wait(t, `document.querySelectorAll("#search-results li").length > 0`)
	if lang := browsertest.Eval[string](t, tab, `document.documentElement.lang`); lang != "nn" {
		t.Errorf("lang = %q", lang)
	}
	// A page with no nynorsk version (anbefalinger/ledelse.md) is
	// found by its title, marked as bokmål.
	tab.Do(t, chromedp.Navigate(base+"nn/sok.html?q="+url.QueryEscape("Ledelse")))
	tab.Wait(t, `document.querySelectorAll("#search-results li").length > 0`)
	if got := browsertest.Eval[string](t, tab, `(document.querySelector("#search-results h2[lang]") || {}).lang || ""`); got != "nb" {
		t.Errorf("bokmål-only page in the nynorsk results: h2 lang = %q, want nb", got)
	}
	tab.Do(t, chromedp.Navigate(base+"nn/sok.html?q=klimatilpassing"))
	tab.Wait(t, `document.querySelectorAll("#search-results li").length > 0`)
	href := browsertest.Eval[string](t, tab, `document.querySelector("#search-results a").href`)
	if !strings.Contains(href, "/nn/tema/klimatilpasning.html") {
		t.Errorf("first nynorsk result links to %q", href)
	}
	tab.NoErrors(t)
}

// visibleRows counts the funding table rows that are shown.
const visibleRows = `[...document.querySelectorAll(".funding-table tbody tr")].filter(r => !r.hidden && r.offsetParent !== null).length`

func setValue(t testing.TB, tab *browsertest.Tab, id, v, event string) {
	t.Helper()
	browsertest.Eval[bool](t, tab, fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q;
		e.dispatchEvent(new Event(%q, {bubbles: true})); return true })()`, id, v, event))
}

func TestFundingFilter(t *testing.T) {
	out := build(t, repoRoot)
	b := browsertest.New(t)
	for mode, base := range bases(t, out) {
		t.Run(mode, func(t *testing.T) {
			tab := b.Tab(t)
			tab.Do(t, chromedp.Navigate(base+"virkemidler/index.html"))
			tab.Wait(t, `!document.getElementById("funding-filter").hidden`)
			total := browsertest.Eval[int](t, tab, visibleRows)
			if total < 10 {
				t.Fatalf("only %d rows", total)
			}
			// Every control has a label.
			unlabelled := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("#funding-filter select, #funding-filter input")].filter(e => !e.labels.length).map(e => e.id)`)
			if len(unlabelled) > 0 {
				t.Errorf("controls without label: %v", unlabelled)
			}

			setValue(t, tab, "ff-theme", "klimatilpasning", "change")
			n := browsertest.Eval[int](t, tab, visibleRows)
			if n == 0 || n >= total {
				t.Errorf("theme klimatilpasning shows %d of %d rows", n, total)
			}
			titles := browsertest.Eval[string](t, tab, `[...document.querySelectorAll(".funding-table tbody tr")].filter(r => !r.hidden).map(r => r.querySelector("th a").textContent).join(" | ")`)
			if !strings.Contains(strings.ToLower(titles), "klimatilpasning") {
				t.Errorf("no climate-adaptation scheme among %s", titles)
			}
			status := browsertest.Eval[string](t, tab, `document.getElementById("funding-status").textContent`)
			if want := fmt.Sprintf("Viser %d av %d virkemidler.", n, total); status != want {
				t.Errorf("status %q, want %q", status, want)
			}
			if got := browsertest.Eval[string](t, tab, `document.getElementById("funding-status").getAttribute("aria-live")`); got != "polite" {
				t.Errorf("status aria-live = %q", got)
			}

			// Owner and applicants match loosely (case, æøå).
			setValue(t, tab, "ff-theme", "", "change")
			setValue(t, tab, "ff-owner", "miljodirektoratet", "input")
			tab.Wait(t, visibleRows+` < `+fmt.Sprint(total))
			owners := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll(".funding-table tbody tr")].filter(r => !r.hidden).map(r => r.querySelector(".f-owner").textContent)`)
			for _, o := range owners {
				if !strings.Contains(o, "Miljødirektoratet") {
					t.Errorf("owner filter shows %q", o)
				}
			}
			setValue(t, tab, "ff-owner", "", "input")
			setValue(t, tab, "ff-dimension", "okonomi", "change")
			setValue(t, tab, "ff-applicants", "frivillig", "input")
			tab.Wait(t, visibleRows+` < `+fmt.Sprint(total))
			setValue(t, tab, "ff-applicants", "zzzz", "input")
			tab.Wait(t, `document.getElementById("funding-status").textContent.startsWith("Ingen virkemidler")`)

			// Reset shows everything again.
			tab.Do(t, chromedp.Click(chromedp.CSS(`#funding-filter button[type="reset"]`)))
			tab.Wait(t, visibleRows+` === `+fmt.Sprint(total))

			// A link with ?tema= opens the list filtered.
			tab.Do(t, chromedp.Navigate(base+"virkemidler/index.html?tema=klimatilpasning"))
			if got := browsertest.Eval[int](t, tab, visibleRows); got != n {
				t.Errorf("?tema=klimatilpasning shows %d rows, want %d", got, n)
			}
			tab.NoErrors(t)
		})
	}
}

// TestWithoutJavaScript: the funding table shows every row and no filter,
// and the search page explains that it needs JavaScript and links to the
// overviews.
func TestWithoutJavaScript(t *testing.T) {
	out := build(t, repoRoot)
	b := browsertest.New(t)
	tab := b.Tab(t)
	tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	base := bases(t, out)["http"]
	tab.Do(t, chromedp.Navigate(base+"virkemidler/index.html"))
	if browsertest.Eval[bool](t, tab, `document.getElementById("funding-filter").offsetParent !== null`) {
		t.Error("the filter form shows without JavaScript")
	}
	rows := browsertest.Eval[int](t, tab, `document.querySelectorAll(".funding-table tbody tr").length`)
	if got := browsertest.Eval[int](t, tab, visibleRows); got != rows || rows == 0 {
		t.Errorf("%d of %d rows show without JavaScript", got, rows)
	}
	// Every row shows, on the overview itself, the owner with a link to
	// the scheme at the owner, the deadline, when it was checked and the
	// dimension (issue 15).
	missing := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll(".funding-table tbody tr")].flatMap(tr => {
		const name = tr.querySelector("th a").textContent, out = [];
		const shown = el => el && el.offsetParent !== null && el.textContent.trim() !== "";
		if (!shown(tr.querySelector(".f-owner"))) out.push(name + ": owner");
		const link = tr.querySelector(".f-link a");
		if (!shown(link) || !link.href.startsWith("https://") || link.host === location.host) out.push(name + ": owner link");
		if (!shown(tr.querySelector(".f-deadline"))) out.push(name + ": deadline");
		if (!shown(tr.querySelector(".f-checked"))) out.push(name + ": checked");
		if (!shown(tr.querySelector(".f-dimensions a"))) out.push(name + ": dimension");
		return out;
	})`)
	for _, m := range missing {
		t.Errorf("without JavaScript the overview does not show %s", m)
	}
	if dates := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll(".f-checked")].map(e => e.textContent).filter(s => /\d{4}-\d{2}-\d{2}/.test(s))`); len(dates) > 0 {
		t.Errorf("dates in ISO form on the overview: %q", dates)
	}
	tab.Do(t, chromedp.Navigate(base+"sok.html?q=bolig"))
	notice := browsertest.Eval[string](t, tab, `(() => { const n = document.querySelector(".search-nojs"); return n.offsetParent ? n.textContent : "" })()`)
	if !strings.Contains(notice, "trenger JavaScript") || !strings.Contains(notice, "Virkemidler") {
		t.Errorf("no-JavaScript notice: %q", notice)
	}
	if browsertest.Eval[bool](t, tab, `document.getElementById("search-form").offsetParent !== null`) {
		t.Error("the search form shows without JavaScript")
	}
}

// TestAxe runs axe-core on the search page (empty and with results), the
// filtered funding overview and the theme overview, in light and dark.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		browsertest.SkipOrFail(t, "node_modules/axe-core is missing; run `npm ci` in the repository root")
	}
	out := build(t, repoRoot)
	base := bases(t, out)["http"]
	b := browsertest.New(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, page := range []string{"sok.html", "sok.html?q=barekraft", "sok.html?q=xqzv", "virkemidler/index.html?tema=klimatilpasning", "tema/index.html"} {
			t.Run(scheme+"/"+page, func(t *testing.T) {
				tab := b.Tab(t)
				tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
					return err
				}), chromedp.Navigate(base+page))
				browsertest.Eval[bool](t, tab, string(src)+";true")
				v := browsertest.Eval[[]string](t, tab, `axe.run(document, {resultTypes: ["violations"]}).then(r =>
					r.violations.map(v => v.id + ": " + v.help + " — " + v.nodes.map(n => n.target.join(" ")).slice(0, 5).join(", ")))`)
				if len(v) > 0 {
					t.Errorf("%s (%s):\n%s", page, scheme, strings.Join(v, "\n"))
				}
				tab.NoErrors(t)
			})
		}
	}
}
