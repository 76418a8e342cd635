package serve

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// errorPage is shown instead of every page while the site has no good
// build in this session, so the editor sees what to fix rather than a
// bare 404. It loads the live-reload script, which reloads it once a build
// succeeds, and is styled by the server's stylesheet (no inline styles).
var errorPage = template.Must(template.ParseFS(assets, "assets/error.html"))

// files serves the preview folder, adding the live-reload script to every
// page on the way out.
func (s *Server) files(w http.ResponseWriter, r *http.Request) {
	rel, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), s.basePath))
	if err != nil {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	rel = path.Clean("/" + rel)[1:]
	w.Header().Set("Cache-Control", "no-store")
	if err := s.brokenBeforeGood(); err != nil && path.Ext(rel) == ".html" {
		s.showError(w, err)
		return
	}
	full := filepath.Join(s.opts.Build.Dest, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err == nil && fi.IsDir() {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	if err != nil {
		s.notFound(w, rel)
		return
	}
	if path.Ext(rel) == ".html" {
		s.page(w, full, http.StatusOK)
		return
	}
	http.ServeFile(w, r, full)
}

// brokenBeforeGood returns the build error when no build of this session
// has succeeded yet. The preview folder may still hold an older build, but
// showing it would hide the error.
func (s *Server) brokenBeforeGood() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.built {
		return nil
	}
	return s.lastErr
}

// page serves the HTML file full with the live-reload script added.
func (s *Server) page(w http.ResponseWriter, full string, code int) {
	b, err := os.ReadFile(full)
	if err != nil {
		http.Error(w, "404 – fant ikke siden", http.StatusNotFound)
		return
	}
	s.write(w, b, code)
}

// write answers with the page b and the live-reload script added.
func (s *Server) write(w http.ResponseWriter, b []byte, code int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(injectScript(b, s.basePath+prefix+"reload.js"))
}

// notFound answers for the missing file rel with the site's 404 page, its
// links made relative to rel's folder.
func (s *Server) notFound(w http.ResponseWriter, rel string) {
	b, err := os.ReadFile(filepath.Join(s.opts.Build.Dest, "404.html"))
	if err != nil {
		http.Error(w, "404 – fant ikke siden", http.StatusNotFound)
		return
	}
	s.write(w, rebase(b, strings.Count(rel, "/")), http.StatusNotFound)
}

// relLink matches a link attribute and its value in a built page.
var relLink = regexp.MustCompile(`(\s(?:href|src|action)=")([^"]*)"`)

// scheme matches the start of an absolute URL.
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// rebase returns the 404 page, whose links are relative to the site's
// folder where it lies, with its relative links made to work from a
// folder depth levels below, as the theme's service worker does.
func rebase(html []byte, depth int) []byte {
	if depth <= 0 {
		return html
	}
	up := strings.Repeat("../", depth)
	return relLink.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := relLink.FindSubmatch(m)
		v := string(sub[2])
		if v == "" || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "/") || scheme.MatchString(v) {
			return m
		}
		return []byte(string(sub[1]) + up + v + `"`)
	})
}

// showError answers with the error page for err.
func (s *Server) showError(w http.ResponseWriter, err error) {
	var b bytes.Buffer
	_ = errorPage.Execute(&b, map[string]string{"Base": s.basePath + prefix, "Message": err.Error()})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(b.Bytes())
}

// injectScript adds a script element pointing at src just before </head>
// (or at the end when the page has no head).
func injectScript(html []byte, src string) []byte {
	tag := []byte(`<script src="` + src + `" defer></script>`)
	if i := bytes.Index(html, []byte("</head>")); i >= 0 {
		out := make([]byte, 0, len(html)+len(tag))
		out = append(out, html[:i]...)
		out = append(out, tag...)
		return append(out, html[i:]...)
	}
	return append(html, tag...)
}
