// Package render executes the theme's html/template layouts for the pages of
// a loaded site. Each page kind has its own layout (layouts/<kind>.html)
// that defines "main" inside layouts/baseof.html; layouts/partials/ holds
// shared pieces. Template errors name the template file and line and the
// content file being rendered.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
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
}

// Renderer renders pages. It is safe for concurrent use once created.
type Renderer struct {
	site  *model.Site
	theme Theme
	opts  Options
	kinds map[model.Kind]*template.Template
	extra map[string]*template.Template // 404.html and other standalone layouts
	cache *sync.Map                     // rendered partials, see Data.Cached
}

// layoutKinds lists the layout file of each kind.
var layoutKinds = []model.Kind{
	model.KindHome, model.KindSection, model.KindPage, model.KindDimension, model.KindTheme,
	model.KindWorksheet, model.KindStep, model.KindRecommendation, model.KindFunding,
	model.KindDilemma, model.KindMethod,
}

// New parses the theme's layouts.
func New(site *model.Site, theme Theme, opts Options) (*Renderer, error) {
	r := &Renderer{site: site, theme: theme, opts: opts, kinds: map[model.Kind]*template.Template{}, extra: map[string]*template.Template{}, cache: &sync.Map{}}
	var errs diag.List
	base, err := r.parseBase()
	if err != nil {
		return nil, err
	}
	for _, k := range layoutKinds {
		t, err := r.parseLayout(base, "layouts/"+string(k)+".html")
		if err != nil {
			errs.Add(err)
			continue
		}
		r.kinds[k] = t
	}
	for _, name := range []string{"404", "search"} {
		t, err := r.parseLayout(base, "layouts/"+name+".html")
		if err != nil {
			errs.Add(err)
			continue
		}
		r.extra[name] = t
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return r, nil
}

func (r *Renderer) parseBase() (*template.Template, error) {
	var errs diag.List
	base := template.New("layouts/baseof.html").Funcs(funcs)
	files := []string{"layouts/baseof.html"}
	partials, _ := fs.Glob(r.theme, "layouts/partials/*.html")
	files = append(files, partials...)
	for _, f := range files {
		src, err := fs.ReadFile(r.theme, f)
		if err != nil {
			errs.Addf(diag.Position{File: r.theme.Origin(f)}, "%v", err)
			continue
		}
		t := base
		if f != "layouts/baseof.html" {
			t = base.New(f)
		}
		if _, err := t.Parse(string(src)); err != nil {
			errs.Add(r.templateError(err, ""))
		}
	}
	return base, errs.Err()
}

func (r *Renderer) parseLayout(base *template.Template, file string) (*template.Template, error) {
	src, err := fs.ReadFile(r.theme, file)
	if err != nil {
		return nil, diag.Errorf(diag.Position{File: r.theme.Origin(file)}, "missing layout: %v", err)
	}
	t, err := base.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.New(file).Parse(string(src)); err != nil {
		return nil, r.templateError(err, "")
	}
	return t, nil
}

var templatePos = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: ?`)

// templateError turns a text/template error into a diag.Error at the
// template's position, naming the content file being rendered.
func (r *Renderer) templateError(err error, contentFile string) error {
	msg := err.Error()
	pos := diag.Position{}
	if m := templatePos.FindStringSubmatchIndex(msg); m != nil {
		name := msg[m[2]:m[3]]
		pos.File = r.theme.Origin(name)
		fmt.Sscan(msg[m[4]:m[5]], &pos.Line)
		if m[6] >= 0 {
			fmt.Sscan(msg[m[6]:m[7]], &pos.Col)
		}
		msg = msg[:m[0]] + msg[m[1]:]
		// Later positions in the message refer to template names; keep
		// them readable.
		msg = strings.TrimPrefix(msg, "template: ")
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
	t := r.kinds[p.Kind]
	if t == nil {
		return nil, diag.Errorf(p.Pos, "no layout for kind %q", p.Kind)
	}
	return r.execute(t, r.data(p), p.File)
}

// NotFound renders the 404 page, which lives at the output root.
func (r *Renderer) NotFound() ([]byte, error) {
	p := &model.Page{
		Meta: model.Meta{Title: r.site.Strings[r.site.Config.Language]["not_found_title"]},
		Path: "404.md", OutPath: "404.html", Lang: r.site.Config.Language, Kind: model.KindPage,
		Variants: map[string]*model.Page{},
	}
	d := r.data(p)
	// The server shows this page for missing URLs at any depth, so its
	// links are absolute paths under the base URL's path.
	d.abs = "/"
	if u, err := url.Parse(r.site.Config.BaseURL); err == nil && u.Path != "" {
		d.abs = strings.TrimSuffix(u.Path, "/") + "/"
	}
	return r.execute(r.extra["404"], d, "404.html")
}

func (r *Renderer) execute(t *template.Template, data *Data, file string) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layouts/baseof.html", data); err != nil {
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
}

// host returns the host name of a URL without "www.", for link texts.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Host, "www.")
}
