package crawltest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// fetcher gets one URL of the site. It returns an error for anything a
// browser would not show (404, a folder listing, a missing file).
type fetcher func(u *url.URL) (body []byte, isHTML bool, err error)

// crawl is the result of following every link from a start page.
type crawl struct {
	pages    int
	files    int
	problems []string
	visited  map[string]bool // URLs relative to the root that were found
}

// crawlSite follows every internal link and asset from start, breadth
// first. inside reports whether a URL belongs to the site; same-scheme
// URLs outside it are errors (they escape the site's folder). Assets on
// other sites are errors too; links to them are not followed. allowMissing
// lists URL paths (relative to the site root) that may be missing.
func crawlSite(start *url.URL, root string, get fetcher, allowMissing map[string]bool) crawl {
	c := crawl{visited: map[string]bool{}}
	seen := map[string]bool{start.String(): true}
	queue := []*url.URL{start}
	ids := map[string]map[string]bool{} // page URL -> element IDs
	type anchor struct{ page, frag, from string }
	var anchors []anchor
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		body, isHTML, err := get(u)
		if err != nil {
			rel := strings.TrimPrefix(u.String(), root)
			if !allowMissing[rel] {
				c.problems = append(c.problems, fmt.Sprintf("%s: %v (linked from %s)", rel, err, strings.Join(referrers[u.String()], ", ")))
			}
			continue
		}
		c.files++
		c.visited[strings.TrimPrefix(u.String(), root)] = true
		if !isHTML {
			continue
		}
		c.pages++
		els, err := parseHTML(body)
		if err != nil {
			c.problems = append(c.problems, fmt.Sprintf("%s: parse: %v", u, err))
			continue
		}
		pageIDs := map[string]bool{}
		for _, e := range els {
			if id, ok := e.Attrs["id"]; ok {
				pageIDs[id] = true
			}
			if e.Name == "a" && e.Attrs["name"] != "" {
				pageIDs[e.Attrs["name"]] = true
			}
		}
		ids[u.String()] = pageIDs
		from := strings.TrimPrefix(u.String(), root)
		for _, r := range refs(els) {
			ref, err := url.Parse(strings.TrimSpace(r.URL))
			if err != nil {
				c.problems = append(c.problems, fmt.Sprintf("%s: %s: bad URL %q: %v", from, r.Where, r.URL, err))
				continue
			}
			switch ref.Scheme {
			case "mailto", "tel":
				continue
			case "http", "https", "":
				if ref.Scheme != "" && ref.Scheme != start.Scheme || ref.Host != "" && ref.Host != start.Host {
					if r.Asset {
						c.problems = append(c.problems, fmt.Sprintf("%s: %s: asset from another site: %s", from, r.Where, r.URL))
					}
					continue
				}
			case "file":
			default:
				c.problems = append(c.problems, fmt.Sprintf("%s: %s: unexpected URL scheme: %s", from, r.Where, r.URL))
				continue
			}
			abs := u.ResolveReference(ref)
			frag := abs.Fragment
			abs.Fragment, abs.RawFragment = "", ""
			if !strings.HasPrefix(abs.String(), root) {
				c.problems = append(c.problems, fmt.Sprintf("%s: %s: %s leaves the site's folder (%s)", from, r.Where, r.URL, abs))
				continue
			}
			key := abs.String()
			if frag != "" {
				anchors = append(anchors, anchor{key, frag, from})
			}
			referrers[key] = appendOnce(referrers[key], from)
			if !seen[key] {
				seen[key] = true
				queue = append(queue, abs)
			}
		}
	}
	for _, a := range anchors {
		if pageIDs, ok := ids[a.page]; ok && !pageIDs[a.frag] {
			c.problems = append(c.problems, fmt.Sprintf("%s: link to #%s in %s: no element with that id", a.from, a.frag, strings.TrimPrefix(a.page, root)))
		}
	}
	clear(referrers)
	sort.Strings(c.problems)
	return c
}

// referrers maps a URL to the pages that link to it, for messages. Crawls
// run one at a time (the tests using it are not parallel).
var referrers = map[string][]string{}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	if len(list) >= 3 {
		return list
	}
	return append(list, s)
}

