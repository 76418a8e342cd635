package publish

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Output is the one writer of a build's files. Every file of the site
// passes through Write, which puts it where the output goes (a staging
// folder, the destination itself, or nowhere for a check), remembers its
// checksum and size for the service worker's list and, when the build
// makes a download, compresses it for the zip while the other files are
// still being rendered. Nothing is read back from disk. An Output is safe
// for concurrent use.
type Output struct {
	to    target // nil for a check, which writes nothing
	stage *Stage // when the files go into a staging folder
	zip   bool
	prev  Files // files of an earlier build, whose compressed bytes are reused

	flaters sync.Pool // of *flate.Writer, see deflate

	mu             sync.Mutex
	files          Files
	written, pages int
}

// File is what an Output knows of one file it holds.
type File struct {
	CRC  uint32 // CRC-32 (IEEE) of the bytes
	Size int
	// deflated holds the bytes compressed for the zip, when the build
	// makes one.
	deflated []byte
}

// Download returns the bytes a visitor downloads for the file: its
// compressed size when the build compressed it for the zip (servers send
// text compressed alike), else its size.
func (f File) Download() int {
	if f.deflated != nil {
		return len(f.deflated)
	}
	return f.Size
}

// Files are the files of a build by slash path.
type Files map[string]File

// OutputOptions configure an Output.
type OutputOptions struct {
	// Zip compresses every file as it is written, for WriteZip.
	Zip bool
	// Prev are the files of an earlier build. A file written again with
	// the same bytes reuses its compressed bytes instead of compressing
	// them again.
	Prev Files
}

// target puts a file somewhere.
type target interface {
	Write(name string, data []byte) error
}

// NewBuildOutput returns an Output that fills a staging folder beside dest
// (see NewStage); Commit swaps it in as dest.
func NewBuildOutput(dest, source string, o OutputOptions) (*Output, error) {
	s, err := NewStage(dest, source)
	if err != nil {
		return nil, err
	}
	return &Output{to: s, stage: s, zip: o.Zip, prev: o.Prev, files: Files{}}, nil
}

// NewUpdateOutput returns an Output that replaces files in dest one by one,
// each atomically. o.Prev must be the files dest holds: Files then reports
// them with the ones written since, as a full build would.
func NewUpdateOutput(dest string, o OutputOptions) *Output {
	files := make(Files, len(o.Prev))
	for k, v := range o.Prev {
		files[k] = v
	}
	return &Output{to: inPlace(dest), zip: o.Zip, prev: o.Prev, files: files}
}

// NewCheckOutput returns an Output that writes nothing and only counts.
func NewCheckOutput() *Output { return &Output{files: Files{}} }

// Write writes data as the file at the slash path name.
func (o *Output) Write(name string, data []byte) error {
	f := File{CRC: crc32.ChecksumIEEE(data), Size: len(data)}
	if o.zip {
		var err error
		if f.deflated, err = o.compress(name, f, data); err != nil {
			return err
		}
	}
	return o.put(name, data, f)
}

// Remove removes the file at the slash path name from the output: from
// the destination when files are replaced in place, and from Files. A
// file that is not there is no error.
func (o *Output) Remove(name string) error {
	if o.stage != nil {
		return fmt.Errorf("remove %s: a build into a staging folder writes only what it keeps", name)
	}
	if d, ok := o.to.(inPlace); ok {
		err := os.Remove(filepath.Join(string(d), filepath.FromSlash(name)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	o.mu.Lock()
	delete(o.files, name)
	o.mu.Unlock()
	return nil
}

// put writes data and records f as the file name.
func (o *Output) put(name string, data []byte, f File) error {
	if o.to != nil {
		if err := o.to.Write(name, data); err != nil {
			return err
		}
	}
	o.mu.Lock()
	o.files[name] = f
	o.written++
	if strings.HasSuffix(name, ".html") {
		o.pages++
	}
	o.mu.Unlock()
	return nil
}

// compress returns the deflated bytes of data, reused from the earlier
// build when the file is unchanged there.
func (o *Output) compress(name string, f File, data []byte) ([]byte, error) {
	if p, ok := o.prev[name]; ok && p.CRC == f.CRC && p.Size == f.Size && p.deflated != nil {
		return p.deflated, nil
	}
	return o.deflate(data)
}

// Files returns a copy of what the Output knows of every file of the site.
func (o *Output) Files() Files {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(Files, len(o.files))
	for k, v := range o.files {
		out[k] = v
	}
	return out
}

// Counts returns how many files and HTML pages were written.
func (o *Output) Counts() (files, pages int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.written, o.pages
}

// Commit makes the output the destination: it swaps a staging folder in.
// Files written in place are there already.
func (o *Output) Commit() error {
	if o.stage == nil {
		return nil
	}
	return o.stage.Commit()
}

// Abort leaves the destination as it was when the output is a staging
// folder. It is a no-op after Commit.
func (o *Output) Abort() {
	if o.stage != nil {
		_ = o.stage.Abort()
	}
}

// inPlace writes files straight into a folder, each one replaced
// atomically.
type inPlace string

func (d inPlace) Write(name string, data []byte) error {
	return replaceFile(filepath.Join(string(d), filepath.FromSlash(name)), data)
}

// replaceFile writes data beside name and renames it into place, so a
// reader never sees a half-written page.
func replaceFile(name string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
