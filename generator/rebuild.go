package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/content"
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
)

// Rebuild brings the output up to date after the given files changed
// (paths as reported by the watcher). When only the text of content pages
// changed, it parses and renders just those pages and replaces their output
// files one by one; anything else (a new or deleted file, a theme, static
// or configuration change, or an edit that changes what other pages show
// of a page, such as its title) gives a full build. The result is
// byte-identical to a full build either way. When ctx is done it stops and
// returns ctx.Err(); the changed files are kept for the next call.
func (b *Builder) Rebuild(ctx context.Context, opts Options, changed []string) (Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	opts = opts.withDefaults()
	if b.pending == nil {
		b.pending = map[string]bool{}
	}
	for _, c := range changed {
		b.pending[c] = true
	}
	rep, err := b.incremental(ctx, opts)
	if errors.Is(err, errNeedFull) {
		rep, err = b.build(ctx, opts)
	}
	if err == nil {
		b.pending = nil
	}
	return rep, err
}

var errNeedFull = errors.New("full build needed")

func (b *Builder) incremental(ctx context.Context, opts Options) (Report, error) {
	start := time.Now()
	last := b.last
	if last == nil || last.opts != opts {
		return Report{}, errNeedFull
	}
	var files []string
	for c := range b.pending {
		rel, ok := contentFile(opts.Source, c)
		if !ok {
			return Report{}, errNeedFull
		}
		files = append(files, rel)
	}
	sort.Strings(files)
	if len(files) == 0 {
		return Report{}, errNeedFull
	}
	root := os.DirFS(opts.Source)
	snap, paths, err := b.loader.Update(last.snap, root, files)
	if errors.Is(err, content.ErrNeedFull) {
		return Report{}, errNeedFull
	}
	if err != nil {
		return Report{}, err
	}
	site := snap.Site
	applyBaseURL(site, opts)

	affected := map[string]bool{}
	for _, p := range paths {
		affected[p] = true
	}
	var pages []*model.Page
	sigs := make(map[string]string, len(last.sigs))
	for k, v := range last.sigs {
		sigs[k] = v
	}
	for _, p := range site.Pages {
		if !affected[p.Path] {
			continue
		}
		pages = append(pages, p)
		sig := signature(p)
		if sig == "" || last.sigs[p.OutPath] != sig {
			return Report{}, errNeedFull // other pages show what changed
		}
	}

	// Render everything first, so a template error or a cancel writes
	// nothing.
	r := last.renderer.WithSite(site)
	out := make(map[string][]byte, len(pages))
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		html, err := r.Page(p)
		if err != nil {
			return Report{}, err
		}
		if html, err = b.finishHTML(r, p.OutPath, html); err != nil {
			return Report{}, err
		}
		out[p.OutPath] = html
	}
	b.last = nil // from here on the output no longer matches last
	w := publish.NewUpdateOutput(opts.Dest, publish.OutputOptions{Zip: opts.zip(&site.Config), Prev: last.files})
	for _, p := range pages {
		if err := w.Write(p.OutPath, out[p.OutPath]); err != nil {
			return Report{}, err
		}
	}
	// The search index holds page text: the files of it that hold the
	// changed pages are written again. The offline files name a version
	// that changes with every page.
	if err := b.updateSearch(last.search, site, r, w, paths); err != nil {
		return Report{}, fmt.Errorf("search index: %w", err)
	}
	if err := writeOffline(w, last.sw, site, opts.zip(&site.Config)); err != nil {
		return Report{}, fmt.Errorf("offline: %w", err)
	}
	b.last = &state{opts: opts, snap: snap, renderer: r, sw: last.sw, sigs: sigs, files: w.Files(), search: last.search}
	rep := b.report(w, site, start)
	rep.Pages = len(pages)
	return rep, nil
}

// contentFile returns the slash path of a changed file relative to the
// site root if it is a Markdown file under content/.
func contentFile(source, changed string) (string, bool) {
	abs, err := filepath.Abs(changed)
	if err != nil {
		return "", false
	}
	src, err := filepath.Abs(source)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(src, abs)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	return rel, strings.HasPrefix(rel, "content/") && strings.HasSuffix(rel, ".md")
}

// signature fingerprints everything about a page that other pages may
// show. It starts from the whole page, front matter, kind data and all, so
// a field added to model.Page (or to a kind's data) counts unless it is
// cleared here: the body, which only the page itself shows (except the
// glossary's, whose abbreviations every page marks up), the other
// language variants, which have signatures of their own, and source
// positions, which only error messages use. It returns "" when the page
// cannot be fingerprinted.
func signature(p *model.Page) string {
	cp := *p
	if p.Path != model.GlossaryPath { // every page shows the glossary's abbreviations
		cp.HTML, cp.Headings, cp.BodyText = "", nil, ""
	}
	cp.Variants = nil
	cp.Pos, cp.FieldLines = diag.Position{}, nil
	b, err := json.Marshal(&cp)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

func signatures(pages []*model.Page) map[string]string {
	out := make(map[string]string, len(pages))
	for _, p := range pages {
		out[p.OutPath] = signature(p)
	}
	return out
}
