package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// Data is what a layout sees as its dot. Its methods give links relative to
// the page being rendered and lists of pages in the page's language.
type Data struct {
	r   *Renderer
	set *layouts // the layouts being executed, for Cached and Memo
	// notFound is set on the 404 page, which has no address of its own.
	notFound bool
	// searchIndex is the output path of the search index script; it is
	// set on the search page only.
	searchIndex string
	Site        *model.Site
	Page        *model.Page
	Lang        string
}

// Item is a link in a menu, breadcrumb trail or language switch.
type Item struct {
	Title   string
	URL     string
	Text    string
	Lang    string
	Current bool
	// TextLang is the language of Title and Text when it is not the
	// page's own (a page or link not translated yet), for a lang
	// attribute; it is empty otherwise.
	TextLang string
}

// Items turns pages into links with their descriptions.
func (d *Data) Items(ps []*model.Page) []Item {
	items := make([]Item, len(ps))
	for i, p := range ps {
		items[i] = Item{Title: p.Title, URL: d.Link(p), Text: p.Description, Lang: p.Lang, TextLang: d.other(p.Lang)}
	}
	return items
}

// LangOf returns a lang attribute for a link to or text from p (a page
// from a lookup or a list, in the page's language where translated) when
// p is in another language than the page: an untranslated page.
func (d *Data) LangOf(p *model.Page) template.HTMLAttr {
	return langAttr(d.other(p.Lang))
}

// BodyLang returns a lang attribute for the page's body when it is the
// default-language page's body shown in a translation without one.
func (d *Data) BodyLang() template.HTMLAttr {
	return langAttr(d.Page.BodyLang)
}

// langAttr returns ` lang="xx"`, or "" for an empty code. Codes are the
// checked language codes of the site (nb, nn, se).
func langAttr(lang string) template.HTMLAttr {
	if lang == "" {
		return ""
	}
	return template.HTMLAttr(` lang="` + template.HTMLEscapeString(lang) + `"`)
}

// other returns lang if it is not the page's language, else "".
func (d *Data) other(lang string) string {
	if lang == d.Lang {
		return ""
	}
	return lang
}

func (r *Renderer) data(p *model.Page) *Data {
	return &Data{r: r, set: r.exec, Site: r.site, Page: p, Lang: p.Lang}
}

// T returns the interface string key in the page's language, falling back
// to the default language. A key missing there too is an error.
func (d *Data) T(key string) (string, error) {
	if s, ok := d.Site.Strings[d.Lang][key]; ok {
		return s, nil
	}
	if s, ok := d.Site.Strings[d.Site.Config.Language][key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("interface string %q is missing in i18n/%s.toml", key, d.Site.Config.Language)
}

// Tf is T with fmt.Sprintf arguments.
func (d *Data) Tf(key string, args ...any) (string, error) {
	s, err := d.T(key)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(s, args...), nil
}

// Root returns the relative URL of the output root ("./", "../", ...).
func (d *Data) Root() string {
	if r := strings.TrimSuffix(d.rel("index.html"), "index.html"); r != "" {
		return r
	}
	return "./"
}

// URL returns the relative URL of a page given by content path, in the
// page's language when a variant exists.
func (d *Data) URL(contentPath string) (string, error) {
	p := d.Site.ByPath[contentPath]
	if p == nil {
		return "", fmt.Errorf("no page %q", contentPath)
	}
	return d.Link(p), nil
}

// Link returns the relative URL of p (in the page's language if it exists).
func (d *Data) Link(p *model.Page) string {
	return d.rel(p.Variant(d.Lang).OutPath)
}

// rel returns the URL of an output file as seen from the page.
func (d *Data) rel(to string) string {
	return model.RelURL(d.Page.OutPath, to)
}

// Asset returns the relative URL of a fingerprinted theme asset.
func (d *Data) Asset(name string) (string, error) {
	out, ok := d.r.opts.Assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in the theme's static/ folder", name)
	}
	return d.rel(out), nil
}

// Static returns the relative URL of a file in the output root.
func (d *Data) Static(name string) string { return d.rel(name) }

// Canonical returns the page's absolute URL from base_url, or "".
func (d *Data) Canonical() string {
	base := d.Site.Config.BaseURL
	if base == "" || d.notFound {
		return ""
	}
	out := d.Page.OutPath
	if strings.HasSuffix(out, "index.html") {
		out = strings.TrimSuffix(out, "index.html")
	}
	return strings.TrimSuffix(base, "/") + "/" + out
}

