package main

import (
	"bytes"
	"context"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBinary builds the real command and runs it on a fixture site.
func TestBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "hjelperen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	runBin := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = site
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{[]string{"version"}, 0, wantVersion(t, bin)},
		{[]string{"version", "-h"}, 0, "Usage: hjelperen version\n\nPrints the version"},
		{[]string{"build"}, 0, "Built"},
		{[]string{"check"}, 0, "No problems found"},
		{[]string{"build", "-h"}, 0, "-base-url"},
		{[]string{"serve", "-h"}, 0, "-bind"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"new", "theme"}, 2, "needs KIND and NAME"},
		{[]string{"new", "theme", "Bolig og bu"}, 1, `"bolig-og-bu"`},
		{[]string{"build", "--dest", "."}, 1, "refusing"},
	}
	for _, tt := range tests {
		out, code := runBin(tt.args...)
		if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
			t.Errorf("hjelperen %s: exit %d, output:\n%s\nwant exit %d and %q", strings.Join(tt.args, " "), code, out, tt.wantCode, tt.wantOut)
		}
	}
	for _, args := range [][]string{{"new", "-h"}, {"version", "-h"}, {"build", "-h"}} {
		if out, _ := runBin(args...); strings.Count(out, "Usage:") != 1 || strings.Contains(out, "hjelperen (") {
			t.Errorf("hjelperen %s prints its usage %d times:\n%s", strings.Join(args, " "), strings.Count(out, "Usage:"), out)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public/index.html")); err != nil {
		t.Errorf("build wrote no public/index.html: %v", err)
	}

	// A scaffolded file explains itself: check names the fields to fill.
	out, code := runBin("new", "funding", "ny-ordning")
	if code != 0 || !strings.Contains(out, "content/virkemidler/ny-ordning.md") {
		t.Fatalf("new funding: %d %s", code, out)
	}
	out, code = runBin("check")
	if code != 1 || !strings.Contains(out, "content/virkemidler/ny-ordning.md") || !strings.Contains(out, `content/virkemidler/ny-ordning.md:7:1: feltet «owner» er tomt: fyll det ut`) {
		t.Errorf("check after scaffolding: exit %d\n%s", code, out)
	}
	if _, code := runBin("new", "funding", "ny-ordning"); code != 1 {
		t.Error("new overwrote an existing file")
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine,
// which can tell when some text has been written.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	waiting map[string]chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	for text, c := range s.waiting {
		if strings.Contains(s.b.String(), text) {
			close(c)
			delete(s.waiting, text)
		}
	}
	return n, err
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// written returns a channel that is closed once text has been written.
func (s *syncBuffer) written(text string) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := make(chan struct{})
	if strings.Contains(s.b.String(), text) {
		close(c)
		return c
	}
	if s.waiting == nil {
		s.waiting = map[string]chan struct{}{}
	}
	s.waiting[text] = c
	return c
}

// patience bounds a wait. It only turns a hang into a failure with a
// message; the first build can take many seconds on a loaded machine.
const patience = 2 * time.Minute

func TestServeBindsLoopbackByDefault(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	serving := out.written("Serving")
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--source", site, "--dest", filepath.Join(site, "public"), "--port", "0"}, &out, &errOut)
	}()
	select {
	case <-serving:
	case err := <-done:
		t.Fatalf("serve ended before serving: %v\n%s%s", err, out.String(), errOut.String())
	case <-time.After(patience):
		t.Fatalf("serve did not start within %v:\n%s%s", patience, out.String(), errOut.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(patience):
		t.Fatalf("serve did not stop within %v of the cancel", patience)
	}
	if !strings.Contains(out.String(), "http://127.0.0.1:") {
		t.Errorf("serve did not bind to loopback:\n%s", out.String())
	}
	if strings.Contains(errOut.String(), "Warning") {
		t.Errorf("unexpected warning: %s", errOut.String())
	}
}

// wantVersion returns what "hjelperen version" must print for the binary
// bin, from the build information the go command recorded in it.
func wantVersion(t *testing.T, bin string) string {
	t.Helper()
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "hjelperen "
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "mod":
			if f[2] == "(devel)" {
				want += "(development build)"
			} else {
				want += f[2]
			}
		case len(f) == 2 && strings.HasPrefix(f[1], "vcs.revision="):
			want += " (commit " + strings.TrimPrefix(f[1], "vcs.revision=")[:12]
		}
	}
	return want
}
