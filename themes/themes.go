// Package themes holds the default theme, embedded in the binary so that an
// installed hjelperen works in any content folder, and combines it with a
// site's own theme files, which override the embedded ones file by file.
package themes

import (
	"embed"
	"errors"
	"io/fs"
	"path"
	"sort"
)

//go:embed all:default
var embedded embed.FS

// Embedded returns the embedded theme with the given name, or nil.
func Embedded(name string) fs.FS {
	sub, err := fs.Sub(embedded, name)
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(sub, "."); err != nil {
		return nil
	}
	return sub
}

// Overlay is a theme made of the site's own files (themes/<name>/ in the
// site folder) on top of the embedded theme of the same name. It implements
// fs.FS, fs.ReadDirFS and fs.ReadFileFS.
type Overlay struct {
	name  string
	site  fs.FS // may be nil
	embed fs.FS // may be nil
}

// Open returns the theme name for the site in root.
func Open(root fs.FS, name string) *Overlay {
	o := &Overlay{name: name, embed: Embedded(name)}
	if root != nil {
		if sub, err := fs.Sub(root, path.Join("themes", name)); err == nil {
			if _, err := fs.Stat(sub, "."); err == nil {
				o.site = sub
			}
		}
	}
	return o
}

// Open implements fs.FS: the site's file wins over the embedded one.
func (o *Overlay) Open(name string) (fs.File, error) {
	if o.site != nil {
		f, err := o.site.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if o.embed != nil {
		return o.embed.Open(name)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile implements fs.ReadFileFS.
func (o *Overlay) ReadFile(name string) ([]byte, error) {
	if o.site != nil {
		b, err := fs.ReadFile(o.site, name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return b, err
		}
	}
	if o.embed != nil {
		return fs.ReadFile(o.embed, name)
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS, merging both layers.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	found := false
	for _, layer := range []fs.FS{o.embed, o.site} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Origin returns a label for where a theme file comes from, for error
// messages: "themes/default/layouts/theme.html" for a site file and
// "(embedded) themes/default/layouts/theme.html" otherwise.
func (o *Overlay) Origin(name string) string {
	label := path.Join("themes", o.name, name)
	if o.site != nil {
		if _, err := fs.Stat(o.site, name); err == nil {
			return label
		}
	}
	return "(embedded) " + label
}
