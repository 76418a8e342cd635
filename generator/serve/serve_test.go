package serve

import (
	"bufio"
	"context"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/watch"
)

func newServer(t *testing.T, site string) (*Server, *httptest.Server) {
	t.Helper()
	s := New(Options{Build: generator.Options{Source: site, Dest: filepath.Join(site, "public")}})
	if err := s.Rebuild(); err != nil {
		t.Fatalf("first build: %v", err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close)
	return s, ts
}

// patience bounds every wait of these tests. It only turns a hang into a
// failure with a message; on a loaded machine a rebuild can take seconds.
const patience = 2 * time.Minute

// recv receives from c, failing t when nothing comes within patience.
func recv[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(patience):
		t.Fatalf("no %s within %v", what, patience)
		var zero T
		return zero
	}
}

// watching runs s.Watch until the test ends and returns once the watcher
// sees changes (watch.New has returned).
func watching(t *testing.T, s *Server) {
	t.Helper()
	started := make(chan struct{})
	newWatcher := s.newWatcher
	s.newWatcher = func(o watch.Options) (*watch.Watcher, error) {
		defer close(started)
		return newWatcher(o)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	failed := make(chan error, 1)
	go func() { failed <- s.Watch(ctx) }()
	select {
	case <-started:
	case err := <-failed:
		t.Fatalf("watch: %v", err)
	case <-time.After(patience):
		t.Fatalf("the watcher did not start within %v", patience)
	}
}

// save replaces a file the way most editors do: write a hidden temporary
// file, then rename it over the old one. The watcher sees one change.
func save(t *testing.T, name, content string) {
	t.Helper()
	if err := writeAtomic(name, content); err != nil {
		t.Fatal(err)
	}
}

func writeAtomic(name, content string) error {
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServesUnderBasePath(t *testing.T) {
	s, ts := newServer(t, testsite.Copy(t, "../testdata/sites/sample"))
	base := ts.URL + s.BasePath()
	if s.BasePath() != "/nb/troms-finnmark/baerekraft/" {
		t.Fatalf("BasePath = %q", s.BasePath())
	}
	code, body := get(t, base)
	if code != 200 || !strings.Contains(body, "<h1>Bærekrafthjelperen</h1>") {
		t.Errorf("GET base = %d", code)
	}
	if !strings.Contains(body, `src="/nb/troms-finnmark/baerekraft/_hjelperen/reload.js"`) {
		t.Error("reload script not injected")
	}
	if code, _ := get(t, base+"_hjelperen/reload.js"); code != 200 {
		t.Errorf("reload.js = %d", code)
	}
	if code, body := get(t, base+"finnes-ikke.html"); code != 404 || !strings.Contains(body, "Fant ikke siden") {
		t.Errorf("missing page = %d", code)
	}
	// Deeper, the 404 page's links (relative to the site's folder) are
	// made relative to the address asked for.
	if code, body := get(t, base+"tema/gammel/side.html"); code != 404 || !strings.Contains(body, `href="../../index.html"`) || !strings.Contains(body, `href="#main"`) {
		t.Errorf("missing page two folders deep = %d, links not made relative to it:\n%s", code, body)
	}
	if code, _ := get(t, ts.URL+"/om.html"); code != 404 {
		t.Errorf("page outside base path = %d, want 404", code)
	}
}

func TestRebase(t *testing.T) {
	page := `<link rel="stylesheet" href="css/a.css"><script src="js/b.js" defer></script><a href="#main">x</a>` +
		`<a href="index.html">y</a><a href="mailto:a@b.no">z</a><a href="https://x.no/">w</a><a href="/abs">v</a>` +
		`<form action="sok.html"></form><img data-src="keep.png" src="">`
	for _, tt := range []struct {
		depth int
		want  string
	}{
		{0, page},
		{2, `<link rel="stylesheet" href="../../css/a.css"><script src="../../js/b.js" defer></script><a href="#main">x</a>` +
			`<a href="../../index.html">y</a><a href="mailto:a@b.no">z</a><a href="https://x.no/">w</a><a href="/abs">v</a>` +
			`<form action="../../sok.html"></form><img data-src="keep.png" src="">`},
	} {
		if got := string(rebase([]byte(page), tt.depth)); got != tt.want {
			t.Errorf("rebase(depth %d) =\n%s\nwant\n%s", tt.depth, got, tt.want)
		}
	}
}

func TestRefusesPathsOutsideOutput(t *testing.T) {
	s, ts := newServer(t, testsite.Copy(t, "../testdata/sites/sample"))
	for _, p := range []string{"/../go.mod", s.BasePath() + "../../../../hjelperen.toml", s.BasePath() + "..%2f..%2fhjelperen.toml", s.BasePath() + "%2e%2e/hjelperen.toml"} {
		req, _ := http.NewRequest("GET", ts.URL+p, nil)
		req.URL.RawPath = p // keep the dots: clients normally clean them
		req.URL.Opaque = p
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(b), "base_url") {
			t.Errorf("GET %s = %d, served a file outside the output", p, resp.StatusCode)
		}
	}
}

// readEvents returns a channel of "name data" strings from the event stream.
func readEvents(t *testing.T, ctx context.Context, url string) <-chan string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(patience):
		t.Fatalf("no event within %v", patience)
		return ""
	}
}

