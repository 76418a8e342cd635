// Package render executes the theme's html/template layouts for the pages of
// a loaded site. Each page kind of the site's model.KindSet has its own
// layout (layouts/<kind>.html)
// that defines "main" inside layouts/baseof.html; layouts/partials/ holds
// shared pieces. Template errors name the template file and line and the
// content file being rendered.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// Theme is the file system of a theme, with a way to say where a file
// comes from for error messages.
type Theme interface {
	fs.FS
	Origin(name string) string
}

// Options configure a Renderer.
type Options struct {
	// Assets maps logical asset names ("css/site.css") to the output
	// path of their fingerprinted file ("css/site.3f2a9c1b.css").
	Assets map[string]string
	// MinifyTemplate, when set, minifies the source of a layout (with its
	// template actions left as they are) before it is parsed for
	// rendering, so that pages come out minified without minifying each
	// page. The layouts as written are still parsed too: their line
	// numbers are the ones errors report.
	MinifyTemplate func(name, src string) (string, error)
	// Kinds are the page kinds to parse a layout for; nil means the
	// built-in kinds (kinds.Builtin).
	Kinds *model.KindSet
}

// Renderer renders pages. It is safe for concurrent use once created.
type Renderer struct {
	site  *model.Site
	theme Theme
	opts  Options
	exec  *layouts  // the layouts pages are rendered with
	plain *layouts  // the layouts as written; the same as exec unless minified
	cache *sync.Map // rendered partials, see Data.Cached
}

// layouts is one parsed set of the theme's layouts.
type layouts struct {
	kinds map[model.Kind]*template.Template
	extra map[string]*template.Template // 404.html and other standalone layouts
}

// layoutKinds returns the page kinds, each of which has a layout file
// named after it.
func (r *Renderer) layoutKinds() []model.Kind {
	ks := r.opts.Kinds
	if ks == nil {
		ks = kinds.Builtin()
	}
	var out []model.Kind
	for _, k := range ks.All() {
		out = append(out, k.Name())
	}
	return out
}

// New parses the theme's layouts.
func New(site *model.Site, theme Theme, opts Options) (*Renderer, error) {
	r := &Renderer{site: site, theme: theme, opts: opts, cache: &sync.Map{}}
	src, err := r.readLayouts()
	if err != nil {
		return nil, err
	}
	if r.plain, err = r.parseLayouts(src); err != nil {
		return nil, err
	}
	r.exec = r.plain
	if opts.MinifyTemplate == nil {
		return r, nil
	}
	for name, text := range src {
		if src[name], err = opts.MinifyTemplate(name, text); err != nil {
			return nil, diag.Errorf(diag.Position{File: r.theme.Origin(name)}, "%v", err)
		}
	}
	if r.exec, err = r.parseLayouts(src); err != nil {
		return nil, fmt.Errorf("minified layouts: %w", err)
	}
	return r, nil
}

// Preminified reports whether pages come out of the layouts minified, so
// that they need no minifying afterwards.
func (r *Renderer) Preminified() bool { return r.exec != r.plain }

// baseFile is the layout every page layout defines blocks for.
const baseFile = "layouts/baseof.html"

// standalone lists the layouts that are not a page kind's.
var standalone = []string{"404", "search"}

// readLayouts reads every layout file the renderer uses.
func (r *Renderer) readLayouts() (map[string]string, error) {
	var errs diag.List
	files := []string{baseFile}
	partials, _ := fs.Glob(r.theme, "layouts/partials/*.html")
	files = append(files, partials...)
	for _, k := range r.layoutKinds() {
		files = append(files, layoutFile(string(k)))
	}
	for _, name := range standalone {
		files = append(files, layoutFile(name))
	}
	src := make(map[string]string, len(files))
	for _, f := range files {
		data, err := fs.ReadFile(r.theme, f)
		if err != nil {
			msg := "%v"
			if !strings.HasPrefix(f, "layouts/partials/") && f != baseFile {
				msg = "missing layout: %v"
			}
			errs.Addf(diag.Position{File: r.theme.Origin(f)}, msg, err)
			continue
		}
		src[f] = string(data)
	}
	errs.Sort()
	return src, errs.Err()
}

func layoutFile(name string) string { return "layouts/" + name + ".html" }

