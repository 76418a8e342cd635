// Package offlinetest checks the toolbox on slow and metered networks and
// without a network, in headless Chromium: what a first visit downloads,
// the shell and the «Gjør hele verktøykassa tilgjengelig uten nett»
// action of the service worker (themes/default/static/sw.js), a
// worksheet whose script does not start, the 404 page under another
// prefix than production's, and an update of the site.
//
// Every test waits for events and states in the page (the worker ready,
// its status messages, the cache contents); none sleeps.
package offlinetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// source is the repository root, the real site.
const source = "../.."

// prefix is where the tests serve the site: not production's path
// (/nb/troms-finnmark/baerekraft/), as in a preview or on a mirror.
const prefix = "/forhandsvisning/hjelperen/"

// budget is the most a first visit to a funding page may download, the
// service worker's shell included.
const budget = 300 << 10

// copySite copies the real site's sources to a temporary folder that the
// test may change.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"hjelperen.toml", "content", "static", "themes"} {
		from := filepath.Join(source, name)
		if _, err := os.Stat(from); err != nil {
			continue
		}
		err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(source, p)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			if strings.HasPrefix(info.Name(), ".") || !info.Mode().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// build builds the site in src into dest.
func build(t *testing.T, src, dest string) {
	t.Helper()
	if _, err := generator.Build(t.Context(), generator.Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
}

// strings returns the interface strings of a language of the theme.
func uiStrings(t *testing.T, lang string) map[string]string {
	t.Helper()
	var m map[string]string
	if _, err := toml.DecodeFile(filepath.Join(source, "themes", "default", "i18n", lang+".toml"), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// throttle makes the tab's network slow, like mobile data far from the
// mast: 400 ms latency, 400 kbit/s down.
func throttle(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: 400, DownloadThroughput: 50_000, UploadThroughput: 20_000}},
		})
		return err
	}))
}

// waitWorker waits until the page is controlled by an active service
// worker (whose install, which caches the shell, is then done) and returns
// the URLs in the site's cache.
const waitWorker = `(async () => {
	await navigator.serviceWorker.ready;
	if (!navigator.serviceWorker.controller) {
		await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, {once: true}));
	}
	return cached();
})()`

// cachedJS defines cached(), which returns the URLs in the site's caches.
const cachedJS = `window.cached = async () => {
	const out = [];
	for (const name of await caches.keys()) {
		for (const r of await (await caches.open(name)).keys()) out.push(r.url);
	}
	return out.sort();
}; true`

// status waits for the service worker's status message that satisfies
// the JavaScript condition %s on s, asking for one first.
const waitStatus = `new Promise((resolve) => {
	const on = (e) => {
		const s = e.data;
		if (s && s.type === "offline-status" && (%s)) {
			navigator.serviceWorker.removeEventListener("message", on);
			resolve(s);
		}
	};
	navigator.serviceWorker.addEventListener("message", on);
	navigator.serviceWorker.addEventListener("controllerchange", () => navigator.serviceWorker.controller.postMessage({type: "status"}));
	navigator.serviceWorker.ready.then((r) => r.active.postMessage({type: "status"}));
})`

// waitActivated waits until the worker controlling the page is activated.
const waitActivated = `(async () => {
	const sw = navigator.serviceWorker.controller;
	if (sw.state !== "activated") await new Promise((r) => sw.addEventListener("statechange", () => sw.state === "activated" && r()));
	return true })()`

type status struct {
	Pages       int             `json:"pages"`
	PagesCached int             `json:"pagesCached"`
	Bytes       int             `json:"bytes"`
	Version     string          `json:"version"`
	Index       map[string]bool `json:"index"`
	Shell       map[string]bool `json:"shell"`
	SaveData    bool            `json:"saveData"`
	Busy        bool            `json:"busy"`
	Failed      bool            `json:"failed"`
}

func open(t *testing.T, tab *browsertest.Tab, url string) {
	t.Helper()
	tab.Do(t, chromedp.Navigate(url))
	browsertest.Eval[bool](t, tab, cachedJS)
}

