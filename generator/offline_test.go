package generator

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

var swVersionRe = regexp.MustCompile(`const VERSION = "([0-9a-f]{16})";`)

// defaultServiceWorker returns the default theme's service worker.
func defaultServiceWorker(t *testing.T) serviceWorker {
	t.Helper()
	sw, err := loadServiceWorker(themes.Open(nil, "default"), publish.NewMinifier())
	if err != nil || sw == nil {
		t.Fatalf("default theme's service worker: %v", err)
	}
	return sw
}

// TestServiceWorkerVersion checks that the cache version follows every
// output file but not the worker itself or the zip, and what is precached.
func TestServiceWorkerVersion(t *testing.T) {
	base := publish.Files{"index.html": {CRC: 1}, "css/site.1.css": {CRC: 2}, "robots.txt": {CRC: 3}, "sitemap.xml": {CRC: 4},
		"big.pdf": {CRC: 5, Size: maxPrecacheFile + 1}, "small.pdf": {CRC: 6, Size: 10}}
	tmpl := defaultServiceWorker(t)
	version := func(m publish.Files) string {
		t.Helper()
		return string(swVersionRe.FindSubmatch(tmpl.fill(m, shellPages{}))[1])
	}
	with := func(k string, v uint32) publish.Files {
		m := maps.Clone(base)
		m[k] = publish.File{CRC: v}
		return m
	}
	v0 := version(base)
	tests := []struct {
		name    string
		sums    publish.Files
		changed bool
	}{
		{"same files", maps.Clone(base), false},
		{"page changed", with("index.html", 9), true},
		{"new file", with("tema/ny.html", 9), true},
		{"sitemap changed", with("sitemap.xml", 9), true},
		{"old worker in the manifest", with(ServiceWorkerFile, 9), false},
		{"old zip in the manifest", with(model.ZipFile, 9), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := version(tt.sums) != v0; got != tt.changed {
				t.Errorf("version changed = %v, want %v", got, tt.changed)
			}
		})
	}
	shell := shellPages{lang: map[string]string{"index.html": "nb", "om.html": "nb"}, shell: map[string]bool{"index.html": true}}
	files := maps.Clone(base)
	files["om.html"] = publish.File{CRC: 7}
	files["js/search/nb.0123.js"] = publish.File{CRC: 8}
	files["js/search/nb/4567.js"] = publish.File{CRC: 9}
	sw := tmpl.fill(files, shell)
	for _, tt := range []struct {
		entry string
		want  bool
	}{
		{`["index.html","00000001",0,"nb",1]`, true},
		{`["om.html","00000007",0,"nb",0]`, true},
		{`["css/site.1.css","00000002",0,"",1]`, true},
		{`["js/search/nb.0123.js","00000008",0,"nb",1]`, true},
		{`["js/search/nb/4567.js","00000009",0,"nb",0]`, true},
		{`["small.pdf","00000006",10,"",0]`, true},
		{`"big.pdf"`, false},
		{`"robots.txt"`, false},
		{`"sitemap.xml"`, false},
	} {
		if got := bytes.Contains(sw, []byte(tt.entry)); got != tt.want {
			t.Errorf("file list has %s = %v, want %v", tt.entry, got, tt.want)
		}
	}
}

// TestServiceWorkerList checks that fill writes the precache list and the
// version exactly as encoding/json and fmt would, names that JSON escapes
// included.
func TestServiceWorkerList(t *testing.T) {
	files := publish.Files{"index.html": {CRC: 0xdeadbeef}, "a<b&c>.html": {CRC: 1}, `q"u\ote.css`: {CRC: 2},
		"bærekraft.html": {CRC: 3}, "tab\t.js": {CRC: 4}, "line\u2028sep.html": {CRC: 5}, "robots.txt": {CRC: 6}}
	shell := shellPages{lang: map[string]string{"index.html": "nb", "bærekraft.html": "nn"}, shell: map[string]bool{"index.html": true}}
	names := slices.Sorted(maps.Keys(files))
	var list [][5]any
	h := sha256.New()
	for _, name := range names {
		sum := fmt.Sprintf("%08x", files[name].CRC)
		fmt.Fprintf(h, "%s %s\n", name, sum)
		if precached(name, files[name].Size) {
			lang, in := shell.classify(name)
			list = append(list, [5]any{name, sum, files[name].Download(), lang, boolInt(in)})
		}
	}
	wantList, _ := json.Marshal(list)
	wantVersion, _ := json.Marshal(hex.EncodeToString(h.Sum(nil)[:8]))
	got := string(serviceWorker(swVersion+"\n"+swFiles).fill(files, shell))
	if want := string(wantVersion) + "\n" + string(wantList); got != want {
		t.Errorf("fill =\n%s\nwant\n%s", got, want)
	}
	if got := string(serviceWorker(swFiles).fill(publish.Files{"robots.txt": {}}, shellPages{})); got != "null" {
		t.Errorf("fill with nothing to precache = %s, want null", got)
	}
}

