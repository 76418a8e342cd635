package serve

import (
	"context"
	"errors"
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
	first := <-calls
	batches <- []string{"content/b.md"}
	second := <-calls
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
	<-loopDone
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