// pages returns the output paths of every page of the built site.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// pageState describes the loaded page.
const pageState = `(() => ({
	title: document.title,
	css: [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0 } catch (e) { return false } }),
	js: document.documentElement.classList.contains("js"),
	offline: document.documentElement.hasAttribute("data-offline"),
	visibleH1: [...document.querySelectorAll("h1")].filter((h) => h.offsetParent !== null).map((h) => h.textContent),
	controlled: !!navigator.serviceWorker.controller,
}))()`

type pageInfo struct {
	Title      string   `json:"title"`
	CSS        bool     `json:"css"`
	JS         bool     `json:"js"`
	Offline    bool     `json:"offline"`
	VisibleH1  []string `json:"visibleH1"`
	Controlled bool     `json:"controlled"`
}

// TestFirstVisit opens one funding page on a slow network: all the
// visitor downloads, the service worker's shell included, must stay under
// budget. Offline afterwards, the front page, the worksheets and the
// search page open; a page never visited gives the 404 page saying it is
// not saved, with styles and working links under the test's prefix.
func TestFirstVisit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, copySite(t), dest)
	srv := newServer(t, dest, prefix)
	b := browsertest.New(t)
	tab := b.Tab(t)
	throttle(t, tab)
	pageBytes := countPage(t, tab)

	open(t, tab, srv.url+"virkemidler/bygdevekstavtaler.html")
	browsertest.Eval[[]string](t, tab, waitWorker)
	browsertest.Eval[status](t, tab, fmt.Sprintf(waitStatus, "s.shell.nb"))
	got := browsertest.Eval[[]string](t, tab, `cached()`)
	sent, paths := srv.reset()
	page := pageBytes()
	t.Logf("per file:\n%s", perPath(paths))
	t.Logf("first visit to a funding page: %d bytes (%.1f KB) sent in %d files, the service worker's included; %d files cached", sent, float64(sent)/1024, len(paths), len(got))
	t.Logf("of which the page's own requests, as Chromium counts them (CDP Network.loadingFinished): %d bytes (%.1f KB)", page, float64(page)/1024)
	if sent >= budget || page >= budget {
		t.Errorf("first visit downloaded %d bytes (the page's own %d), want < %d:\n%s", sent, page, budget, perPath(paths))
	}
	have := map[string]bool{}
	for _, u := range got {
		have[strings.TrimPrefix(u, srv.url)] = true
	}
	for _, want := range []string{"index.html", "arbeidsskjema/index.html", "arbeidsskjema/saksbehandling.html", "sok.html", "404.html"} {
		if !have[want] {
			t.Errorf("the shell lacks %s", want)
		}
	}
	for _, not := range []string{"tema/klimatilpasning.html", "nn/arbeidsskjema/saksbehandling.html", "virkemidler/index.html"} {
		if have[not] {
			t.Errorf("the first visit cached %s, which is neither visited nor in the shell", not)
		}
	}

	srv.setOffline(true)
	for _, p := range []string{"index.html", "arbeidsskjema/saksbehandling.html", "virkemidler/bygdevekstavtaler.html"} {
		open(t, tab, srv.url+p)
		if p == "arbeidsskjema/saksbehandling.html" {
			tab.Do(t, chromedp.WaitVisible(chromedp.CSS("#ws-current")))
		}
		if got := browsertest.Eval[pageInfo](t, tab, pageState); !got.CSS || !got.JS || got.Offline || got.Title == "" {
			t.Errorf("offline %s: %+v", p, got)
		}
	}

	// A page not saved, deeper than the site's folder.
	nb := uiStrings(t, "nb")
	open(t, tab, srv.url+"tema/klimatilpasning.html")
	got404 := browsertest.Eval[pageInfo](t, tab, pageState)
	if !got404.Offline || !got404.CSS || len(got404.VisibleH1) != 1 || got404.VisibleH1[0] != nb["not_saved_title"] {
		t.Errorf("offline, a page not saved: %+v, want the 404 page with its styles and the heading %q", got404, nb["not_saved_title"])
	}
	home := browsertest.Eval[string](t, tab, `document.querySelector(".not-found a.button").href`)
	if home != srv.url+"index.html" {
		t.Errorf("offline 404 page links to the front page as %s, want %s", home, srv.url+"index.html")
	}
	tab.Do(t, chromedp.Click(chromedp.CSS(".not-found a.button")), chromedp.WaitVisible(chromedp.CSS(".kind-home")))
	srv.setOffline(false)

	// Online, an address the server does not have, two folders deep.
	open(t, tab, srv.url+"tema/gammel/side.html")
	gone := browsertest.Eval[pageInfo](t, tab, pageState)
	if gone.Offline || !gone.CSS || len(gone.VisibleH1) != 1 || gone.VisibleH1[0] != nb["not_found_title"] {
		t.Errorf("a missing page: %+v, want the 404 page with its styles and the heading %q", gone, nb["not_found_title"])
	}
	for _, href := range browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("link[rel=stylesheet], .main-nav a")].map((a) => a.href)`) {
		if !strings.HasPrefix(href, srv.url) || strings.Contains(href, "/gammel/") || strings.Contains(href, "/tema/css") {
			t.Errorf("404 page at depth 2 links to %s", href)
		}
	}
	noErrors(t, tab)
}

// noErrors fails t when the tab logged errors other than the browser's
// note that a page answered 404, which the 404 pages here do on purpose.
func noErrors(t *testing.T, tabs ...*browsertest.Tab) {
	t.Helper()
	for _, tab := range tabs {
		for _, e := range tab.Errors() {
			if !strings.Contains(e, "status of 404 (Not Found)") {
				t.Errorf("the page logged an error: %s", e)
			}
		}
	}
}

// countPage counts the bytes Chromium receives for the tab's own requests
// from now on; the returned func gives the count so far. The service
// worker is another target, which starts fetching as soon as it is
// registered, before a test could attach to it: the test server, which
// sees every byte, counts its fetches.
func countPage(t *testing.T, tab *browsertest.Tab) func() int {
	t.Helper()
	ctx, cancel := context.WithCancel(tab.Ctx)
	t.Cleanup(cancel)
	var mu sync.Mutex
	total := 0
	events := chromedp.Events(ctx, network.LoadingFinished)
	ready := make(chan struct{})
	go func() {
		close(ready)
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			total += int(ev.EncodedDataLength)
			mu.Unlock()
		}
	}()
	<-ready
	return func() int {
		mu.Lock()
		defer mu.Unlock()
		return total
	}
}

func perPath(m map[string]int) string {
	var lines []string
	for p, n := range m {
		lines = append(lines, fmt.Sprintf("%8d %s", n, p))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestWholeToolbox asks for the whole toolbox with the button in the
// footer and then opens every page and worksheet offline.
func TestWholeToolbox(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, copySite(t), dest)
	srv := newServer(t, dest, prefix)
	all := pages(t, dest)
	b := browsertest.New(t)
	tab := b.Tab(t)
	throttle(t, tab)
	open(t, tab, srv.url+"om.html")
	browsertest.Eval[[]string](t, tab, waitWorker)
	browsertest.Eval[status](t, tab, fmt.Sprintf(waitStatus, "s.shell.nb"))
	srv.reset()

	nb := uiStrings(t, "nb")
	tab.Do(t, chromedp.WaitVisible(chromedp.CSS("[data-offline-all]")))
	label := browsertest.Eval[string](t, tab, `document.querySelector("[data-offline-all]").textContent`)
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(strings.Replace(nb["offline_all"], "{mb}", "", 1)[:40]) + `.*\(\d+,\d MB\)$`).MatchString(label) {
		t.Errorf("button reads %q, want %q with the size", label, nb["offline_all"])
	}
	tab.Do(t, chromedp.Click(chromedp.CSS("[data-offline-all]")))
	s := browsertest.Eval[status](t, tab, fmt.Sprintf(waitStatus, "!s.busy && (s.failed || s.pagesCached === s.pages)"))
	sent, _ := srv.reset()
	t.Logf("the whole toolbox: %d pages, %d bytes after the first visit (the button said %q)", s.Pages, sent, label)
	if s.Failed || s.Pages != len(all) || s.PagesCached != len(all) {
		t.Fatalf("after the button: %+v, want all %d pages cached", s, len(all))
	}
	want := strings.NewReplacer("{n}", fmt.Sprint(len(all)), "{total}", fmt.Sprint(len(all))).Replace(nb["offline_status"])
	statusReads(t, tab, want)
	if browsertest.Eval[bool](t, tab, `!document.querySelector("[data-offline-all]").hidden`) {
		t.Error("the button is still shown with everything cached")
	}

	srv.setOffline(true)
	defer srv.setOffline(false)
	for _, p := range all {
		open(t, tab, srv.url+p)
		if strings.Contains(p, "arbeidsskjema/") && !strings.HasSuffix(p, "index.html") {
			tab.Do(t, chromedp.WaitVisible(chromedp.CSS("#ws-current")))
		}
		got := browsertest.Eval[pageInfo](t, tab, pageState)
		if !got.CSS || !got.JS || got.Offline || got.Title == "" || !got.Controlled {
			t.Errorf("offline %s: %+v", p, got)
		}
	}
	// Searching works offline too.
	open(t, tab, srv.url+"sok.html")
	if hits := browsertest.Eval[[]string](t, tab, `window.HjelperenSearch.search("klimatilpasning")`); len(hits) == 0 {
		t.Error("offline, a search for klimatilpasning found nothing")
	}
	noErrors(t, tab)
}

// TestSaveData visits pages with the browser saving data: the service
// worker keeps what is opened, with its styles and scripts, and fetches
// nothing else. After a new build with a changed stylesheet (a new name),
// the pages kept still have their styles offline.
func TestSaveData(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	srv := newServer(t, dest, prefix)
	b := browsertest.New(t)
	tab := b.Tab(t)
	tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetDataSaverOverride, emulation.SetDataSaverOverrideParams{DataSaverEnabled: new(true)})
		return err
	}))
	open(t, tab, srv.url+"virkemidler/bygdevekstavtaler.html")
	if !browsertest.Eval[bool](t, tab, `navigator.connection.saveData`) {
		t.Fatal("the data saver override did not reach the page")
	}
	browsertest.Eval[[]string](t, tab, waitWorker)
	s := browsertest.Eval[status](t, tab, fmt.Sprintf(waitStatus, "s.saveData"))
	open(t, tab, srv.url+"om.html")
	browsertest.Eval[status](t, tab, fmt.Sprintf(waitStatus, "s.pagesCached === 2"))
	var pages []string
	for _, u := range browsertest.Eval[[]string](t, tab, `cached()`) {
		if strings.HasSuffix(u, ".html") {
			pages = append(pages, strings.TrimPrefix(u, srv.url))
		}
	}
	sent, _ := srv.reset()
	t.Logf("saving data, two pages: %d bytes (%.1f KB) sent", sent, float64(sent)/1024)
	// The pages opened work offline, with their styles and scripts, also
	// after an update that renames the stylesheet.
	offline := func(when string) {
		srv.setOffline(true)
		defer srv.setOffline(false)
		for _, p := range []string{"virkemidler/bygdevekstavtaler.html", "om.html"} {
			open(t, tab, srv.url+p)
			if got := browsertest.Eval[pageInfo](t, tab, pageState); !got.CSS || !got.JS || got.Offline {
				t.Errorf("saving data, offline %s %s: %+v", when, p, got)
			}
		}
	}
	offline("before the update")
	css := filepath.Join(src, "themes", "default", "static", "css", "site.css")
	data, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(data, "\n.offline-test-rule { color: inherit; }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, src, dest)
	browsertest.Eval[status](t, tab, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => `+
		fmt.Sprintf(waitStatus, "s.version !== "+fmt.Sprintf("%q", s.Version))+`)`)
	browsertest.Eval[bool](t, tab, waitActivated)
	offline("after the update")
	if want := []string{"om.html", "virkemidler/bygdevekstavtaler.html"}; !slices.Equal(pages, want) || len(s.Shell) != 0 {
		t.Errorf("saving data, the worker keeps the pages %v and the shells %v, want only the pages opened %v", pages, s.Shell, want)
	}
	want := strings.Replace(uiStrings(t, "nb")["offline_status"], "{total}", fmt.Sprint(s.Pages), 1)
	want = strings.Replace(want, "{n}", "2", 1) + " " + uiStrings(t, "nb")["offline_save_data"]
	statusReads(t, tab, want)
	noErrors(t, tab)
}