// TestOfflineFiles builds the sample site with download_zip on, edits a
// page, and checks that an incremental rebuild writes the same service
// worker and zip as a full build; that the zip is deterministic and holds
// every file; and that a check-only build and a site without download_zip
// write no zip.
func TestOfflineFiles(t *testing.T) {
	site := testsite.Copy(t, sample)
	cfg := filepath.Join(site, "hjelperen.toml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append([]byte("download_zip = true\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: site, Dest: dest}
	b := NewBuilder()
	if _, err := b.Build(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	read := func(dir, name string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	sw1, zip1 := read(dest, ServiceWorkerFile), read(dest, model.ZipFile)

	om := filepath.Join(site, "content", "om.md")
	text := read(site, "content/om.md")
	if err := os.WriteFile(om, append(text, "\nEn ny setning.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := b.Rebuild(t.Context(), opts, []string{om})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages > 3 {
		t.Fatalf("the edit gave a full build (%d pages); this test needs an incremental one", rep.Pages)
	}
	full := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: full}); err != nil {
		t.Fatal(err)
	}
	sw2, zip2 := read(dest, ServiceWorkerFile), read(dest, model.ZipFile)
	if bytes.Equal(sw1, sw2) || bytes.Equal(zip1, zip2) {
		t.Error("an edited page left the service worker or the zip as they were")
	}
	for _, name := range []string{ServiceWorkerFile, model.ZipFile} {
		if !bytes.Equal(read(dest, name), read(full, name)) {
			t.Errorf("%s after an incremental rebuild differs from a full build", name)
		}
	}

	zr, err := zip.NewReader(bytes.NewReader(zip2), int64(len(zip2)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(publish.ZipTime()) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, publish.ZipTime())
		}
	}
	joined := strings.Join(names, "\n")
	for _, want := range []string{zipFolder + "index.html", zipFolder + ServiceWorkerFile, zipFolder + "om.html"} {
		if !strings.Contains(joined, want) {
			t.Errorf("zip lacks %s", want)
		}
	}
	if strings.Contains(joined, model.ZipFile) {
		t.Error("the zip holds itself")
	}
	// Every entry holds the bytes of its file, and every file is there.
	files := treeHash(t, full)
	delete(files, model.ZipFile)
	if len(zr.File) != len(files) {
		t.Errorf("zip has %d entries, the output %d files", len(zr.File), len(files))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		name := strings.TrimPrefix(f.Name, zipFolder)
		if !bytes.Equal(got, read(full, name)) {
			t.Errorf("zip entry %s differs from the file", name)
		}
	}

	// A check-only build writes nothing and does not fail.
	if _, err := Build(t.Context(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "none"), CheckOnly: true}); err != nil {
		t.Errorf("check-only build: %v", err)
	}
	// Without download_zip there is a service worker but no zip.
	plain := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: sample, Dest: plain}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(plain, model.ZipFile)); err == nil {
		t.Error("a site without download_zip got a zip")
	}
	if _, err := os.Stat(filepath.Join(plain, ServiceWorkerFile)); err != nil {
		t.Errorf("no service worker: %v", err)
	}
}

// TestServiceWorkerFromTheme overrides the theme's sw.js: the build fills
// in the site's own file, and a file without the placeholders or with a
// syntax error is a content error naming it.
func TestServiceWorkerFromTheme(t *testing.T) {
	const own = "\"use strict\";\nconst VERSION = self.HJELPEREN_VERSION;\nconst FILES = self.HJELPEREN_FILES;\nfunction count() {\n  const files = FILES.length;\n  return files;\n}\nself.mine = [VERSION, count()];\n"
	tests := []struct {
		name, text, want string
	}{
		{"own worker", own, ""},
		{"no placeholders", "\"use strict\";\nconst VERSION = \"1\";\n", `themes/default/static/sw.js: must contain self.HJELPEREN_VERSION exactly once (found 0)`},
		{"syntax error", own + "self.addEventListener(\"fetch\", (e) => {\n", `themes/default/static/sw.js: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := testsite.Copy(t, sample)
			write(t, site, "themes/default/static/sw.js", tt.text)
			dest := filepath.Join(t.TempDir(), "public")
			_, err := Build(t.Context(), Options{Source: site, Dest: dest})
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sw, err := os.ReadFile(filepath.Join(dest, ServiceWorkerFile))
			if err != nil {
				t.Fatal(err)
			}
			if !swVersionRe.Match(sw) || !bytes.Contains(sw, []byte(`["index.html","`)) {
				t.Errorf("sw.js has no version or file list:\n%s", sw)
			}
			// Apart from the two values, sw.js is the theme's file as it is.
			back := swVersionRe.ReplaceAll(sw, []byte("const VERSION = self.HJELPEREN_VERSION;"))
			back = regexp.MustCompile(`const FILES = \[.*\];`).ReplaceAll(back, []byte("const FILES = self.HJELPEREN_FILES;"))
			if string(back) != tt.text {
				t.Errorf("sw.js is not the theme's file filled in:\n%s", sw)
			}
			matches, _ := filepath.Glob(filepath.Join(dest, "sw.*.js"))
			if len(matches) > 0 {
				t.Errorf("the service worker was also copied as an asset: %v", matches)
			}
		})
	}
}
