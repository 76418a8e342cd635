package model

import (
	"path"
	"strings"
)

// OutPath returns the output file for a content path in a language, such as
// "tema/bolig.md" -> "tema/bolig.html" and, for nynorsk,
// "nn/tema/bolig.html". Section overviews (_index.md) become index.html.
// Output files are plain .html files so that every link also works when the
// site is opened from disk.
func OutPath(contentPath, lang, defaultLang string) string {
	out := strings.TrimSuffix(contentPath, ".md") + ".html"
	if path.Base(contentPath) == "_index.md" {
		out = path.Join(path.Dir(contentPath), "index.html")
	}
	if lang != "" && lang != defaultLang {
		out = lang + "/" + out
	}
	return out
}

// RelURL returns the relative URL that leads from the output file from to
// the output file (or directory, ending in "/") to. Both are slash-separated
// paths relative to the output root. Relative links make the site work under
// any subpath and from file://.
func RelURL(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	var b strings.Builder
	for range fromDir[i:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(toParts[i:], "/"))
	if b.Len() == 0 {
		return "./"
	}
	return b.String()
}
