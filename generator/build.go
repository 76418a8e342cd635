// Package generator builds a Bærekrafthjelperen site. Build runs the
// phases in order: load (configuration, content, theme strings), assets
// (theme and site static files, minified and fingerprinted), render (every
// page, in parallel, streamed to a staging folder) and publish (sitemap,
// robots.txt, 404 page, then an atomic swap into the destination).
package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/themes"
)

// Options configure a build. The zero value builds "." into "public".
type Options struct {
	Source string // site folder with hjelperen.toml; default "."
	Dest   string // output folder; default "public" inside Source
	// BaseURL overrides base_url from hjelperen.toml.
	BaseURL string
	// CheckOnly loads, validates and renders everything but writes nothing.
	CheckOnly bool
	// NoZip leaves out the downloadable zip even when hjelperen.toml asks
	// for it. The preview server sets it: the zip holds every file, so
	// keeping it up to date would make every edit cost as much as the
	// whole site, and nobody downloads the preview.
	NoZip bool
}

// Report summarises a build.
type Report struct {
	Pages    int // HTML pages written
	Files    int // all files written
	Duration time.Duration
	// Warnings are problems that do not stop the build, in bokmål,
	// such as a page above its size budget (see PageBudget).
	Warnings []string
	// Untranslated lists, after a check, what each language still
	// lacks (see content.Missing).
	Untranslated []Untranslated
}

// Untranslated is what a language of the site still lacks.
type Untranslated = content.Untranslated

// Builder builds sites. It keeps parsers that are costly to set up, so a
// server should reuse one Builder. It is safe for concurrent use.
type Builder struct {
	kinds  *model.KindSet
	loader *content.Loader
	min    *publish.Minifier
	// minifyPages minifies every rendered page instead of the layouts
	// once; the output is the same after minifying (tests compare them).
	minifyPages bool

	mu      sync.Mutex
	last    *state          // the last successful build, for Rebuild
	pending map[string]bool // files changed since the last successful build
}

// state is what an incremental rebuild starts from.
type state struct {
	opts     Options
	snap     *content.Snapshot
	renderer *render.Renderer
	sigs     map[string]string // output path -> signature of what other pages may show of it
	sw       serviceWorker     // the theme's, to fill in again
	files    publish.Files     // every file written
	search   searchIndexes     // nil when the site has no search
}

// NewBuilder returns a Builder for the built-in page kinds.
func NewBuilder() *Builder { return NewBuilderFor(kinds.Builtin()) }

// NewBuilderFor returns a Builder for the page kinds in ks.
func NewBuilderFor(ks *model.KindSet) *Builder {
	return &Builder{kinds: ks, loader: content.NewLoaderFor(ks), min: publish.NewMinifier()}
}

// Build builds the site once with a new Builder.
func Build(ctx context.Context, opts Options) (Report, error) {
	return NewBuilder().Build(ctx, opts)
}

// zip reports whether the build writes the downloadable zip.
func (o Options) zip(cfg *model.Config) bool { return cfg.DownloadZip && !o.NoZip && !o.CheckOnly }

func (o Options) withDefaults() Options {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = path.Join(o.Source, "public")
	}
	return o
}

// Build loads, validates and renders the site and swaps the result into
// opts.Dest. On any error the destination is left as it was; the error is
// a diag.List when the problems are in the site's files. When ctx is done
// the build stops and returns ctx.Err(), also leaving the destination as
// it was.
func (b *Builder) Build(ctx context.Context, opts Options) (Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.build(ctx, opts.withDefaults())
}