// parseLayouts parses the base layout and partials once, then a clone of
// them with each kind's layout.
func (r *Renderer) parseLayouts(src map[string]string) (*layouts, error) {
	var errs diag.List
	base := template.New(baseFile).Funcs(funcs)
	names := make([]string, 0, len(src))
	for name := range src {
		if strings.HasPrefix(name, "layouts/partials/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range append([]string{baseFile}, names...) {
		t := base
		if name != baseFile {
			t = base.New(name)
		}
		if _, err := t.Parse(src[name]); err != nil {
			errs.Add(r.templateError(err, ""))
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	l := &layouts{kinds: map[model.Kind]*template.Template{}, extra: map[string]*template.Template{}}
	for _, k := range r.layoutKinds() {
		t, err := r.parseLayout(base, layoutFile(string(k)), src)
		errs.Add(err)
		l.kinds[k] = t
	}
	for _, name := range standalone {
		t, err := r.parseLayout(base, layoutFile(name), src)
		errs.Add(err)
		l.extra[name] = t
	}
	errs.Sort()
	return l, errs.Err()
}

func (r *Renderer) parseLayout(base *template.Template, file string, src map[string]string) (*template.Template, error) {
	t, err := base.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.New(file).Parse(src[file]); err != nil {
		return nil, r.templateError(err, "")
	}
	return t, nil
}

// templatePos finds the position in an error of text/template ("template:
// NAME:LINE:COL: ", "template: NAME:LINE: ") or html/template
// ("html/template:NAME:LINE:COL: ", "html/template:NAME: ").
var templatePos = regexp.MustCompile(`(?:html/)?template: ?([^:\s]+):(?:(\d+)(?::(\d+))?:)? ?`)

// templateError turns a text/template error into a diag.Error at the
// template's position, naming the content file being rendered.
func (r *Renderer) templateError(err error, contentFile string) error {
	msg := err.Error()
	pos := diag.Position{}
	// The last position is the innermost: an error in a partial that
	// Cached or Memo renders comes wrapped in the error of that call, and
	// the partial is where the theme author must look.
	if all := templatePos.FindAllStringSubmatchIndex(msg, -1); all != nil {
		m := all[len(all)-1]
		pos.File = r.theme.Origin(msg[m[2]:m[3]])
		if m[4] >= 0 {
			fmt.Sscan(msg[m[4]:m[5]], &pos.Line)
		}
		if m[6] >= 0 {
			// The template packages count columns from 0; diag
			// counts them from 1, as editors do.
			fmt.Sscan(msg[m[6]:m[7]], &pos.Col)
			pos.Col++
		}
		msg = templatePos.ReplaceAllString(msg, "")
	}
	if contentFile != "" {
		msg += " (while rendering " + contentFile + ")"
	}
	return &diag.Error{Pos: pos, Msg: "template: " + msg, Err: err}
}

// WithSite returns a Renderer that uses the same parsed layouts for
// another version of the site (after an incremental reload).
func (r *Renderer) WithSite(site *model.Site) *Renderer {
	cp := *r
	cp.site = site
	cp.cache = &sync.Map{}
	return &cp
}

// Page renders one page to HTML.
func (r *Renderer) Page(p *model.Page) ([]byte, error) {
	if r.exec.kinds[p.Kind] == nil {
		return nil, diag.Errorf(p.Pos, "no layout for kind %q", p.Kind)
	}
	return r.execute(func(l *layouts) *template.Template { return l.kinds[p.Kind] }, r.data(p), p.File)
}

// NotFound renders the 404 page, which lives at the output root.
func (r *Renderer) NotFound() ([]byte, error) {
	p := &model.Page{
		Meta: model.Meta{Title: r.site.Strings[r.site.Config.Language]["not_found_title"]},
		Path: "404.md", OutPath: "404.html", Lang: r.site.Config.Language, Kind: model.KindPage,
		Variants: map[string]*model.Page{},
	}
	d := r.data(p)
	// Servers show this page for missing addresses at any depth, and the
	// site may be hosted anywhere or opened from disk: its links are
	// relative to the output root, where it lies. The service worker
	// rewrites them for the address it answers (see the theme's sw.js).
	d.notFound = true
	return r.execute(extra("404"), d, "404.html")
}

// extra picks a standalone layout.
func extra(name string) func(*layouts) *template.Template {
	return func(l *layouts) *template.Template { return l.extra[name] }
}

// execute renders data with the layout pick chooses. An error from the
// minified layouts is reported from the layouts as written, so that its
// line and column are the ones in the theme's file.
func (r *Renderer) execute(pick func(*layouts) *template.Template, data *Data, file string) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	err := pick(r.exec).ExecuteTemplate(&buf, baseFile, data)
	if err != nil && r.Preminified() {
		plain := *data
		plain.set = r.plain
		if perr := pick(r.plain).ExecuteTemplate(io.Discard, baseFile, &plain); perr != nil {
			err = perr
		}
	}
	if err != nil {
		return nil, r.templateError(err, file)
	}
	return buf.Bytes(), nil
}

var funcs = template.FuncMap{
	"html": func(s string) template.HTML { return template.HTML(s) },
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"ext":  path.Ext,
	"host": host,
	"date": longDate,
}

// months are the month names in bokmål and nynorsk, which are the same.
var months = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// longDate writes a date the Norwegian way, «2. desember 2026», for
// readers; the ISO form stays in <time datetime>. An empty or invalid
// date gives "".
func longDate(d model.Date) string {
	t := d.Time()
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// host returns the host name of a URL without "www.", for link texts.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Host, "www.")
}
