package serve

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestBasePathWithComment serves a site whose base_url carries a TOML
// comment (issue 12, item 1), which once made the server panic.
func TestBasePathWithComment(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	testsite.Replace(t, site, "hjelperen.toml", "baerekraft/\"\n", "baerekraft/\" # x\n")
	s, ts := newServer(t, site)
	if s.BasePath() != "/nb/troms-finnmark/baerekraft/" {
		t.Fatalf("BasePath = %q", s.BasePath())
	}
	if code, body := get(t, ts.URL+s.BasePath()+"om.html"); code != 200 || !strings.Contains(body, "<h1>") {
		t.Errorf("GET om.html = %d", code)
	}
}

// buildCall is one call of a test's build function: the files it was
// given and, once it has ended, its error.
type buildCall struct {
	changed []string
	ended   chan error
}

// TestNewerChangeCancelsBuild feeds batches of changes to the watch loop
// with a build that runs until it is cancelled: a second batch cancels the
// first build before the next starts, and stopping the server cancels the
// last one.
func TestNewerChangeCancelsBuild(t *testing.T) {
	s := New(Options{Build: generator.Options{Source: t.TempDir()}})
	calls := make(chan buildCall)
	s.build = func(ctx context.Context, changed []string) (generator.Report, error) {
		c := buildCall{changed: changed, ended: make(chan error, 1)}
		calls <- c
		<-ctx.Done()
		c.ended <- ctx.Err()
		return generator.Report{}, ctx.Err()
	}
	batches := make(chan []string)
	ctx, stop := context.WithCancel(t.Context())
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.loop(ctx, batches, nil)
	}()

	batches <- []string{"content/a.md"}
	first := recv(t, calls, "first build")
	batches <- []string{"content/b.md"}
	second := recv(t, calls, "second build")
	select {
	case err := <-first.ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("first build ended with %v, want context.Canceled", err)
		}
	default:
		t.Error("the second build started while the first still ran")
	}
	if strings.Join(second.changed, ",") != "content/b.md" {
		t.Errorf("second build got %v", second.changed)
	}
	stop()
	recv(t, loopDone, "end of the watch loop")
	select {
	case err := <-second.ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("build at shutdown ended with %v, want context.Canceled", err)
		}
	default:
		t.Error("the loop returned while its build still ran")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lastErr != nil {
		t.Errorf("a cancelled build was reported as failed: %v", s.lastErr)
	}
}

// newPreview returns a Server for site that builds into its own preview
// folder, as serve does without --dest; the folder goes when the test ends.
func newPreview(t *testing.T, site string) *Server {
	t.Helper()
	s := New(Options{Build: generator.Options{Source: site}})
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(s.Dest())) })
	t.Cleanup(s.Close)
	return s
}

// TestPreviewLeavesPublicAlone serves a site (issue 12, item 2): the
// preview is built outside the site folder, byte-identical to a build, and
// the live-reload script is added only on the way to the browser.
func TestPreviewLeavesPublicAlone(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	s := newPreview(t, site)
	if rel, err := filepath.Rel(site, s.Dest()); err == nil && !strings.HasPrefix(rel, "..") {
		t.Fatalf("preview folder %s is inside the site", s.Dest())
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, page := range []string{"", "om.html", "finnes-ikke.html"} {
		_, body := get(t, ts.URL+s.BasePath()+page)
		if !strings.Contains(body, `<script src="/nb/troms-finnmark/baerekraft/_hjelperen/reload.js" defer></script></head>`) {
			t.Errorf("GET /%s: no live-reload script", page)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serve wrote public/ (stat: %v)", err)
	}
	built := filepath.Join(t.TempDir(), "public")
	// The preview is a build without the download zip.
	if _, err := generator.Build(t.Context(), generator.Options{Source: site, Dest: built, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	if diff := compareTrees(t, s.Dest(), built); diff != "" {
		t.Errorf("the preview folder differs from a build: %s", diff)
	}
}

// compareTrees returns the first file that differs between two folders,
// or "" when they hold the same files with the same bytes.
func compareTrees(t *testing.T, a, b string) string {
	t.Helper()
	read := func(dir string) map[string]string {
		out := map[string]string{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	fa, fb := read(a), read(b)
	for name, data := range fb {
		if fa[name] != data {
			return name
		}
	}
	for name := range fa {
		if _, ok := fb[name]; !ok {
			return name + " (only in " + a + ")"
		}
	}
	return ""
}

// TestFirstServeOfBrokenContent starts serving a site with a mistake
// (issue 12, item 3): every page answers with the error and its file and
// line, and the live-reload script, whether or not the preview folder
// holds a good build from an earlier session. After the fix the pages are
// served.
func TestFirstServeOfBrokenContent(t *testing.T) {
	for _, earlier := range []bool{false, true} {
		name := "no earlier build"
		if earlier {
			name = "earlier good build in the folder"
		}
		t.Run(name, func(t *testing.T) {
			site := testsite.Copy(t, "../testdata/sites/sample")
			dest := filepath.Join(t.TempDir(), "preview")
			if earlier {
				if _, err := generator.Build(t.Context(), generator.Options{Source: site, Dest: dest}); err != nil {
					t.Fatal(err)
				}
			}
			om := filepath.Join(site, "content", "om.md")
			good, err := os.ReadFile(om)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(om, []byte("+++\ntitel = \"Om\"\n+++\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			s := New(Options{Build: generator.Options{Source: site, Dest: dest}})
			t.Cleanup(s.Close)
			if err := s.Rebuild(); err == nil {
				t.Fatal("the first build succeeded, want an error")
			}
			ts := httptest.NewServer(s.Handler())
			t.Cleanup(ts.Close)
			for _, page := range []string{"", "om.html", "tema/"} {
				code, body := get(t, ts.URL+s.BasePath()+page)
				if code != http.StatusInternalServerError || !strings.Contains(body, `content/om.md:2:1: ukjent felt «titel»`) {
					t.Errorf("GET /%s = %d, want 500 with the error:\n%s", page, code, body)
				}
				if !strings.Contains(body, `src="/nb/troms-finnmark/baerekraft/_hjelperen/reload.js"`) {
					t.Errorf("GET /%s: the error page has no live-reload script", page)
				}
			}
			if err := os.WriteFile(om, good, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := s.Rebuild(); err != nil {
				t.Fatal(err)
			}
			if code, body := get(t, ts.URL+s.BasePath()+"om.html"); code != 200 || !strings.Contains(body, "<h1>") {
				t.Errorf("after the fix: GET om.html = %d", code)
			}
		})
	}
}

// TestBasePathNeedsEscaping serves under a base URL with a space in its
// path, which as a ServeMux pattern made the server panic.
func TestBasePathNeedsEscaping(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	s := New(Options{Build: generator.Options{Source: site, Dest: filepath.Join(t.TempDir(), "preview"), BaseURL: "https://example.no/a b/"}})
	t.Cleanup(s.Close)
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	if s.BasePath() != "/a%20b/" {
		t.Errorf("BasePath = %q, want /a%%20b/", s.BasePath())
	}
	code, body := get(t, ts.URL+"/a%20b/om.html")
	if code != 200 || !strings.Contains(body, `src="/a%20b/_hjelperen/reload.js"`) {
		t.Errorf("GET /a%%20b/om.html = %d", code)
	}
	if code, _ := get(t, ts.URL+"/a%20b/_hjelperen/reload.js"); code != 200 {
		t.Errorf("reload.js = %d", code)
	}
}