// Cached renders the partial template name once for all pages that would
// get the same result and reuses it: pages in the same output folder, in
// the same language and section, that are not themselves in the main menu.
// Use it for partials that depend only on those, such as the main menu.
func (d *Data) Cached(name string) (template.HTML, error) {
	target := ""
	for _, m := range d.Site.Config.Menu {
		if m.Page == d.Page.Path {
			target = d.Page.Path
		}
	}
	return d.once(name+"|"+d.Lang+"|"+path.Dir(d.Page.OutPath)+"|"+d.Page.Section+"|"+target, name, d)
}

// once renders the partial template name with dot the first time key is
// asked for, and returns the same HTML every later time.
func (d *Data) once(key, name string, dot any) (template.HTML, error) {
	if v, ok := d.r.cache.Load(key); ok {
		return v.(template.HTML), nil
	}
	var buf bytes.Buffer
	if err := d.set.kinds[model.KindPage].ExecuteTemplate(&buf, name, dot); err != nil {
		return "", err
	}
	html := template.HTML(buf.String())
	d.r.cache.Store(key, html)
	return html, nil
}

// Memo renders the partial template name with dot as its data once per
// key and language, and reuses the result. The layout promises that the
// output depends only on key (and the language), as the answer options of
// a scale do, which a worksheet repeats for every question.
func (d *Data) Memo(name, key string, dot any) (template.HTML, error) {
	return d.once("memo|"+name+"|"+key+"|"+d.Lang, name, dot)
}

// Menu returns the main menu, marking the entry for the current section.
func (d *Data) Menu() []Item {
	var items []Item
	for _, m := range d.Site.Config.Menu {
		p := d.Site.ByPath[m.Page]
		if p == nil {
			continue
		}
		it := d.configLink(m, p)
		it.Current = d.Page.Path == p.Path || (p.Kind == model.KindSection && d.Page.Section == p.Section)
		items = append(items, it)
	}
	return items
}

// configLink returns a menu or footer link to p. Its title is, in this
// order, the configured title in the page's language
// ([translations.xx.links]), the title of the page's translation, and
// the title in the default language, marked with TextLang.
func (d *Data) configLink(l model.Link, p *model.Page) Item {
	it := Item{URL: d.Link(p)}
	cfg := d.Site.Config
	if t, ok := cfg.LinkTitleIn(l, d.Lang); ok {
		it.Title = t
		return it
	}
	if v := p.Variant(d.Lang); v.Lang == d.Lang {
		it.Title = v.Title
		return it
	}
	it.Title, it.TextLang = l.Title, d.other(cfg.Language)
	if it.Title == "" {
		it.Title = p.Title
	}
	return it
}

// FooterLinks returns the footer links.
func (d *Data) FooterLinks() []Item {
	var items []Item
	for _, l := range d.Site.Config.Footer.Links {
		if p := d.Site.ByPath[l.Page]; p != nil {
			items = append(items, d.configLink(l, p))
		}
	}
	return items
}

// FooterText returns the footer text in the page's language, or in the
// default language with TextLang set.
func (d *Data) FooterText() Item {
	t := d.Site.Config.FooterTextIn(d.Lang)
	return Item{Text: t.Text, TextLang: d.other(t.Lang)}
}

// SiteDescription returns the site description in the page's language,
// or in the default language with TextLang set.
func (d *Data) SiteDescription() Item {
	t := d.Site.Config.DescriptionIn(d.Lang)
	return Item{Text: t.Text, TextLang: d.other(t.Lang)}
}

// Cards returns the page's cards as links. A translated page that took
// its cards over from the default-language page gets them with TextLang.
func (d *Data) Cards() ([]Item, error) {
	var items []Item
	for _, c := range d.Page.Cards {
		url, err := d.URL(c.Page)
		if err != nil {
			return nil, err
		}
		lang := ""
		if c.Lang != "" {
			lang = d.other(c.Lang)
		}
		items = append(items, Item{Title: c.Title, Text: c.Text, URL: url, TextLang: lang})
	}
	return items, nil
}

