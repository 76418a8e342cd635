package crawltest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// switchServer serves a folder under subpath and can be switched off:
// then every request is cut without an answer, as with no network, and
// recorded.
type switchServer struct {
	url     string // the site root
	offline atomic.Bool

	mu     sync.Mutex
	missed []string // paths asked for while offline
}

func newSwitchServer(t *testing.T, dir string) *switchServer {
	t.Helper()
	s := &switchServer{}
	files := http.StripPrefix(strings.TrimSuffix(subpath, "/"), http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.offline.Load() {
			s.mu.Lock()
			s.missed = append(s.missed, r.URL.Path)
			s.mu.Unlock()
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			http.Error(w, "offline", http.StatusServiceUnavailable)
			return
		}
		if !strings.HasPrefix(r.URL.Path, subpath) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.url = srv.URL + subpath
	return s
}

// setOffline switches the network off or on and returns the paths asked
// for while it was off.
func (s *switchServer) setOffline(off bool) []string {
	s.offline.Store(off)
	s.mu.Lock()
	defer s.mu.Unlock()
	missed := s.missed
	s.missed = nil
	return missed
}

var swVersionRe = regexp.MustCompile(`const VERSION = "([0-9a-f]+)";`)
var swFilesRe = regexp.MustCompile(`\["[^"]+","[0-9a-f]{8}"\]`)

// swInfo returns the cache version and the number of precached files
// named in the service worker of the built site in dir.
func swInfo(t *testing.T, dir string) (version string, files int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, generator.ServiceWorkerFile))
	if err != nil {
		t.Fatalf("no service worker: %v", err)
	}
	m := swVersionRe.FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s has no VERSION", generator.ServiceWorkerFile)
	}
	return string(m[1]), len(swFilesRe.FindAll(data, -1))
}

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
			if !strings.HasPrefix(info.Name(), ".") && info.Mode().IsRegular() {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// waitCache is JavaScript that waits until the page is controlled by an
// active service worker and the cache named %q is the only cache of the
// site, then returns the number of entries in it (or -1 on timeout).
const waitCache = `(async () => {
	const name = %q;
	await navigator.serviceWorker.ready;
	for (let i = 0; i < 300; i++) {
		const keys = await caches.keys();
		if (navigator.serviceWorker.controller && keys.length === 1 && keys[0] === name) {
			return (await (await caches.open(name)).keys()).length;
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return -1;
})()`

// pageState is JavaScript describing the loaded page: its title, whether
// site.js ran, whether the stylesheet applied and whether the worksheet
// app started.
const pageState = `(() => ({
	title: document.title,
	js: document.documentElement.classList.contains("js"),
	css: [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0 } catch (e) { return false } }),
	worksheet: !!document.querySelector("#ws-current"),
	text: document.body.textContent,
	controlled: !!navigator.serviceWorker.controller,
}))()`

type pageInfo struct {
	Title      string `json:"title"`
	JS         bool   `json:"js"`
	CSS        bool   `json:"css"`
	Worksheet  bool   `json:"worksheet"`
	Text       string `json:"text"`
	Controlled bool   `json:"controlled"`
}

// TestOffline visits the front page once over http under a subpath, then
// cuts the network: worksheet and theme pages must load from the service
// worker's cache with their styles and scripts. A second build with
// changed content must give a new cache version that replaces the old
// cache, while an open worksheet keeps its answers.
func TestOffline(t *testing.T) {
	b := browsertest.New(t)
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(t.Context(), generator.Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	srv := newSwitchServer(t, dest)
	v1, n1 := swInfo(t, dest)
	cache1 := "hjelperen:" + srv.url + ":" + v1

	tab := b.Tab(t)
	tab.Do(t, chromedp.Navigate(srv.url+"index.html"))
	if got := browsertest.Eval[int](t, tab, fmt.Sprintf(waitCache, cache1)); got != n1 {
		t.Fatalf("cache %s holds %d files, want %d", cache1, got, n1)
	}
	t.Logf("precached %d files in %s", n1, cache1)

	pages := []struct {
		path      string
		worksheet bool
	}{
		{"arbeidsskjema/saksbehandling.html", true},
		{"tema/klimatilpasning.html", false},
		{"virkemidler/index.html", false},
		{"index.html", false},
	}
	srv.setOffline(true)
	for _, p := range pages {
		tab.Do(t, chromedp.Navigate(srv.url+p.path))
		if p.worksheet {
			tab.Do(t, chromedp.WaitVisible(chromedp.CSS("#ws-current")))
		}
		got := browsertest.Eval[pageInfo](t, tab, pageState)
		if !got.JS || !got.CSS || !got.Controlled || got.Worksheet != p.worksheet || got.Title == "" {
			t.Errorf("offline %s: title %q, site.js ran %v, stylesheet %v, worksheet app %v (want %v), controlled %v",
				p.path, got.Title, got.JS, got.CSS, got.Worksheet, p.worksheet, got.Controlled)
		}
	}
	for _, m := range srv.setOffline(false) {
		if !strings.HasSuffix(m, "/favicon.ico") && !strings.HasSuffix(m, "/"+generator.ServiceWorkerFile) {
			t.Errorf("offline, the browser still asked the network for %s", m)
		}
	}

	// An open worksheet with an answer, kept open through the update.
	ws := b.Tab(t)
	ws.Do(t, chromedp.Navigate(srv.url+"arbeidsskjema/saksbehandling.html"), chromedp.WaitVisible(chromedp.CSS("#ws-current")))
	browsertest.Eval[bool](t, ws, `(() => {
		const s = document.querySelector(".ws-question select");
		s.value = [...s.options].map((o) => o.value).filter((v) => v)[0];
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true })()`)
	storage := `(() => { const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o })()`
	before := browsertest.Eval[map[string]string](t, ws, storage)
	if len(before) == 0 {
		t.Fatal("answering a question stored nothing in localStorage")
	}

	// A new build with changed content.
	const marker = "Ny tekst fra andre bygg for frakoblet test."
	theme := filepath.Join(src, "content", "tema", "klimatilpasning.md")
	data, err := os.ReadFile(theme)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(theme, append(data, "\n\n"+marker+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Build(t.Context(), generator.Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	v2, n2 := swInfo(t, dest)
	if v2 == v1 {
		t.Fatalf("changed content kept the cache version %s", v1)
	}
	cache2 := "hjelperen:" + srv.url + ":" + v2
	browsertest.Eval[bool](t, tab, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
	if got := browsertest.Eval[int](t, tab, fmt.Sprintf(waitCache, cache2)); got != n2 {
		t.Fatalf("after the new build: cache %s holds %d files (want %d); caches: %v", cache2, got, n2,
			browsertest.Eval[[]string](t, tab, `caches.keys()`))
	}

	// The open worksheet still works and its answers are all there.
	after := browsertest.Eval[map[string]string](t, ws, storage)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("localStorage %s changed with the update: %.80q, was %.80q", k, after[k], v)
		}
	}
	if !browsertest.Eval[bool](t, ws, `!!document.querySelector("#ws-current") && !!navigator.serviceWorker.controller`) {
		t.Error("the open worksheet lost its app or its service worker after the update")
	}

	// Offline again, the new content comes from the new cache.
	srv.setOffline(true)
	tab.Do(t, chromedp.Navigate(srv.url+"tema/klimatilpasning.html"))
	if got := browsertest.Eval[pageInfo](t, tab, pageState); !strings.Contains(got.Text, marker) || !got.CSS {
		t.Errorf("offline after the update: the theme page lacks the new text (stylesheet %v)", got.CSS)
	}
	srv.setOffline(false)
	tab.NoErrors(t)
	ws.NoErrors(t)
}
