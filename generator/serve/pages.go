package serve

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
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
		s.notFound(w)
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
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(injectScript(b, s.basePath+prefix+"reload.js"))
}

func (s *Server) notFound(w http.ResponseWriter) {
	s.page(w, filepath.Join(s.opts.Build.Dest, "404.html"), http.StatusNotFound)
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
