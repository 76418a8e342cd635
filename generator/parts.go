package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// partsSuffix marks a theme folder whose files are joined into one asset:
// static/js/worksheet.parts/10-base.js, 20-storage.js, … become
// js/worksheet.js, in name order. The sources stay small files with one
// responsibility each; the reader gets one request and one compressed
// stream (a phone on a slow link pays a round trip per file, and gzip
// compresses one large file better than many small ones).
const partsSuffix = ".parts"

// asset is a theme asset to write: its logical name and the static/
// files it is made of (one, or the parts of a joined asset in order).
type asset struct {
	name    string
	sources []string
}

// themeAssets groups the theme's static file names (relative to static/,
// sorted) into assets. Parts of a joined asset must share one extension,
// which the joined asset takes.
func themeAssets(names []string) ([]asset, error) {
	var out []asset
	joined := map[string]int{} // parts folder -> index in out
	for _, n := range names {
		dir := path.Dir(n)
		if !strings.HasSuffix(dir, partsSuffix) {
			out = append(out, asset{name: n, sources: []string{n}})
			continue
		}
		i, ok := joined[dir]
		if !ok {
			i = len(out)
			joined[dir] = i
			out = append(out, asset{name: strings.TrimSuffix(dir, partsSuffix) + path.Ext(n)})
		}
		if first := out[i].sources; len(first) > 0 && path.Ext(first[0]) != path.Ext(n) {
			return nil, fmt.Errorf("static/%s: every file in %s must end in %s", n, dir, path.Ext(first[0]))
		}
		out[i].sources = append(out[i].sources, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// read returns the asset's content: its parts joined, each on its own
// lines (and, for scripts, as its own statement).
func (a asset) read(theme fs.FS) ([]byte, error) {
	if len(a.sources) == 1 && a.sources[0] == a.name {
		return fs.ReadFile(theme, "static/"+a.name)
	}
	sep := []byte("\n")
	if path.Ext(a.name) == ".js" {
		sep = []byte("\n;\n")
	}
	var b bytes.Buffer
	for i, s := range a.sources {
		data, err := fs.ReadFile(theme, "static/"+s)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.Write(sep)
		}
		b.Write(data)
	}
	return b.Bytes(), nil
}
