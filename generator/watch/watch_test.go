package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// patience bounds every wait of these tests. It only turns a hang into a
// failure with a message; it is not a speed requirement.
const patience = time.Minute

// start runs a Watcher of dir until the test ends.
func start(t *testing.T, dir string) *Watcher {
	t.Helper()
	w, err := New(Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go w.Run(ctx)
	return w
}

// nextBatch returns the next batch, failing t when none comes.
func nextBatch(t *testing.T, w *Watcher, what string) []string {
	t.Helper()
	select {
	case batch := <-w.Batches:
		return batch
	case <-time.After(patience):
		t.Fatalf("no batch within %v: %s", patience, what)
		return nil
	}
}

// TestBurstBecomesOneBatch feeds the debouncing loop the events of 20
// quick saves, as editors with atomic saves and backup files make them,
// with a clock that the test moves: nothing is sent while the burst goes
// on, and when the quiet time ends one batch names only the real file.
func TestBurstBecomesOneBatch(t *testing.T) {
	dir := t.TempDir()
	w, err := New(Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.fsw.Close() })
	events := make(chan fsnotify.Event)
	timer := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.loop(ctx, events, nil, func(time.Duration) <-chan time.Time { return timer })

	// send hands one event to the loop; an unbuffered send returns when
	// the loop has taken it, and the loop handles it before anything else.
	send := func(ev fsnotify.Event) {
		t.Helper()
		select {
		case events <- ev:
		case batch := <-w.Batches:
			t.Fatalf("batch %q sent before the timer ended the burst", batch)
		case <-time.After(patience):
			t.Fatalf("the loop did not take %v within %v", ev, patience)
		}
	}
	// tick ends the quiet time, or the longest wait, of the batch.
	tick := func() {
		t.Helper()
		select {
		case timer <- time.Time{}:
		case <-time.After(patience):
			t.Fatalf("the loop did not wait for its timer")
		}
	}
	file := filepath.Join(dir, "tema", "bolig.md")
	swp := filepath.Join(dir, "tema", ".bolig.md.swp")
	for i := 0; i < 20; i++ {
		send(fsnotify.Event{Name: swp, Op: fsnotify.Create})
		send(fsnotify.Event{Name: file + "~", Op: fsnotify.Create})
		send(fsnotify.Event{Name: file, Op: fsnotify.Write})
		send(fsnotify.Event{Name: file, Op: fsnotify.Chmod})
		send(fsnotify.Event{Name: swp, Op: fsnotify.Remove})
	}
	select {
	case batch := <-w.Batches:
		t.Fatalf("batch %q sent before the burst was over", batch)
	default:
	}
	tick()
	if batch := nextBatch(t, w, "after the burst"); !slices.Equal(batch, []string{file}) {
		t.Errorf("batch = %q, want only %s", batch, file)
	}
	// The next change starts a new batch.
	other := filepath.Join(dir, "om.md")
	send(fsnotify.Event{Name: other, Op: fsnotify.Write})
	tick()
	if batch := nextBatch(t, w, "after a later change"); !slices.Equal(batch, []string{other}) {
		t.Errorf("second batch = %q, want only %s", batch, other)
	}
}

// TestEditorSavesReachTheWatcher saves a file 20 times on disk the way
// editors do, with swap and backup files, then writes a last file: however
// the saves are split into batches on a busy machine, the batches name
// only the real files and end with the last one.
func TestEditorSavesReachTheWatcher(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "tema")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	w := start(t, dir)
	file := filepath.Join(sub, "bolig.md")
	for i := 0; i < 20; i++ {
		tmp := filepath.Join(sub, ".bolig.md.swp")
		os.WriteFile(tmp, []byte("x"), 0o644)
		os.WriteFile(file+"~", []byte("x"), 0o644)
		os.WriteFile(file, []byte{byte(i)}, 0o644)
		os.Remove(tmp)
	}
	last := filepath.Join(sub, "zz-siste.md")
	os.WriteFile(last, []byte("x"), 0o644)
	seen := map[string]bool{}
	for !seen[last] {
		for _, p := range nextBatch(t, w, "for the saves") {
			if p != file && p != last {
				t.Errorf("batch names %s, want only %s and %s", p, file, last)
			}
			seen[p] = true
		}
	}
	if !seen[file] {
		t.Errorf("no batch named %s", file)
	}
}

// TestNewFolderIsWatched creates a folder after the watcher started and
// then a file in it.
func TestNewFolderIsWatched(t *testing.T) {
	dir := t.TempDir()
	w := start(t, dir)
	sub := filepath.Join(dir, "ny")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	// The watcher adds the folder before it sends the batch naming it.
	if batch := nextBatch(t, w, "for the new folder"); !slices.Equal(batch, []string{sub}) {
		t.Fatalf("batch = %q, want %s", batch, sub)
	}
	file := filepath.Join(sub, "side.md")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if batch := nextBatch(t, w, "for a file in the new folder"); !slices.Equal(batch, []string{file}) {
		t.Errorf("batch = %q, want %s", batch, file)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{"bolig.md": false, ".bolig.md.swp": true, "bolig.md~": true, "#bolig.md#": true, "4913": true, "x.tmp": true} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