// httpFetcher fetches over http and fails on any status but 200.
func httpFetcher(t *testing.T) fetcher {
	client := &http.Client{Timeout: time.Minute} // a safety net, not a speed limit
	return func(u *url.URL) ([]byte, bool, error) {
		res, err := client.Get(u.String())
		if err != nil {
			return nil, false, err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			return nil, false, err
		}
		if res.StatusCode != http.StatusOK {
			return nil, false, fmt.Errorf("HTTP %d", res.StatusCode)
		}
		return body, strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"), nil
	}
}

// diskFetcher reads file:// URLs as a browser opening the site from disk
// does: a folder is an error, since the browser shows a file listing
// rather than its index.html.
func diskFetcher(u *url.URL) ([]byte, bool, error) {
	name := filepath.FromSlash(u.Path)
	info, err := os.Stat(name)
	if err != nil {
		return nil, false, fmt.Errorf("no such file")
	}
	if info.IsDir() {
		return nil, false, fmt.Errorf("is a folder: from disk the browser shows a file listing, link to its index.html instead")
	}
	body, err := os.ReadFile(name)
	return body, strings.HasSuffix(name, ".html"), err
}

func fileURL(t testing.TB, p string) *url.URL {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
}

// TestCrawl follows every link and asset from the front page, served over
// http under a subpath and opened from disk: nothing may be missing.
func TestCrawl(t *testing.T) {
	dir := site(t)
	base := browsertest.ServeDir(t, dir, subpath, nil)
	baseURL, _ := url.Parse(base + "index.html")
	diskRoot := fileURL(t, dir).String() + "/"
	diskStart, _ := url.Parse(diskRoot + "index.html")
	tests := []struct {
		name  string
		start *url.URL
		root  string
		get   fetcher
	}{
		{"http under " + subpath, baseURL, base, httpFetcher(t)},
		{"file://", diskStart, diskRoot, diskFetcher},
	}
	pages := map[string]int{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := crawlSite(tt.start, tt.root, tt.get, nil)
			for _, p := range c.problems {
				t.Error(p)
			}
			t.Logf("%d pages, %d files in all", c.pages, c.files)
			if c.pages < 50 {
				t.Errorf("only %d pages reachable from the front page", c.pages)
			}
			pages[tt.name] = c.pages
			if tt.start.Scheme != "file" {
				return
			}
			// Every page must be reachable by links from the front page.
			var orphans []string
			for _, f := range htmlFiles(t, dir) {
				if !c.visited[f] && f != "404.html" {
					orphans = append(orphans, f)
				}
			}
			if len(orphans) > 0 {
				t.Errorf("%d pages no link from the front page leads to: %s", len(orphans), strings.Join(orphans, ", "))
			}
		})
	}
	if len(pages) == 2 && pages[tests[0].name] != pages[tests[1].name] {
		t.Errorf("http and disk crawls reached different numbers of pages: %v", pages)
	}
}

var (
	onAttr     = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	styleAttr  = regexp.MustCompile(`(?i)\sstyle\s*=`)
	scriptElem = regexp.MustCompile(`(?i)<(script|style)[\s>]`)
)

// TestPageRules checks what the site's Content-Security-Policy
// (default-src 'self') and its promise of no third-party requests demand
// of every HTML page: no inline scripts (JSON data blocks excepted), no
// style elements or attributes, no event handler attributes, and no
// assets from absolute URLs.
func TestPageRules(t *testing.T) {
	dir := site(t)
	files := htmlFiles(t, dir)
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pageProblems(name, data) {
			t.Error(p)
		}
	}
	if len(files) < 50 {
		t.Errorf("only %d HTML files checked", len(files))
	}
}

