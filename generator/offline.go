package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

// ServiceWorkerFile is the service worker in the output root, made from the
// theme's static/sw.js. The theme's site.js registers it when the site is
// served over http(s).
const ServiceWorkerFile = "sw.js"

// zipFolder is the folder inside the zip that holds the site, so that
// unzipping gives one folder rather than a hundred files.
const zipFolder = "baerekrafthjelperen/"

// maxPrecacheFile is the size above which a file is left out of the
// precache and fetched only when asked for. The theme and the content are
// far below it; it guards against a large PDF or video in static/.
const maxPrecacheFile = 8 << 20

// writeOffline writes the service worker with its precache list (when the
// theme has one) and, when zip is true, the downloadable copy of the site.
// The service worker's cache version is derived from the checksums of
// every file written so far, so any change to any file gives a new
// version.
func writeOffline(w *publish.Output, sw serviceWorker, zip bool) error {
	if sw != nil {
		if err := w.Write(ServiceWorkerFile, sw.fill(w.Files())); err != nil {
			return err
		}
	}
	if !zip {
		return nil
	}
	if err := w.WriteZip(model.ZipFile, zipFolder); err != nil {
		return fmt.Errorf("%s: %w", model.ZipFile, err)
	}
	return nil
}

// serviceWorker is the theme's static/sw.js with its two placeholders,
// which the build replaces: swVersion with the cache version and swFiles
// with the list of files to precache.
type serviceWorker []byte

const (
	swVersion = "self.HJELPEREN_VERSION"
	swFiles   = "self.HJELPEREN_FILES"
)

// loadServiceWorker reads the theme's service worker, or nil when the theme
// has none. Like the theme's other scripts it must parse as JavaScript; it
// must also hold each placeholder exactly once.
func loadServiceWorker(theme *themes.Overlay, min *publish.Minifier) (serviceWorker, error) {
	name := "static/" + ServiceWorkerFile
	data, err := fs.ReadFile(theme, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	pos := diag.Position{File: theme.Origin(name)}
	// The minifier parses like a linter and may change its input.
	if _, err := min.Minify(name, bytes.Clone(data)); err != nil {
		return nil, diag.Errorf(pos, "%v", err)
	}
	for _, p := range []string{swVersion, swFiles} {
		if n := bytes.Count(data, []byte(p)); n != 1 {
			return nil, diag.Errorf(pos, "must contain %s exactly once (found %d); the build puts the cache version and the file list there", p, n)
		}
	}
	return data, nil
}

// fill returns the service worker for the output files: the list of
// files to precache, each [path relative to the worker, checksum] (the
// checksum lets a new version keep the unchanged files of the old cache
// instead of downloading them again), and a version that changes with any
// file. It runs after every edit, so it formats by hand rather than with
// fmt and encoding/json (a third of an edit's time at 10 000 pages).
func (sw serviceWorker) fill(files publish.Files) []byte {
	names := make([]string, 0, len(files))
	for name := range files {
		if name != ServiceWorkerFile && name != model.ZipFile {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var sums, list []byte
	for _, name := range names {
		f := files[name]
		var sum [8]byte
		hex.Encode(sum[:], binary.BigEndian.AppendUint32(nil, f.CRC))
		sums = append(append(append(append(sums, name...), ' '), sum[:]...), '\n')
		if precached(name, f.Size) {
			if len(list) == 0 {
				list = append(list, '[')
			} else {
				list = append(list, ',')
			}
			list = appendJSONString(append(list, '['), name)
			list = append(append(append(list, ",\""...), sum[:]...), "\"]"...)
		}
	}
	if len(list) == 0 {
		list = []byte("null")
	} else {
		list = append(list, ']')
	}
	h := sha256.Sum256(sums)
	version, _ := json.Marshal(hex.EncodeToString(h[:8]))
	out := bytes.Replace(sw, []byte(swVersion), version, 1)
	return bytes.Replace(out, []byte(swFiles), list, 1)
}

// appendJSONString appends s as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string: cannot fail
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// precached reports whether the service worker caches the output file
// name of size bytes at install. It leaves out itself, the downloadable
// copy, files only crawlers read, hidden files and large static files.
func precached(name string, size int) bool {
	switch name {
	case ServiceWorkerFile, model.ZipFile, "robots.txt", "sitemap.xml":
		return false
	}
	if strings.HasPrefix(path.Base(name), ".") {
		return false
	}
	// Pages, styles and scripts are always cached; only files copied
	// from static/ can be large.
	switch path.Ext(name) {
	case ".html", ".css", ".js":
		return true
	}
	return size <= maxPrecacheFile
}
