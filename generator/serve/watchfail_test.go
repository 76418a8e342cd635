package serve

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/watch"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestServesWhenTheWatcherFails: a watcher that cannot start (here, as when
// the system's limit of watches is reached) is said in the log, and the
// site is still served (issue 12, item 6).
func TestServesWhenTheWatcherFails(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	var log bytes.Buffer
	s := New(Options{Build: generator.Options{Source: site, Dest: filepath.Join(site, "public")}, Log: &log})
	s.newWatcher = func(watch.Options) (*watch.Watcher, error) {
		return nil, errors.New("too many open files")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	status := make(chan int, 1)
	err := s.ListenAndServe(ctx, "127.0.0.1:0", func(url string) {
		go func() {
			defer cancel()
			resp, err := http.Get(url)
			if err != nil {
				status <- 0
				return
			}
			resp.Body.Close()
			status <- resp.StatusCode
		}()
	})
	if err != nil {
		t.Fatal(err)
	}
	if code := recv(t, status, "answer from the server"); code != http.StatusOK {
		t.Errorf("GET the front page = %d, want 200", code)
	}
	want := "Warning: cannot watch the site's files for changes (too many open files).\n" +
		"The preview is served, but it is not rebuilt or reloaded when you save"
	if !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
}