// TestWorksheetBlocked blocks worksheet.js: the page must say that the
// form could not start and show every question and rule, on screen and
// when printed.
func TestWorksheetBlocked(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, copySite(t), dest)
	srv := newServer(t, dest, prefix)
	html, err := os.ReadFile(filepath.Join(dest, "arbeidsskjema", "saksbehandling.html"))
	if err != nil {
		t.Fatal(err)
	}
	questions := strings.Count(string(html), `class="ws-question"`)
	rules := strings.Count(string(html), `class="ws-rules"`)
	for _, lang := range []string{"nb", "nn"} {
		t.Run(lang, func(t *testing.T) {
			page := "arbeidsskjema/saksbehandling.html"
			if lang != "nb" {
				page = lang + "/" + page
			}
			b := browsertest.New(t)
			tab := b.Tab(t)
			tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
					return err
				}
				_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
					URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*/js/worksheet.*.js", Block: true}},
				})
				return err
			}))
			tab.Do(t, chromedp.Navigate(srv.url+page))
			browsertest.Eval[bool](t, tab, `new Promise((r) => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`)
			type state struct {
				Broken    bool   `json:"broken"`
				Notice    string `json:"notice"`
				Questions int    `json:"questions"`
				Rules     int    `json:"rules"`
				Pending   int    `json:"pending"`
			}
			const look = `(() => ({
				broken: document.documentElement.classList.contains("ws-broken"),
				notice: (() => { const n = document.getElementById("ws-nojs"); return n && n.offsetParent !== null ? n.textContent : "" })(),
				questions: [...document.querySelectorAll(".ws-question > label[for^='q-']")].filter((l) => l.offsetParent !== null && l.textContent.trim()).length,
				rules: [...document.querySelectorAll(".ws-rules")].filter((r) => r.offsetParent !== null).length,
				pending: document.querySelectorAll(".ws-theme noscript, .ws-pending").length,
			}))()`
			want := state{Broken: true, Notice: uiStrings(t, lang)["ws_failed"], Questions: questions, Rules: rules}
			if got := browsertest.Eval[state](t, tab, look); got != want {
				t.Errorf("worksheet.js blocked: %+v, want %+v", got, want)
			}
			tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
				return err
			}))
			if got := browsertest.Eval[state](t, tab, look); got.Questions != questions || got.Rules != rules {
				t.Errorf("printed with worksheet.js blocked: %d questions and %d rules shown, want %d and %d", got.Questions, got.Rules, questions, rules)
			}
		})
	}
}

