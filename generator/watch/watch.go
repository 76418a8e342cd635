// Package watch reports changes to a site's source files. It watches
// folders recursively with fsnotify, adds folders created later, ignores
// hidden and temporary files, and debounces bursts of events (editors that
// save several times in a row) into one batch of changed paths.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configure a Watcher.
type Options struct {
	// Dirs are watched recursively. Missing folders are skipped.
	Dirs []string
	// Files are watched through their parent folder.
	Files []string
	// Quiet is how long no event must arrive before a batch is sent;
	// default 15 ms, enough to merge an editor's write-rename-chmod burst.
	Quiet time.Duration
	// MaxDelay caps how long a continuous burst can delay a batch;
	// default 300 ms.
	MaxDelay time.Duration
}

// Watcher sends batches of changed paths.
type Watcher struct {
	opts  Options
	fsw   *fsnotify.Watcher
	files map[string]bool
	// Batches receives the changed paths, sorted and without duplicates.
	Batches chan []string
	// Errors receives watcher errors that do not stop watching.
	Errors chan error
}

// New starts watching. Call Run to receive batches.
func New(opts Options) (*Watcher, error) {
	if opts.Quiet == 0 {
		opts.Quiet = 15 * time.Millisecond
	}
	if opts.MaxDelay == 0 {
		opts.MaxDelay = 300 * time.Millisecond
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{opts: opts, fsw: fsw, files: map[string]bool{}, Batches: make(chan []string, 1), Errors: make(chan error, 1)}
	for _, d := range opts.Dirs {
		if err := w.addTree(d); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	for _, f := range opts.Files {
		abs, _ := filepath.Abs(f)
		w.files[abs] = true
		if err := fsw.Add(filepath.Dir(f)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it.
func (w *Watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && Ignored(d.Name()) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Ignored reports whether a file name is hidden or an editor's temporary
// file, whose changes never trigger a rebuild.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913"
}

// Run delivers batches until ctx is done, then closes the watcher.
func (w *Watcher) Run(ctx context.Context) {
	defer w.fsw.Close()
	w.loop(ctx, w.fsw.Events, w.fsw.Errors, time.After)
}

// loop collects events into batches. after makes the timers that end a
// batch; tests pass their own to decide when a batch is complete.
func (w *Watcher) loop(ctx context.Context, events <-chan fsnotify.Event, errs <-chan error, after func(time.Duration) <-chan time.Time) {
	pending := map[string]bool{}
	var quiet, max <-chan time.Time
	flush := func() {
		if len(pending) == 0 {
			return
		}
		batch := make([]string, 0, len(pending))
		for p := range pending {
			batch = append(batch, p)
		}
		sort.Strings(batch)
		pending = map[string]bool{}
		quiet, max = nil, nil
		select {
		case w.Batches <- batch:
		case <-ctx.Done():
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = w.addTree(ev.Name)
				}
			}
			pending[ev.Name] = true
			quiet = after(w.opts.Quiet)
			if max == nil {
				max = after(w.opts.MaxDelay)
			}
		case <-quiet:
			flush()
		case <-max:
			flush()
		case err, ok := <-errs:
			if !ok {
				return
			}
			select {
			case w.Errors <- err:
			default:
			}
		}
	}
}

func (w *Watcher) relevant(ev fsnotify.Event) bool {
	if Ignored(filepath.Base(ev.Name)) || ev.Op == fsnotify.Chmod {
		return false
	}
	abs, _ := filepath.Abs(ev.Name)
	dir := filepath.Dir(abs)
	for f := range w.files {
		if filepath.Dir(f) == dir {
			// A watched file's folder: only the file itself counts,
			// unless the folder is also watched as a tree.
			if abs == f {
				return true
			}
			return w.inTree(abs)
		}
	}
	return true
}

func (w *Watcher) inTree(abs string) bool {
	for _, d := range w.opts.Dirs {
		ad, _ := filepath.Abs(d)
		if strings.HasPrefix(abs, ad+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
