// Package serve previews a site while it is being edited: it serves the
// last good build, rebuilds when source files change, tells every open
// browser tab to reload through Server-Sent Events, and shows build errors
// in an overlay while the last good build keeps being served.
package serve

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/watch"
)

//go:embed assets
var assets embed.FS

// Options configure a Server.
type Options struct {
	Build generator.Options
	// Log receives one line per build; nil discards.
	Log io.Writer
}

// Server rebuilds and serves a site. Create it with New.
type Server struct {
	opts     Options
	builder  *generator.Builder
	basePath string // "/" or "/nb/troms-finnmark/baerekraft/", escaped
	// build builds after changes to the given files (all when nil); a
	// test replaces it to control when a build ends.
	build func(ctx context.Context, changed []string) (generator.Report, error)

	mu      sync.Mutex
	lastErr error
	built   bool // a build of this session succeeded, so its output is served
	clients map[chan event]bool

	quit      chan struct{} // closed by Close; ends the event streams
	closeOnce sync.Once

	newWatcher func(watch.Options) (*watch.Watcher, error) // watch.New; tests replace it
}

// Close ends every open event stream, so the HTTP server can shut down.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.quit) })
}

type event struct {
	name string
	data string
}

// prefix is where the server's own files live, under the base path.
const prefix = "_hjelperen/"

// New returns a Server for opts. The base path comes from --base-url or
// base_url in hjelperen.toml, so the preview is served under the same path
// as the hosted site. Without opts.Build.Dest the preview is built in a
// folder of its own (see PreviewDir), never into the site's public/.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Build.Source == "" {
		opts.Build.Source = "."
	}
	if opts.Build.Dest == "" {
		opts.Build.Dest = PreviewDir(opts.Build.Source)
	}
	// The preview has no download zip: it would make every edit cost as
	// much as the whole site (see generator.Options.NoZip).
	opts.Build.NoZip = true
	s := &Server{opts: opts, builder: generator.NewBuilder(), clients: map[chan event]bool{}, quit: make(chan struct{}), newWatcher: watch.New}
	s.basePath = basePath(opts.Build.BaseURL, opts.Build.Source)
	s.build = s.runBuilder
	return s
}

// runBuilder is the real build.
func (s *Server) runBuilder(ctx context.Context, changed []string) (generator.Report, error) {
	if changed == nil {
		return s.builder.Build(ctx, s.opts.Build)
	}
	return s.builder.Rebuild(ctx, s.opts.Build, changed)
}

// basePath returns the path part of the base URL, from the flag or the
// configuration file.
func basePath(flagURL, source string) string {
	raw := flagURL
	if raw == "" {
		raw = configBaseURL(source)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return "/"
	}
	// Escaped, so that it is safe as a ServeMux pattern (where a space
	// would start a method) and as a URL in a page.
	return "/" + strings.Trim(u.EscapedPath(), "/") + "/"
}

// configBaseURL returns base_url from the site's configuration, or ""
// when the file cannot be read; the first build reports why.
func configBaseURL(source string) string {
	cfg, err := content.LoadConfig(os.DirFS(source))
	if err != nil {
		return ""
	}
	return cfg.BaseURL
}

// BasePath returns the path the site is served under, escaped as in a URL.
func (s *Server) BasePath() string { return s.basePath }

// Dest returns the folder the preview is built in.
func (s *Server) Dest() string { return s.opts.Build.Dest }

// PreviewDir returns the folder serve builds the site in source into when
// no --dest is given: one folder per site in the system's temporary
// folder, kept between sessions so the next start can reuse its files.
// The preview never goes into public/, so what is deployed holds no trace
// of it (the live-reload script is added while serving, not written).
func PreviewDir(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		abs = source
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(os.TempDir(), "hjelperen-preview-"+hex.EncodeToString(sum[:6]), "public")
}

// Rebuild builds the site and notifies the browsers: "reload" after a good
// build, "error" with the problems after a failed one. A failed build
// leaves the last good output in place.
func (s *Server) Rebuild() error { return s.rebuild(context.Background(), nil) }

// rebuild rebuilds after changes to the given files; with none, it builds
// everything. A build cancelled through ctx changes nothing and tells the
// browsers nothing: a newer build follows, or the server is stopping.
func (s *Server) rebuild(ctx context.Context, changed []string) error {
	start := time.Now()
	rep, err := s.build(ctx, changed)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(s.opts.Log, "Build stopped after %d ms (%v)\n", time.Since(start).Milliseconds(), context.Cause(ctx))
		return err
	}
	s.mu.Lock()
	s.lastErr = err
	s.built = s.built || err == nil
	built := s.built
	s.mu.Unlock()
	if err != nil {
		if built {
			fmt.Fprintf(s.opts.Log, "Build failed (the last good build is still served):\n%v\n", err)
		} else {
			fmt.Fprintf(s.opts.Log, "Build failed (the browser shows the error until it is fixed):\n%v\n", err)
		}
		s.broadcast(errorEvent(err))
		return err
	}
	rep.WriteWarnings(s.opts.Log)
	fmt.Fprintf(s.opts.Log, "Built %d pages in %d ms\n", rep.Pages, time.Since(start).Milliseconds())
	s.broadcast(event{name: "reload", data: "{}"})
	return nil
}