// TestUpdate rebuilds the site while a search page and a worksheet with an
// answer are open. A reload must never pair a page with a search index of
// another build (every file of the index is named by its content, so a
// page of one build with the index of another finds no shards), the new
// version must replace the old cache, and the answers stay.
func TestUpdate(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	srv := newServer(t, dest, prefix)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, srv.url+"sok.html")
	browsertest.Eval[[]string](t, tab, waitWorker)
	// The search page has the worker keep the whole search index.
	v1 := browsertest.Eval[status](t, tab, fmt.Sprintf(waitStatus, "s.index && s.index.nb")).Version

	ws := b.Tab(t)
	ws.Do(t, chromedp.Navigate(srv.url+"arbeidsskjema/saksbehandling.html"), chromedp.WaitVisible(chromedp.CSS("#ws-current")))
	browsertest.Eval[bool](t, ws, `(() => {
		const s = document.querySelector(".ws-question select");
		s.value = [...s.options].map((o) => o.value).filter((v) => v)[0];
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true })()`)
	const storage = `(() => { const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o })()`
	before := browsertest.Eval[map[string]string](t, ws, storage)
	if len(before) == 0 {
		t.Fatal("answering a question stored nothing in localStorage")
	}

	// A new build with a new word in a theme page.
	const word = "frakoblingsprovetekst"
	theme := filepath.Join(src, "content", "tema", "klimatilpasning.md")
	data, err := os.ReadFile(theme)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(theme, append(data, "\n\nEt nytt ord: "+word+".\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, src, dest)

	// The page and its index come from one build, whichever worker
	// answers: its entry is the one the page names, and a search finds
	// hits (the shards it names load).
	const pair = `(async () => {
		const named = document.querySelector('script[src*="js/search/"]').src;
		const hits = await window.HjelperenSearch.search("klimatilpasning");
		return {named, loaded: window.HJELPEREN_SEARCH.src, hits: hits.length};
	})()`
	type pairing struct {
		Named, Loaded string
		Hits          int
	}
	for i := 0; i < 2; i++ {
		tab.Do(t, chromedp.Reload())
		if got := browsertest.Eval[pairing](t, tab, pair); got.Named != got.Loaded || got.Hits == 0 {
			t.Errorf("reload %d after the rebuild: %+v", i+1, got)
		}
	}

	// The new worker takes over, with a cache of the new version only.
	v2 := browsertest.Eval[status](t, tab, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => `+
		fmt.Sprintf(waitStatus, "s.version !== "+fmt.Sprintf("%q", v1))+`)`).Version
	// Its activation (which deletes the old cache) is over.
	browsertest.Eval[bool](t, tab, waitActivated)
	names := browsertest.Eval[[]string](t, tab, `caches.keys()`)
	if len(names) != 1 || !strings.HasSuffix(names[0], ":"+v2) {
		t.Errorf("after the update the caches are %v, want only the one of version %s; their files: %v", names, v2,
			browsertest.Eval[map[string]int](t, tab, `(async () => { const o = {}; for (const n of await caches.keys()) o[n] = (await (await caches.open(n)).keys()).length; return o })()`))
	}
	tab.Do(t, chromedp.Reload())
	if got := browsertest.Eval[pairing](t, tab, pair); got.Named != got.Loaded || got.Hits == 0 {
		t.Errorf("reload after the update: %+v", got)
	}
	if hits := browsertest.Eval[[]string](t, tab, fmt.Sprintf(`window.HjelperenSearch.search(%q)`, word)); len(hits) != 1 {
		t.Errorf("after the update a search for the new word found %v, want the theme page", hits)
	}

	after := browsertest.Eval[map[string]string](t, ws, storage)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("localStorage %s changed with the update: %.80q, was %.80q", k, after[k], v)
		}
	}
	// Offline, the search page and its index come from the new cache.
	srv.setOffline(true)
	defer srv.setOffline(false)
	tab.Do(t, chromedp.Reload())
	if hits := browsertest.Eval[[]string](t, tab, fmt.Sprintf(`window.HjelperenSearch.search(%q)`, word)); len(hits) != 1 {
		t.Errorf("offline after the update a search for the new word found %v", hits)
	}
	noErrors(t, tab, ws)
}

// statusReads waits until the page's offline status reads want. The page
// writes it when the worker's status message reaches it, which can be
// after the test's own answer from the worker; the wait is bounded by the
// tab's Timeout.
func statusReads(t *testing.T, tab *browsertest.Tab, want string) {
	t.Helper()
	const text = `document.querySelector("[data-offline-status]").textContent`
	ctx, cancel := context.WithTimeout(tab.Ctx, tab.Timeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](text+" === "+strconv.Quote(want),
		chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(tab.Timeout))); err != nil {
		t.Errorf("status reads %q, want %q (%v)", browsertest.Eval[string](t, tab, text), want, err)
	}
}
