package watch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBurstBecomesOneBatch writes a file many times in quick succession,
// as editors with atomic saves do, plus temporary files: one batch arrives,
// naming only the real file.
func TestBurstBecomesOneBatch(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "tema")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := New(Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx)

	file := filepath.Join(sub, "bolig.md")
	for i := 0; i < 20; i++ {
		tmp := filepath.Join(sub, ".bolig.md.swp")
		os.WriteFile(tmp, []byte("x"), 0o644)
		os.WriteFile(file+"~", []byte("x"), 0o644)
		os.WriteFile(file, []byte{byte(i)}, 0o644)
		os.Remove(tmp)
	}
	// Collect batches until the watcher has been quiet for a while. On a
	// busy machine a pause inside the burst may split it, but 20 saves
	// must not give anywhere near 20 rebuilds.
	var batches [][]string
	for done := false; !done; {
		select {
		case batch := <-w.Batches:
			batches = append(batches, batch)
		case <-time.After(300 * time.Millisecond):
			done = true
		}
	}
	if len(batches) == 0 || len(batches) > 3 {
		t.Fatalf("%d batches for a burst of 20 saves, want 1 (at most 3 on a busy machine)", len(batches))
	}
	for _, batch := range batches {
		if len(batch) != 1 || batch[0] != file {
			t.Errorf("batch = %q, want only %s", batch, file)
		}
	}
}

// TestNewFolderIsWatched creates a folder after the watcher started and
// then a file in it.
func TestNewFolderIsWatched(t *testing.T) {
	dir := t.TempDir()
	w, err := New(Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx)
	sub := filepath.Join(dir, "ny")
	os.Mkdir(sub, 0o755)
	<-w.Batches // the folder itself
	time.Sleep(20 * time.Millisecond)
	file := filepath.Join(sub, "side.md")
	os.WriteFile(file, []byte("x"), 0o644)
	select {
	case batch := <-w.Batches:
		if len(batch) != 1 || batch[0] != file {
			t.Errorf("batch = %q, want %s", batch, file)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no batch for a file in a new folder")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{"bolig.md": false, ".bolig.md.swp": true, "bolig.md~": true, "#bolig.md#": true, "4913": true, "x.tmp": true} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
