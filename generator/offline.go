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
	"strconv"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/generator/search"
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

// writeOffline writes the service worker with its list of files (when the
// theme has one) and, when zip is true, the downloadable copy of the site.
// The service worker's cache version is derived from the checksums of
// every file written so far, so any change to any file gives a new
// version.
func writeOffline(w *publish.Output, sw serviceWorker, site *model.Site, zip bool) error {
	if sw != nil {
		if err := w.Write(ServiceWorkerFile, sw.fill(w.Files(), shellOf(site))); err != nil {
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
// files it may cache, and a version that changes with any file. Each file
// of the list is a JSON array:
//
//	[path, checksum, size, language, shell]
//
// path is relative to the worker; checksum lets a new version keep the
// unchanged files of the old cache instead of downloading them again;
// size is the bytes a visitor downloads for it (compressed when the build
// compressed it for the zip, as servers send it), which gives the size of
// the whole toolbox the user may choose to save; language is the language
// of a page or search file ("" for files every language uses); shell is 1
// for the files the worker caches on the first visit in that language
// ("" language: in every language), 0 for the files it caches only when
// they are visited or the user asks for everything. shell gives the
// language of every page and whether it is part of the shell (see
// shellOf). It runs after every edit, so it
// formats by hand rather than with fmt and encoding/json (a third of an
// edit's time at 10 000 pages).
func (sw serviceWorker) fill(files publish.Files, shell shellPages) []byte {
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
			lang, inShell := shell.classify(name)
			list = appendJSONString(append(list, '['), name)
			list = append(append(append(list, ",\""...), sum[:]...), "\","...)
			list = strconv.AppendInt(list, int64(f.Download()), 10)
			list = appendJSONString(append(list, ','), lang)
			list = append(list, ',', '0'+byte(boolInt(inShell)), ']')
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

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// shellPages are the pages by output path with their language, and the
// ones of them in the shell: what a visitor needs to use the toolbox's
// tools without a network after one visit (the front page, the worksheets
// and their overview, the search page). The theme's styles and scripts
// and the 404 page, the worker's answer to a page it does not have, are
// in the shell too, in every language (see classify).
type shellPages struct {
	lang  map[string]string
	shell map[string]bool
}

// shellOf returns the shell of site; site may be nil (no pages known).
func shellOf(site *model.Site) shellPages {
	s := shellPages{lang: map[string]string{}, shell: map[string]bool{}}
	if site == nil {
		return s
	}
	wsSections := map[string]bool{}
	for _, p := range site.Pages {
		if p.Kind == model.KindWorksheet {
			wsSections[p.Section] = true
		}
	}
	for _, p := range site.Pages {
		s.lang[p.OutPath] = p.Lang
		switch {
		case p.Kind == model.KindHome, p.Kind == model.KindWorksheet,
			p.Kind == model.KindSection && wsSections[p.Section]:
			s.shell[p.OutPath] = true
		}
	}
	for _, lang := range render.SearchLanguages(site) {
		out := model.OutPath(render.SearchPath, lang, site.Config.Language)
		s.lang[out], s.shell[out] = lang, true
	}
	return s
}

// classify returns the language of the output file name ("" when every
// language uses it) and whether it is in the shell. Besides the pages of
// shellOf, that is the theme's styles and scripts, the icon, the 404 page
// and the entry file of each language's search index; the index's other
// files (word shards and page groups) are cached as searches load them.
func (s shellPages) classify(name string) (lang string, shell bool) {
	if lang, ok := s.lang[name]; ok {
		return lang, s.shell[name]
	}
	if rest, ok := strings.CutPrefix(name, search.Dir); ok {
		lang, _, nested := strings.Cut(rest, "/")
		if !nested {
			lang, _, _ = strings.Cut(rest, ".")
		}
		return lang, !nested
	}
	switch {
	case name == "404.html", name == "favicon.svg":
		return "", true
	case !strings.Contains(name, "/"):
		return "", false
	}
	switch path.Ext(name) {
	case ".css", ".js":
		return "", true
	}
	return "", false
}

// precached reports whether the service worker lists the output file
// name of size bytes, to cache when it is needed. It leaves out itself, the downloadable
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