// Crumbs returns the breadcrumb trail from the front page to the page's
// parent.
func (d *Data) Crumbs() []Item {
	if d.Page.Kind == model.KindHome || d.Site.Home == nil {
		return nil
	}
	items := d.Items([]*model.Page{d.V(d.Site.Home)})
	if d.Page.Kind != model.KindSection {
		if s := d.Site.Sections[d.Page.Section]; s != nil {
			items = append(items, d.Items([]*model.Page{d.V(s)})...)
		}
	}
	for i := range items {
		items[i].Text = "" // the trail shows titles only
	}
	return items
}

// Alternates returns a link for every language of the site: to the page
// itself where it is translated, otherwise to its section page or the
// front page in that language, so the language switch is on every page.
// A language with none of these is left out.
func (d *Data) Alternates() []Item {
	var items []Item
	for _, lang := range d.Site.Config.Languages {
		v := d.nearest(lang)
		if v == nil {
			continue
		}
		name := d.Site.Strings[lang]["language_name"]
		if name == "" {
			name = lang
		}
		items = append(items, Item{Title: name, URL: d.rel(v.OutPath), Lang: lang, Current: lang == d.Lang})
	}
	return items
}

// nearest returns the page in lang, or else its section page or the front
// page in lang, or nil.
func (d *Data) nearest(lang string) *model.Page {
	for _, p := range []*model.Page{d.Page, d.Site.Sections[d.Page.Section], d.Site.Home} {
		if p == nil {
			continue
		}
		if v, ok := p.Variants[lang]; ok {
			return v
		}
	}
	return nil
}

// V returns p in the page's language.
func (d *Data) V(p *model.Page) *model.Page { return p.Variant(d.Lang) }

func (d *Data) vs(ps []*model.Page) []*model.Page {
	out := make([]*model.Page, len(ps))
	for i, p := range ps {
		out[i] = p.Variant(d.Lang)
	}
	return out
}

// Lookup returns the page of a kind with an ID, in the page's language.
func (d *Data) Lookup(kind, id string) *model.Page {
	p := d.Site.Lookup(model.Kind(kind), id)
	if p == nil {
		return nil
	}
	return p.Variant(d.Lang)
}

// List returns the pages of a kind in order, such as (in a layout)
// .List "funding". The methods below name the lists of built-in kinds.
func (d *Data) List(kind string) []*model.Page { return d.vs(d.Site.List(model.Kind(kind))) }

// Dimensions returns the dimensions in order.
func (d *Data) Dimensions() []*model.Page { return d.List(string(model.KindDimension)) }

// Themes returns all themes.
func (d *Data) Themes() []*model.Page { return d.List(string(model.KindTheme)) }

// Referring returns the pages of kind whose field lists id, such as (in
// a layout) .Referring "funding" "themes" .Page.ID. The methods below
// name the references of built-in kinds.
func (d *Data) Referring(kind, field, id string) []*model.Page {
	return d.vs(d.Site.Referring(model.Kind(kind), field, id))
}

// ThemesOf returns the themes of a dimension.
func (d *Data) ThemesOf(dim string) []*model.Page { return d.Referring("theme", "dimension", dim) }

// ThemesAt returns the themes assessed at a plan level.
func (d *Data) ThemesAt(level string) []*model.Page { return d.Referring("theme", "levels", level) }

// Worksheets returns the worksheets in order.
func (d *Data) Worksheets() []*model.Page { return d.List(string(model.KindWorksheet)) }

// Steps returns the red-thread steps in order.
func (d *Data) Steps() []*model.Page { return d.List(string(model.KindStep)) }

// Recommendations returns the recommendations.
func (d *Data) Recommendations() []*model.Page { return d.List(string(model.KindRecommendation)) }

// Funding returns all funding entries.
func (d *Data) Funding() []*model.Page { return d.List(string(model.KindFunding)) }

// Dilemmas returns all dilemma scenarios.
func (d *Data) Dilemmas() []*model.Page { return d.List(string(model.KindDilemma)) }

// Methods returns all method tips.
func (d *Data) Methods() []*model.Page { return d.List(string(model.KindMethod)) }

// FundingFor returns the funding entries of a theme.
func (d *Data) FundingFor(theme string) []*model.Page { return d.Referring("funding", "themes", theme) }

// DilemmasFor returns the dilemma scenarios involving a theme.
func (d *Data) DilemmasFor(theme string) []*model.Page {
	return d.Referring("dilemma", "themes", theme)
}

