package publish

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// unzip returns the files of the zip file name under dir.
func unzip(t *testing.T, dir, name string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(b)
	}
	return out
}

// TestOutputZipFromWrittenBytes builds, then updates one file in place:
// the zip holds every file from the bytes as they were written (not read
// back from disk), and an unchanged file keeps its compressed bytes.
func TestOutputZipFromWrittenBytes(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	o, err := NewBuildOutput(dest, filepath.Join(root, "site"), OutputOptions{Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"index.html": "<p>1</p>", "css/a.css": "p{}"} {
		if err := o.Write(name, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.WriteZip("site.zip", "s/"); err != nil {
		t.Fatal(err)
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	if files, pages := o.Counts(); files != 3 || pages != 1 {
		t.Errorf("Counts = %d files, %d pages; want 3, 1", files, pages)
	}
	want := map[string]string{"s/index.html": "<p>1</p>", "s/css/a.css": "p{}"}
	if got := unzip(t, dest, "site.zip"); !maps.Equal(got, want) {
		t.Errorf("zip = %v, want %v", got, want)
	}

	prev := o.Files()
	// The zip is made from what the Output knows, so a file changed
	// behind its back on disk does not reach the zip.
	if err := os.WriteFile(filepath.Join(dest, "css/a.css"), []byte("changed on disk"), 0o644); err != nil {
		t.Fatal(err)
	}
	u := NewUpdateOutput(dest, OutputOptions{Zip: true, Prev: prev})
	if err := u.Write("index.html", []byte("<p>2</p>")); err != nil {
		t.Fatal(err)
	}
	if err := u.WriteZip("site.zip", "s/"); err != nil {
		t.Fatal(err)
	}
	want["s/index.html"] = "<p>2</p>"
	if got := unzip(t, dest, "site.zip"); !maps.Equal(got, want) {
		t.Errorf("zip after the update = %v, want %v", got, want)
	}
	next := u.Files()
	if &next["css/a.css"].deflated[0] != &prev["css/a.css"].deflated[0] {
		t.Error("the unchanged file was compressed again")
	}
	if files, _ := u.Counts(); files != 2 {
		t.Errorf("the update wrote %d files, want 2 (the page and the zip)", files)
	}
	if len(next) != 3 {
		t.Errorf("Files after the update has %d files, want 3", len(next))
	}
}