// pageProblems returns what breaks the page rules in the page name.
func pageProblems(name string, data []byte) []string {
	var out []string
	els, err := parseHTML(data)
	if err != nil {
		return []string{fmt.Sprintf("%s: parse: %v", name, err)}
	}
	for _, e := range els {
		where := fmt.Sprintf("%s:%d: <%s>", name, e.Line, e.Name)
		switch {
		case e.Name == "script" && e.Attrs["src"] == "":
			if !strings.HasSuffix(strings.ToLower(e.Attrs["type"]), "json") {
				out = append(out, fmt.Sprintf("%s: inline script without src: %.80q", where, e.Text))
			}
		case e.Name == "style":
			out = append(out, fmt.Sprintf("%s: style element (CSP blocks inline styles; use the stylesheet)", where))
		case e.Name == "svg":
			for _, re := range []*regexp.Regexp{onAttr, styleAttr, scriptElem} {
				if m := re.FindString(e.Text); m != "" {
					out = append(out, fmt.Sprintf("%s: inline SVG has %q", where, strings.TrimSpace(m)))
				}
			}
		}
		for _, k := range e.Order {
			if k == "style" {
				out = append(out, fmt.Sprintf("%s: style attribute %q", where, e.Attrs[k]))
			}
			if strings.HasPrefix(k, "on") {
				out = append(out, fmt.Sprintf("%s: event handler attribute %s", where, k))
			}
		}
	}
	for _, r := range refs(els) {
		if !r.Asset {
			continue
		}
		u := strings.ToLower(strings.TrimSpace(r.URL))
		if strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "data:") {
			out = append(out, fmt.Sprintf("%s: %s: asset from an absolute URL: %s", name, r.Where, r.URL))
		}
	}
	return out
}

// TestDownloadZip checks the downloadable copy of the site: it holds
// exactly the built files in one folder, is byte-for-byte the same when
// built again, and works when unzipped and opened from disk.
func TestDownloadZip(t *testing.T) {
	dir := site(t)
	data, err := os.ReadFile(filepath.Join(dir, model.ZipFile))
	if err != nil {
		t.Fatalf("the site has no download (download_zip = true in hjelperen.toml): %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var disk []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if rel = filepath.ToSlash(rel); rel != model.ZipFile {
				disk = append(disk, rel)
			}
		}
		return nil
	})
	sort.Strings(disk)

	const folder = "baerekrafthjelperen/"
	var names []string
	var size uint64
	first := zr.File[0].Modified
	for _, f := range zr.File {
		size += f.UncompressedSize64
		if !strings.HasPrefix(f.Name, folder) {
			t.Errorf("zip entry %s is not in the folder %s", f.Name, folder)
			continue
		}
		if !f.Modified.Equal(first) {
			t.Errorf("zip entry %s: time %v differs from %v", f.Name, f.Modified, first)
		}
		names = append(names, strings.TrimPrefix(f.Name, folder))
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("zip entry %s: %v", f.Name, err)
		}
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f.Name, folder))))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("zip entry %s differs from the built file (%v)", f.Name, err)
		}
	}
	if !sort.StringsAreSorted(names) {
		t.Error("zip entries are not sorted")
	}
	if strings.Join(names, "\n") != strings.Join(disk, "\n") {
		t.Errorf("zip entries differ from the built files:\nzip:  %v\ndisk: %v", names, disk)
	}
	t.Logf("%s: %d files, %d KB (%d KB unzipped)", model.ZipFile, len(names), len(data)/1024, size/1024)

	// The same site gives the same bytes.
	again := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(t.Context(), generator.Options{Source: source, Dest: again}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{model.ZipFile, generator.ServiceWorkerFile} {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds of the same site", name)
		}
	}

	// Unzipped, the copy works from disk. Its link to the zip itself is
	// hidden by site.js when the page is opened from disk.
	out := t.TempDir()
	for _, f := range zr.File {
		p := filepath.Join(out, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := fileURL(t, filepath.Join(out, path.Clean(folder))).String() + "/"
	start, _ := url.Parse(root + "index.html")
	c := crawlSite(start, root, diskFetcher, map[string]bool{model.ZipFile: true})
	for _, p := range c.problems {
		t.Errorf("unzipped copy: %s", p)
	}
	if c.pages < 50 {
		t.Errorf("unzipped copy: only %d pages reachable", c.pages)
	}
}
