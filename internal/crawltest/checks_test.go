package crawltest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChecksCatchProblems makes sure the crawler and the page rules fail
// on the mistakes they exist for, using small pages written on the spot.
func TestChecksCatchProblems(t *testing.T) {
	page := func(body string) string {
		return `<!doctype html><html lang="nb"><head><title>x</title></head><body id="top">` + body + `</body></html>`
	}
	tests := []struct {
		name  string
		files map[string]string // besides index.html
		index string            // body of index.html
		crawl string            // expected in a crawl problem; "" for none
		rules string            // expected in a page rule problem; "" for none
	}{
		{"clean", map[string]string{"a/b.html": page(`<a href="../index.html#top">x</a>`)}, `<a href="a/b.html">b</a><a href="https://example.org/">ut</a><a href="mailto:x@example.org">e</a>`, "", ""},
		{"broken link", nil, `<a href="nope.html">x</a>`, "nope.html: no such file", ""},
		{"folder link", map[string]string{"a/index.html": page("")}, `<a href="a/">x</a>`, "is a folder", ""},
		{"missing anchor", nil, `<a href="#nowhere">x</a>`, "no element with that id", ""},
		{"leaves the folder", nil, `<a href="../outside.html">x</a>`, "leaves the site's folder", ""},
		{"missing image in srcset", map[string]string{"a.png": "png"}, `<img alt="" src="a.png" srcset="a.png 1x, b.png 2x">`, "b.png: no such file", ""},
		{"third-party script", nil, `<script src="https://cdn.example.org/x.js"></script>`, "asset from another site", "asset from an absolute URL"},
		{"inline script", nil, `<script>alert(1)</script>`, "", "inline script without src"},
		{"json data is fine", nil, `<script type="application/json" id="d">{}</script>`, "", ""},
		{"style attribute", nil, `<p style="color:red">x</p>`, "", "style attribute"},
		{"style element", nil, `<style>p{}</style>`, "", "style element"},
		{"event handler", nil, `<button onclick="x()">x</button>`, "", "event handler attribute onclick"},
		{"handler in svg", nil, `<svg viewBox="0 0 1 1"><rect onload="x()"/></svg>`, "", "inline SVG has"},
		{"data URL image", nil, `<img alt="" src="data:image/png;base64,AAAA">`, "unexpected URL scheme", "asset from an absolute URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			files := map[string]string{"index.html": page(tt.index)}
			for k, v := range tt.files {
				files[k] = v
			}
			for name, data := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			root := fileURL(t, dir).String() + "/"
			start, _ := url.Parse(root + "index.html")
			c := crawlSite(start, root, diskFetcher, nil)
			check(t, "crawl", c.problems, tt.crawl)
			check(t, "page rules", pageProblems("index.html", []byte(files["index.html"])), tt.rules)
		})
	}
}

func check(t *testing.T, what string, problems []string, want string) {
	t.Helper()
	joined := strings.Join(problems, "\n")
	switch {
	case want == "" && len(problems) > 0:
		t.Errorf("%s: unexpected problems:\n%s", what, joined)
	case want != "" && !strings.Contains(joined, want):
		t.Errorf("%s: want a problem with %q, got:\n%s", what, want, joined)
	}
}