// TestReloadAndErrorEvents edits files while the watcher runs: a good edit
// sends reload, a broken file sends the error while the last good page is
// still served, and the fix clears it.
func TestReloadAndErrorEvents(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	s, ts := newServer(t, site)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watching(t, s)
	events := readEvents(t, ctx, ts.URL+s.BasePath()+"_hjelperen/events")
	if ev := next(t, events); !strings.HasPrefix(ev, "ok") {
		t.Fatalf("first event = %q, want ok", ev)
	}
	om := filepath.Join(site, "content/om.md")
	good := "+++\ntitle = \"Om oss\"\ndescription = \"Om verktøyet.\"\n+++\n\nNy tekst.\n"
	save(t, om, good)
	if ev := next(t, events); !strings.HasPrefix(ev, "reload") {
		t.Fatalf("after a good edit: %q, want reload", ev)
	}
	if _, body := get(t, ts.URL+s.BasePath()+"om.html"); !strings.Contains(body, "Ny tekst.") {
		t.Error("edit not served")
	}
	save(t, om, "+++\ntitel = \"Om\"\n+++\n")
	ev := next(t, events)
	if !strings.HasPrefix(ev, "error") || !strings.Contains(ev, `content/om.md:2:1: ukjent felt «titel»`) {
		t.Fatalf("after a broken edit: %q, want error naming content/om.md:2:1", ev)
	}
	if code, body := get(t, ts.URL+s.BasePath()+"om.html"); code != 200 || !strings.Contains(body, "Ny tekst.") {
		t.Error("last good build not served while the build is broken")
	}
	// A tab that connects now learns about the error at once.
	late := readEvents(t, ctx, ts.URL+s.BasePath()+"_hjelperen/events")
	if ev := next(t, late); !strings.HasPrefix(ev, "error") {
		t.Errorf("late tab got %q, want error", ev)
	}
	save(t, om, good)
	if ev := next(t, events); !strings.HasPrefix(ev, "reload") {
		t.Fatalf("after the fix: %q, want reload", ev)
	}
}

// TestSurvivesVanishingFiles deletes and recreates files in quick
// succession, as some editors do when saving, then saves a last change:
// the server keeps rebuilding and serves that change.
func TestSurvivesVanishingFiles(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	s, ts := newServer(t, site)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watching(t, s)
	events := readEvents(t, ctx, ts.URL+s.BasePath()+"_hjelperen/events")
	if ev := next(t, events); !strings.HasPrefix(ev, "ok") {
		t.Fatalf("first event = %q, want ok", ev)
	}
	om := filepath.Join(site, "content/om.md")
	data, _ := os.ReadFile(om)
	for i := 0; i < 20; i++ {
		os.Remove(om)
		os.WriteFile(om+".tmp", data[:len(data)/2], 0o644)
		os.Rename(om+".tmp", om)
		os.WriteFile(om, data, 0o644)
	}
	// Batches are built in order, so the reload that serves the last
	// change comes after every rebuild of the storm.
	const last = "Etter stormen."
	save(t, om, "+++\ntitle = \"Om oss\"\ndescription = \"Om verktøyet.\"\n+++\n\n"+last+"\n")
	for {
		ev := next(t, events)
		if !strings.HasPrefix(ev, "reload") {
			continue // a build of a half-written file may fail
		}
		if _, body := get(t, ts.URL+s.BasePath()+"om.html"); strings.Contains(body, last) {
			break
		}
	}
	if err := s.Rebuild(); err != nil {
		t.Fatalf("rebuild after the storm: %v", err)
	}
	if code, body := get(t, ts.URL+s.BasePath()+"om.html"); code != 200 || !strings.Contains(body, last) {
		t.Errorf("om.html = %d, want 200 with the last change", code)
	}
}