// MethodsFor returns the method tips that list a theme, followed by the
// general ones that list no theme.
func (d *Data) MethodsFor(theme string) []*model.Page {
	out := d.Referring("method", "themes", theme)
	for _, m := range d.Site.List(model.KindMethod) {
		if len(m.Method().Themes) == 0 {
			out = append(out, m.Variant(d.Lang))
		}
	}
	return out
}

// StepsUsing returns the red-thread steps that use a worksheet.
func (d *Data) StepsUsing(ws string) []*model.Page { return d.Referring("step", "worksheets", ws) }

// Scale returns an answer scale in the page's language.
func (d *Data) Scale(id string) *model.Scale { return d.Site.ScaleFor(id, d.Lang) }

// PrevNext returns the neighbours of a red-thread step.
func (d *Data) PrevNext() (prev, next *model.Page) {
	steps := d.Site.List(model.KindStep)
	for i, s := range steps {
		if s.Path == d.Page.Path {
			if i > 0 {
				prev = steps[i-1].Variant(d.Lang)
			}
			if i+1 < len(steps) {
				next = steps[i+1].Variant(d.Lang)
			}
		}
	}
	return prev, next
}

// Prev returns the previous red-thread step, or nil.
func (d *Data) Prev() *model.Page { p, _ := d.PrevNext(); return p }

// Next returns the next red-thread step, or nil.
func (d *Data) Next() *model.Page { _, n := d.PrevNext(); return n }

// TOC returns the page's second-level headings when there are at least
// three of them, for an "on this page" list.
func (d *Data) TOC() []model.Heading {
	var out []model.Heading
	for _, h := range d.Page.Headings {
		if h.Level == 2 {
			out = append(out, h)
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// SectionPages returns the pages of the current section page's section,
// in the page's language.
func (d *Data) SectionPages() []*model.Page {
	var out []*model.Page
	for _, p := range d.Site.Pages {
		if p.Lang == d.Site.Config.Language && p.Section == d.Page.Section && p.Kind != model.KindSection && p.Kind != model.KindHome {
			out = append(out, p)
		}
	}
	model.SortPages(out)
	return d.vs(out)
}

// WorksheetJSON returns the data the worksheet script needs, as JSON for a
// <script type="application/json"> block.
func (d *Data) WorksheetJSON() (template.JS, error) {
	b, err := worksheetJSON(d)
	return template.JS(b), err
}

// TOCWith returns the page's second-level Markdown headings followed by the
// sections a layout adds after the text, given as id, text pairs, for an
// "on this page" list. Like TOC it returns nil when there are fewer than
// three entries, so short pages get no list. Pairs with an empty text are
// left out, which lets a layout pass a section that may be missing.
func (d *Data) TOCWith(pairs ...string) []model.Heading {
	var out []model.Heading
	for _, h := range d.Page.Headings {
		if h.Level == 2 {
			out = append(out, h)
		}
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != "" && pairs[i+1] != "" {
			out = append(out, model.Heading{Level: 2, ID: pairs[i], Text: pairs[i+1]})
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// FirstSentence returns s up to and including its first full stop that
// ends a sentence, for short labels such as a step's timing in the red
// thread diagram. It returns s unchanged when it has no such stop.
func (d *Data) FirstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ') {
			// A stop after a digit ("22.") is a date or a paragraph
			// number, not the end of a sentence.
			if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
				continue
			}
			return s[:i+1]
		}
	}
	return s
}

// AbsAlternates returns the page in every language it exists in, with
// absolute URLs from base_url, for <link rel="alternate" hreflang>: search
// engines need absolute addresses there, and the list includes the page
// itself. It is empty without base_url, on the 404 page, or when the page
// exists in one language only.
func (d *Data) AbsAlternates() []Item {
	base := d.Site.Config.BaseURL
	langs := d.Page.Languages()
	if base == "" || d.notFound || len(langs) < 2 {
		return nil
	}
	var items []Item
	for _, lang := range langs {
		out := d.Page.Variants[lang].OutPath
		out = strings.TrimSuffix(out, "index.html")
		items = append(items, Item{URL: strings.TrimSuffix(base, "/") + "/" + out, Lang: lang, Current: lang == d.Lang})
	}
	return items
}
