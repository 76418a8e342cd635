package model

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

// segment matches the file and folder names output paths are made of.
var segment = regexp.MustCompile(`^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$`)

// outputPath turns fuzz input into a slash-separated output path of
// such names, keeping a trailing slash (a folder).
func outputPath(s string) string {
	var parts []string
	for _, p := range strings.Split(s, "/") {
		if segment.MatchString(p) {
			parts = append(parts, p)
		}
	}
	out := strings.Join(parts, "/")
	if strings.HasSuffix(s, "/") && out != "" {
		out += "/"
	}
	return out
}

// FuzzRelURL checks that the relative URL from one output file to another
// leads there when a browser resolves it, both on a server under a
// subpath and from file://, and that it is never empty or absolute.
func FuzzRelURL(f *testing.F) {
	for _, tt := range [][2]string{
		{"index.html", "tema/bolig.html"}, {"nn/tema/bolig.html", "css/site.abc.css"},
		{"tema/index.html", "tema/"}, {"a/b/c.html", "a/d/e.html"}, {"a/b.html", "a/b.html"},
		{"a/a/a.html", "a/a/"}, {"x.html", "x/"},
	} {
		f.Add(tt[0], tt[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		from, to = outputPath(from), outputPath(to)
		if from == "" || strings.HasSuffix(from, "/") || to == "" {
			return
		}
		rel := RelURL(from, to)
		if rel == "" || strings.HasPrefix(rel, "/") {
			t.Fatalf("RelURL(%q, %q) = %q", from, to, rel)
		}
		ref, err := url.Parse(rel)
		if err != nil {
			t.Fatalf("RelURL(%q, %q) = %q: %v", from, to, rel, err)
		}
		for _, root := range []string{"https://example.no/hjelper/", "file:///home/ola/nedlastet/"} {
			base, _ := url.Parse(root + from)
			want, _ := url.Parse(root + to)
			if got := base.ResolveReference(ref); got.String() != want.String() {
				t.Errorf("RelURL(%q, %q) = %q leads to %s, want %s", from, to, rel, got, want)
			}
		}
	})
}

// FuzzOutPath checks that every content path gives an .html file in the
// language's folder, and that two content files share an output file only
// in the two ways the content loader reports as errors (see
// TestOutPathCollision in generator/content): index.md beside _index.md,
// and a content folder named like a language.
func FuzzOutPath(f *testing.F) {
	f.Add("tema/bolig.md", "tema/_index.md", "nn")
	f.Add("_index.md", "index.md", "nb")
	f.Add("nn/om.md", "om.md", "nn")
	f.Fuzz(func(t *testing.T, a, b, lang string) {
		a, b = outputPath(a), outputPath(b)
		if !strings.HasSuffix(a, ".md") || !strings.HasSuffix(b, ".md") || !segment.MatchString(lang) {
			return
		}
		for _, l := range []string{"nb", lang} {
			out := OutPath(a, l, "nb")
			if !strings.HasSuffix(out, ".html") || strings.HasSuffix(out, ".md") {
				t.Errorf("OutPath(%q, %q) = %q", a, l, out)
			}
			if l != "nb" && !strings.HasPrefix(out, l+"/") {
				t.Errorf("OutPath(%q, %q) = %q, not in the %s folder", a, l, out, l)
			}
		}
		indexPair := path.Dir(a) == path.Dir(b) && path.Base(a) != path.Base(b) &&
			strings.TrimPrefix(path.Base(a), "_") == "index.md" && strings.TrimPrefix(path.Base(b), "_") == "index.md"
		if a != b && !indexPair && OutPath(a, lang, "nb") == OutPath(b, lang, "nb") {
			t.Errorf("%q and %q both give %q", a, b, OutPath(a, lang, "nb"))
		}
		if lang != "nb" && OutPath(a, "nb", "nb") == OutPath(b, lang, "nb") && !strings.HasPrefix(a, lang+"/") {
			t.Errorf("%q in nb and %q in %s both give %q", a, b, lang, OutPath(a, "nb", "nb"))
		}
	})
}
