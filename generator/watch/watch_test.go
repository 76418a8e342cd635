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
	select {
	case batch := <-w.Batches:
		if len(batch) != 1 || batch[0] != file {
			t.Errorf("batch = %q, want only %s", batch, file)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no batch")
	}
	select {
	case batch := <-w.Batches:
		t.Errorf("a second batch arrived: %q", batch)
	case <-time.After(100 * time.Millisecond):
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