func (b *Builder) build(ctx context.Context, opts Options) (Report, error) {
	start := time.Now()
	root := os.DirFS(opts.Source)

	// Phase 1: the configuration, which names the theme and says whether
	// to make a download, and the output.
	cfg, err := content.LoadConfig(root)
	if err != nil {
		return Report{}, err
	}
	theme := themes.Open(root, cfg.Theme)
	if _, err := fs.Stat(theme, "."); err != nil {
		return Report{}, diag.List{diag.Errorf(diag.Position{File: content.ConfigFile},
			"theme: finner ikke malen «%s» (ingen mappe themes/%s og ingen innebygd mal med det navnet; standardmalen heter «default»)", cfg.Theme, cfg.Theme)}
	}
	w := publish.NewCheckOutput()
	if !opts.CheckOnly {
		oo := publish.OutputOptions{Zip: opts.zip(cfg)}
		if b.last != nil {
			oo.Prev = b.last.files
		}
		if w, err = publish.NewBuildOutput(opts.Dest, opts.Source, oo); err != nil {
			return Report{}, err
		}
		defer w.Abort() // no-op after a successful Commit
	}

	// Phase 2: load the content while the theme's assets are minified and
	// its layouts parsed.
	prepared := make(chan struct{})
	var base *render.Renderer
	var sw serviceWorker
	var prepErr error
	go func() {
		defer close(prepared)
		base, sw, prepErr = b.prepareTheme(root, theme, w)
	}()
	defer func() { <-prepared }() // before the stage is removed
	snap, err := b.load(root, cfg, theme, opts)
	<-prepared
	if err != nil {
		return Report{}, err
	}
	if prepErr != nil {
		return Report{}, prepErr
	}
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	site := snap.Site
	r := base.WithSite(site)

	// Phase 3: render pages, and the search index beside them.
	searched := make(chan error, 1)
	var ixs searchIndexes
	go func() {
		var err error
		ixs, err = b.writeSearch(site, r, w)
		searched <- err
	}()
	err = b.renderPages(ctx, site, r, w)
	if serr := <-searched; err == nil && serr != nil {
		err = fmt.Errorf("search index: %w", serr)
		if list := (diag.List{}); errors.As(serr, &list) {
			err = list // a problem in the content, reported as it is
		}
	}
	if err != nil {
		return Report{}, err
	}

	// Phase 4: site-wide files, offline files, then swap.
	if err := b.siteFiles(site, r, w); err != nil {
		return Report{}, fmt.Errorf("publish: %w", err)
	}
	if err := writeOffline(w, sw, site, opts.zip(cfg)); err != nil {
		return Report{}, fmt.Errorf("offline: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if opts.CheckOnly {
		rep := b.report(w, site, start)
		rep.Untranslated = content.Missing(site)
		return rep, nil
	}
	if err := w.Commit(); err != nil {
		return Report{}, fmt.Errorf("publish: %w", err)
	}
	b.last = &state{opts: opts, snap: snap, renderer: r, sw: sw, sigs: signatures(site.Pages), files: w.Files(), search: ixs}
	return b.report(w, site, start), nil
}

// report returns the counts of w and warnings about the files of site.
func (b *Builder) report(w *publish.Output, site *model.Site, start time.Time) Report {
	files, pages := w.Counts()
	return Report{Pages: pages, Files: files, Duration: time.Since(start), Warnings: sizeWarnings(w.Files(), site)}
}

// prepareTheme writes the theme's assets, reads its service worker and
// parses its layouts, which needs nothing from the content; the renderer
// it returns gets the site with WithSite.
func (b *Builder) prepareTheme(root fs.FS, theme *themes.Overlay, w *publish.Output) (*render.Renderer, serviceWorker, error) {
	assets, err := b.assets(root, theme, w)
	if err != nil {
		return nil, nil, fmt.Errorf("assets: %w", err)
	}
	sw, err := loadServiceWorker(theme, b.min)
	if err != nil {
		return nil, nil, err
	}
	ro := render.Options{Assets: assets, MinifyTemplate: b.min.Template, Kinds: b.kinds}
	if b.minifyPages {
		ro.MinifyTemplate = nil
	}
	r, err := render.New(nil, theme, ro)
	return r, sw, err
}

func (b *Builder) load(root fs.FS, cfg *model.Config, theme *themes.Overlay, opts Options) (*content.Snapshot, error) {
	var errs diag.List
	snap, err := b.loader.LoadSite(root, cfg, theme)
	errs.Add(err)
	if len(errs) > 0 {
		return nil, errs
	}
	applyBaseURL(snap.Site, opts)
	return snap, nil
}

func applyBaseURL(site *model.Site, opts Options) {
	if opts.BaseURL != "" {
		site.Config.BaseURL = opts.BaseURL
	}
	if site.Config.BaseURL != "" && !strings.HasSuffix(site.Config.BaseURL, "/") {
		site.Config.BaseURL += "/"
	}
}

// assets copies the theme's static files and the site's static/ folder.
// Theme CSS and JavaScript get a content hash in their names; the returned
// map leads from the logical name to the written one. The files of a theme
// folder NAME.parts are joined into one asset (see themeAssets).
func (b *Builder) assets(root fs.FS, theme *themes.Overlay, w *publish.Output) (map[string]string, error) {
	names := map[string]bool{}
	_ = fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != "static/"+ServiceWorkerFile { // written last, see writeOffline
			names[strings.TrimPrefix(p, "static/")] = true
		}
		return nil
	})
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	list, err := themeAssets(sorted)
	if err != nil {
		return nil, err
	}
	assets := map[string]string{}
	for _, a := range list {
		name := a.name
		data, err := a.read(theme)
		if err != nil {
			return nil, err
		}
		data, err = b.min.Minify(name, data)
		if err != nil {
			return nil, diag.Errorf(diag.Position{File: theme.Origin("static/" + a.sources[0])}, "%v", err)
		}
		out := name
		if ext := path.Ext(name); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		}
		assets[name] = out
		if err := w.Write(out, data); err != nil {
			return nil, err
		}
	}
	err = fs.WalkDir(root, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(root, p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // vanished while building
		}
		if err != nil {
			return err
		}
		if data, err = b.min.Minify(p, data); err != nil {
			return diag.Errorf(diag.Position{File: p}, "%v", err)
		}
		return w.Write(strings.TrimPrefix(p, "static/"), data)
	})
	return assets, err
}

