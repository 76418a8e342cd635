package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFileCreate is the floor of a build into an empty folder: one
// new 8 KB file per iteration (a corpus page is about that size). On this
// project's machine it costs about 0.3-1 ms of kernel time, and two
// goroutines do not do it faster than one.
func BenchmarkFileCreate(b *testing.B) {
	dir := b.TempDir()
	data := make([]byte, 8<<10)
	i := 0
	for b.Loop() {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.html", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkFileOverwrite is what a build into a reused stage does per
// page: write over an existing file of about the same size.
func BenchmarkFileOverwrite(b *testing.B) {
	dir := b.TempDir()
	data := make([]byte, 9<<10)
	const n = 500
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.html", i)), data[:8000+i], 0o644); err != nil {
			b.Fatal(err)
		}
	}
	i := 0
	for b.Loop() {
		if err := overwrite(filepath.Join(dir, fmt.Sprintf("p%d.html", i%n)), data[:8100]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
