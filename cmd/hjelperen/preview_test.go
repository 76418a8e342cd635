package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/serve"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// urlWriter collects serve's output and sends the address it serves at
// once that is printed.
type urlWriter struct {
	mu   sync.Mutex
	b    bytes.Buffer
	once sync.Once
	url  chan string
}

var servingAt = regexp.MustCompile(`Serving .* at (http://\S+) `)

func (w *urlWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if m := servingAt.FindStringSubmatch(w.b.String()); m != nil {
		w.once.Do(func() { w.url <- m[1] })
	}
	return len(p), nil
}

// TestServeThenBuild is a newcomer's session (issue 12, item 2): serve,
// look at a page, stop, build. public/ must hold no trace of the preview
// and be byte-identical to a build alone.
func TestServeThenBuild(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(serve.PreviewDir(site))) })
	ctx, stop := context.WithCancel(t.Context())
	out := &urlWriter{url: make(chan string, 1)}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--source", site, "--port", "0"}, out, io.Discard) }()
	var url string
	select {
	case url = <-out.url:
	case err := <-done:
		t.Fatalf("serve ended before serving: %v", err)
	case <-time.After(patience):
		t.Fatalf("serve did not start within %v", patience)
	}
	resp, err := http.Get(url + "om.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(body, []byte("_hjelperen/reload.js")) {
		t.Error("the preview page has no live-reload script")
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(patience):
		t.Fatalf("serve did not stop within %v", patience)
	}

	if err := run(t.Context(), []string{"build", "--source", site, "--dest", filepath.Join(site, "public")}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	alone := testsite.Copy(t, "../../generator/testdata/sites/sample")
	if err := run(t.Context(), []string{"build", "--source", alone, "--dest", filepath.Join(alone, "public")}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, want := hashTree(t, filepath.Join(site, "public")), hashTree(t, filepath.Join(alone, "public"))
	for name, sum := range want {
		if got[name] != sum {
			t.Errorf("public/%s after serve and build differs from build alone", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("public/ after serve and build has %d files, build alone %d", len(got), len(want))
	}
	for name := range got {
		data, _ := os.ReadFile(filepath.Join(site, "public", name))
		if strings.HasSuffix(name, ".html") && strings.Contains(string(data), "_hjelperen/reload.js") {
			t.Errorf("public/%s loads the live-reload script", name)
		}
	}
}

// hashTree returns the SHA-256 of every file under dir by slash path.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