// renderPages renders every page in parallel and streams each one to the
// output as soon as it is done.
func (b *Builder) renderPages(ctx context.Context, site *model.Site, r *render.Renderer, w *publish.Output) error {
	var mu sync.Mutex
	var errs diag.List
	work := make(chan *model.Page)
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if ctx.Err() != nil {
					continue // drain: the build was cancelled
				}
				if err := b.renderPage(r, p, w); err != nil {
					mu.Lock()
					errs.Add(err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range acrossFolders(site.Pages) {
		work <- p
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	errs.Sort()
	return errs.Err()
}

// acrossFolders orders pages so that pages next to each other are in
// different output folders where it can. Creating a file holds a lock on
// its folder, so workers writing into different folders create files at
// the same time instead of waiting for each other (twice the files per
// second with two workers on this machine's disk).
func acrossFolders(pages []*model.Page) []*model.Page {
	var dirs []string
	byDir := map[string][]*model.Page{}
	for _, p := range pages {
		d := path.Dir(p.OutPath)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], p)
	}
	out := make([]*model.Page, 0, len(pages))
	for len(out) < len(pages) {
		for _, d := range dirs {
			if ps := byDir[d]; len(ps) > 0 {
				out = append(out, ps[0])
				byDir[d] = ps[1:]
			}
		}
	}
	return out
}

func (b *Builder) renderPage(r *render.Renderer, p *model.Page, w *publish.Output) error {
	html, err := r.Page(p)
	if err != nil {
		return err
	}
	return b.writeHTML(r, p.OutPath, html, w)
}

func (b *Builder) writeHTML(r *render.Renderer, name string, html []byte, w *publish.Output) error {
	html, err := b.finishHTML(r, name, html)
	if err != nil {
		return err
	}
	return w.Write(name, html)
}

// finishHTML minifies a rendered page unless its layouts were minified
// already.
func (b *Builder) finishHTML(r *render.Renderer, name string, html []byte) ([]byte, error) {
	if r.Preminified() {
		return html, nil
	}
	return b.min.Minify(name, html)
}

func (b *Builder) siteFiles(site *model.Site, r *render.Renderer, w *publish.Output) error {
	html, err := r.NotFound()
	if err != nil {
		return err
	}
	if err := b.writeHTML(r, "404.html", html, w); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n"
	if site.Config.BaseURL != "" {
		robots += "Sitemap: " + site.Config.BaseURL + "sitemap.xml\n"
		sm, err := b.min.Minify("sitemap.xml", sitemap(site))
		if err != nil {
			return err
		}
		if err := w.Write("sitemap.xml", sm); err != nil {
			return err
		}
	}
	return w.Write("robots.txt", []byte(robots))
}
