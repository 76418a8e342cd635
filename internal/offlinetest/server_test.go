package offlinetest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/crc32"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// server serves a built site under a path prefix the way a web host does:
// text compressed with gzip when the browser accepts it, an ETag and 304
// answers for revalidation, and the site's 404.html for a missing address
// at any depth. It counts every byte it sends (status line, headers and
// body), so a test sees what a visitor downloads, including what the
// service worker fetches on its own. It can be switched off: then every
// connection is cut without an answer, as with no network.
type server struct {
	url     string // the site root
	dir     string
	offline atomic.Bool

	mu    sync.Mutex
	sent  int            // bytes sent since the last reset
	paths map[string]int // bytes sent per path since the last reset
}

func newServer(t *testing.T, dir, prefix string) *server {
	t.Helper()
	s := &server{dir: dir, paths: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(s.serve(prefix)))
	t.Cleanup(srv.Close)
	s.url = srv.URL + prefix
	return s
}

func (s *server) serve(prefix string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.offline.Load() {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		if strings.HasSuffix(r.URL.Path, "/") {
			name += "index.html"
		}
		status := http.StatusOK
		data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(path.Clean("/"+name))))
		if !ok || err != nil {
			status, name = http.StatusNotFound, "404.html"
			if data, err = os.ReadFile(filepath.Join(s.dir, name)); err != nil {
				data = []byte("not found")
			}
		}
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'")
		h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		h.Set("Cache-Control", "no-cache")
		etag := fmt.Sprintf(`"%08x"`, crc32.ChecksumIEEE(data))
		h.Set("ETag", etag)
		if status == http.StatusOK && r.Header.Get("If-None-Match") == etag {
			s.count(r.URL.Path, h, 0)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && compressible(name) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			data = buf.Bytes()
			h.Set("Content-Encoding", "gzip")
			h.Set("Vary", "Accept-Encoding")
		}
		h.Set("Content-Length", fmt.Sprint(len(data)))
		s.count(r.URL.Path, h, len(data))
		w.WriteHeader(status)
		w.Write(data)
	}
}

func compressible(name string) bool {
	switch path.Ext(name) {
	case ".html", ".css", ".js", ".svg", ".json", ".xml", ".txt":
		return true
	}
	return false
}

// count records a response: its headers as they go on the wire and body
// bytes.
func (s *server) count(p string, h http.Header, body int) {
	n := len("HTTP/1.1 200 OK\r\n\r\n") + len("Date: Mon, 02 Jan 2006 15:04:05 GMT\r\n")
	for k, vs := range h {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	s.mu.Lock()
	s.sent += n + body
	s.paths[p] += n + body
	s.mu.Unlock()
}

// reset returns the bytes sent since the last reset, in all and by path,
// and starts counting again.
func (s *server) reset() (int, map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, paths := s.sent, s.paths
	s.sent, s.paths = 0, map[string]int{}
	return n, paths
}

func (s *server) setOffline(off bool) { s.offline.Store(off) }
