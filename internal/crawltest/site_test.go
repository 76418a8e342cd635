// Package crawltest holds the site-wide quality bars of issue 5 that look
// at the built HTML as a whole: a crawler that follows every link and
// asset over http (under a subpath) and from disk, the page rules behind
// the strict Content-Security-Policy, the downloadable zip, the Nu Html
// Checker, and the service worker that makes the site work offline.
//
// Every test builds the real site in the repository (content/, themes/,
// hjelperen.toml) once, into a temporary folder.
package crawltest

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// source is the repository root, the real site.
const source = "../.."

// subpath is where the site is served in the tests, as on the real host.
const subpath = "/nb/troms-finnmark/baerekraft/"

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
	tmpRoot   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if tmpRoot != "" {
		os.RemoveAll(tmpRoot)
	}
	os.Exit(code)
}

// site builds the real site once per test binary and returns the output
// folder. Tests must not change it.
func site(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		tmpRoot, buildErr = os.MkdirTemp("", "crawltest-")
		if buildErr != nil {
			return
		}
		buildDir = filepath.Join(tmpRoot, "public")
		_, buildErr = generator.Build(t.Context(), generator.Options{Source: source, Dest: buildDir})
	})
	if buildErr != nil {
		t.Fatalf("build the site: %v", buildErr)
	}
	return buildDir
}

// htmlFiles returns the slash paths of every HTML file under dir, sorted.
func htmlFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// element is a start tag with its attributes (values unescaped) and, for
// script and style elements, the text inside.
type element struct {
	Name  string
	Attrs map[string]string
	Order []string // attribute names in source order
	Text  string
	Line  int
}

// parseHTML returns the elements of a page in document order. Inline SVG
// comes back as one "svg" element whose Text is its markup.
func parseHTML(data []byte) ([]*element, error) {
	l := phtml.NewLexer(parse.NewInputBytes(data))
	var out []*element
	var cur *element
	offset := 0
	for {
		tt, raw := l.Next()
		switch tt {
		case phtml.ErrorToken:
			if err := l.Err(); err != nil && err != io.EOF {
				return out, err
			}
			return out, nil
		case phtml.StartTagToken:
			cur = &element{Name: strings.ToLower(string(l.Text())), Attrs: map[string]string{}, Line: 1 + bytes.Count(data[:min(offset, len(data))], []byte("\n"))}
			out = append(out, cur)
		case phtml.AttributeToken:
			if cur != nil {
				k := strings.ToLower(string(l.AttrKey()))
				v := string(l.AttrVal())
				if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
					v = v[1 : len(v)-1]
				}
				cur.Attrs[k] = html.UnescapeString(v)
				cur.Order = append(cur.Order, k)
			}
		case phtml.TextToken:
			if cur != nil && (cur.Name == "script" || cur.Name == "style") {
				cur.Text += string(raw)
			}
		case phtml.EndTagToken:
			cur = nil
		case phtml.SVGToken:
			out = append(out, &element{Name: "svg", Attrs: map[string]string{}, Text: string(raw)})
			cur = nil
		}
		offset += len(raw)
	}
}

// ref is a URL a page refers to.
type ref struct {
	URL   string
	Asset bool   // loaded by the browser with the page (not a link to follow)
	Where string // element and attribute, for messages
}

// refs returns every URL a page refers to: links, stylesheets, scripts,
// images (srcset included), media and frames.
func refs(els []*element) []ref {
	var out []ref
	add := func(e *element, attr string, asset bool) {
		v, ok := e.Attrs[attr]
		if !ok {
			return
		}
		where := fmt.Sprintf("<%s %s> (line %d)", e.Name, attr, e.Line)
		if attr == "srcset" {
			for _, part := range strings.Split(v, ",") {
				if f := strings.Fields(part); len(f) > 0 {
					out = append(out, ref{URL: f[0], Asset: true, Where: where})
				}
			}
			return
		}
		out = append(out, ref{URL: v, Asset: asset, Where: where})
	}
	for _, e := range els {
		switch e.Name {
		case "a", "area":
			add(e, "href", false)
		case "link":
			rel := " " + strings.ToLower(e.Attrs["rel"]) + " "
			asset := !strings.Contains(rel, " canonical ") && !strings.Contains(rel, " alternate ")
			add(e, "href", asset)
		case "script", "img", "iframe", "embed", "audio", "video", "source", "track", "input":
			add(e, "src", true)
			add(e, "srcset", true)
		case "object":
			add(e, "data", true)
		case "form":
			add(e, "action", false)
		}
		if e.Name == "video" {
			add(e, "poster", true)
		}
	}
	return out
}