func errorEvent(err error) event {
	b, _ := json.Marshal(map[string]string{"message": err.Error()})
	return event{name: "error", data: string(b)}
}

func (s *Server) broadcast(ev event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a slow client gets the next event
		}
	}
}

// Handler returns the HTTP handler: the site under the base path, the
// reload script and the event stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(s.basePath+prefix+"events", s.events)
	mux.HandleFunc(s.basePath+prefix+"reload.js", s.asset("reload.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc(s.basePath+prefix+"overlay.css", s.asset("overlay.css", "text/css; charset=utf-8"))
	mux.HandleFunc(s.basePath, s.files)
	if s.basePath != "/" {
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/" {
				http.Redirect(w, r, s.basePath, http.StatusFound)
				return
			}
			http.NotFound(w, r)
		})
	}
	return secure(mux)
}

// secure refuses paths that try to leave the output folder and sets the
// same strict Content-Security-Policy the hosted site must run under.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, seg := range strings.Split(r.URL.Path, "/") {
			if seg == ".." {
				http.Error(w, "bad path", http.StatusBadRequest)
				return
			}
		}
		if strings.Contains(r.URL.Path, "\\") || strings.ContainsRune(r.URL.Path, 0) {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) asset(name, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := assets.ReadFile("assets/" + name)
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	}
}

// events streams reload and error events to one browser tab.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = true
	lastErr := s.lastErr
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	first := event{name: "ok", data: "{}"}
	if lastErr != nil {
		first = errorEvent(lastErr)
	}
	writeEvent(w, first)
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case ev := <-c:
			writeEvent(w, ev)
			fl.Flush()
		case <-ping.C:
			io.WriteString(w, ": ping\n\n")
			fl.Flush()
		}
	}
}

func writeEvent(w io.Writer, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
}

// Watch rebuilds on every batch of changes until ctx is done. It returns
// at once if the watcher cannot start. A change that arrives while a build
// runs cancels that build and starts a new one, which covers the changes
// of both.
func (s *Server) Watch(ctx context.Context) error {
	w, err := s.startWatch()
	if err != nil {
		return err
	}
	s.watch(ctx, w)
	return nil
}

// startWatch starts watching the site's source files.
func (s *Server) startWatch() (*watch.Watcher, error) {
	src := s.opts.Build.Source
	return s.newWatcher(watch.Options{
		Dirs:  []string{filepath.Join(src, "content"), filepath.Join(src, "themes"), filepath.Join(src, "static")},
		Files: []string{filepath.Join(src, content.ConfigFile)},
	})
}

// watch rebuilds on every batch of changes w reports until ctx is done.
func (s *Server) watch(ctx context.Context, w *watch.Watcher) {
	go w.Run(ctx)
	s.loop(ctx, w.Batches, w.Errors)
}

// errNewerChange and errStopping say why a build was cancelled.
var (
	errNewerChange = errors.New("newer changes")
	errStopping    = errors.New("server stopping")
)

// loop rebuilds on every batch of changed files until ctx is done, and
// then cancels the running build and waits for it.
func (s *Server) loop(ctx context.Context, batches <-chan []string, errs <-chan error) {
	stop := func(error) {}
	for {
		select {
		case <-ctx.Done():
			stop(errStopping)
			return
		case batch := <-batches:
			stop(errNewerChange)
			fmt.Fprintf(s.opts.Log, "Changed: %s\n", strings.Join(rel(s.opts.Build.Source, batch), ", "))
			stop = s.start(ctx, batch)
		case err := <-errs:
			fmt.Fprintf(s.opts.Log, "watch: %v\n", err)
		}
	}
}

// start rebuilds after changes in the background. The function it returns
// cancels that build with the given cause and waits for it to end; a
// cancelled rebuild keeps its changed files for the next one.
func (s *Server) start(ctx context.Context, changed []string) (stop func(cause error)) {
	bctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.rebuild(bctx, changed)
	}()
	return func(cause error) {
		cancel(cause)
		<-done
	}
}

func rel(base string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if r, err := filepath.Rel(base, p); err == nil {
			p = r
		}
		out[i] = filepath.ToSlash(p)
	}
	return out
}

// ListenAndServe listens on addr, builds once, then serves and watches for
// changes until ctx is done. A busy port is an error before anything is
// built. A failing first build is reported but the server still starts,
// so the editor sees the error in the browser; so is a watcher that cannot
// start, and the server then serves without rebuilding.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	_ = s.rebuild(ctx, nil)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		s.Close()
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if w, err := s.startWatch(); err != nil {
		fmt.Fprintf(s.opts.Log, "Warning: cannot watch the site's files for changes (%v).\n"+
			"The preview is served, but it is not rebuilt or reloaded when you save: stop serve (Ctrl+C) and start it again to see changes.\n", err)
	} else {
		go s.watch(ctx, w)
	}
	if ready != nil {
		ready("http://" + ln.Addr().String() + s.basePath)
	}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
