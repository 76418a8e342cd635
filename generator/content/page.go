package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// kindOf returns the kind and section of a content path.
func (l *Loader) kindOf(contentPath string) (model.KindDef, string) {
	section := ""
	if i := strings.IndexByte(contentPath, '/'); i >= 0 {
		section = contentPath[:i]
	}
	switch {
	case contentPath == "_index.md":
		return l.kinds.Get(model.KindHome), ""
	case path.Base(contentPath) == "_index.md":
		return l.kinds.Get(model.KindSection), section
	}
	if k := l.kinds.InDir(section); k != nil {
		return k, section
	}
	return l.kinds.Get(model.KindPage), section
}

// ParsePage reads and parses one content file. A file that has vanished
// since the walk gives no page and no error.
func (l *Loader) ParsePage(root fs.FS, src Source, files *fileSet) (*model.Page, diag.List) {
	var errs diag.List
	data, err := fs.ReadFile(root, src.File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		errs.Add(&diag.Error{Pos: diag.Position{File: src.File}, Msg: "kan ikke leses: " + err.Error(), Err: err})
		return nil, errs
	}
	p, perrs := l.parse(src, data, files)
	return p, perrs
}

func (l *Loader) parse(src Source, data []byte, files *fileSet) (*model.Page, diag.List) {
	var errs diag.List
	if e := checkUTF8(src.File, data); e != nil {
		errs.Add(e)
		return nil, errs
	}
	doc, e := splitFrontMatter(src.File, data)
	if e != nil {
		errs.Add(e)
		return nil, errs
	}
	kind, section := l.kindOf(src.Path)
	id := strings.TrimSuffix(path.Base(src.Path), ".md")
	if id == "_index" {
		id = section
	}
	p := &model.Page{
		Path: src.Path, File: src.File, ID: id, Section: section, Kind: kind.Name(), Lang: src.Lang,
		OutPath: model.OutPath(src.Path, src.Lang, files.defaultLang),
		Pos:     diag.Position{File: src.File, Line: 1, Col: 1},
	}
	lines, derrs := decodeFrontMatter(p, kind, doc)
	p.FieldLines = lines
	errs = append(errs, derrs...)
	if len(derrs) > 0 {
		return nil, errs
	}

	link := func(dest string) (string, error) { return files.resolve(p, dest) }
	res := l.md.Convert(doc.Body, link)
	for _, pr := range res.Problems {
		errs.Addf(diag.Position{File: src.File, Line: pr.Line + doc.BodyLine - 1, Col: pr.Col}, "%s", pr.Msg)
	}
	p.HTML = string(res.HTML)
	for _, h := range res.Headings {
		p.Headings = append(p.Headings, model.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	p.BodyText = strings.TrimSpace(string(doc.Body))

	kind.Markdown(p, func(field, what, src string) string {
		r := l.md.Convert([]byte(src), link)
		for _, pr := range r.Problems {
			errs.Addf(p.FieldPos(field), "%s: %s", what, pr.Msg)
		}
		return string(r.HTML)
	})
	return p, errs
}

// decodeFrontMatter decodes the front matter into Meta and the data of
// the page's kind, together, so that a key neither knows is an error (a
// typo such as "titel"), and copies the result into p.
func decodeFrontMatter(p *model.Page, kind model.KindDef, doc document) (map[string]int, diag.List) {
	fields := []reflect.StructField{{Name: "Meta", Type: reflect.TypeFor[model.Meta](), Anonymous: true}}
	data := kind.NewData()
	if data != nil {
		fields = append(fields, reflect.StructField{Name: "Data", Type: reflect.TypeOf(data).Elem(), Anonymous: true})
	}
	v := reflect.New(reflect.StructOf(fields))
	lines, errs := decodeStrict(p.File, doc.FrontMatter, doc.FMLine-1, v.Interface())
	p.Meta = v.Elem().Field(0).Interface().(model.Meta)
	if data != nil {
		p.Data = v.Elem().Field(1).Addr().Interface()
	}
	return lines, errs
}

// fileSet knows every content and static file, so that links can be
// checked and rewritten while pages are parsed in parallel.
type fileSet struct {
	pages       map[string]map[string]bool // content path -> languages
	statics     map[string]bool
	defaultLang string
}

func newFileSet(sources []Source, statics map[string]bool, defaultLang string) *fileSet {
	f := &fileSet{pages: map[string]map[string]bool{}, statics: statics, defaultLang: defaultLang}
	for _, s := range sources {
		if f.pages[s.Path] == nil {
			f.pages[s.Path] = map[string]bool{}
		}
		f.pages[s.Path][s.Lang] = true
	}
	return f
}

// resolve checks a link destination written in page p and rewrites links
// to content and static files to relative URLs.
func (f *fileSet) resolve(p *model.Page, dest string) (string, error) {
	if dest == "" || strings.HasPrefix(dest, "#") {
		return dest, nil
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", fmt.Errorf("lenken «%s» er ikke en gyldig adresse: sjekk skrivemåten", dest)
	}
	switch u.Scheme {
	case "https", "mailto", "tel":
		if u.Scheme == "https" && u.Host == "" {
			return "", fmt.Errorf("lenken «%s» mangler navnet på nettstedet etter https://", dest)
		}
		return dest, nil
	case "http":
		return "", fmt.Errorf("lenken «%s» bruker http://, som ikke er trygt: skriv %s", dest, "https://"+strings.TrimPrefix(dest, u.Scheme+"://"))
	case "":
	default:
		return "", fmt.Errorf("lenken «%s» kan ikke brukes: en lenke må begynne med https:// eller mailto:, eller gå til en .md-fil", dest)
	}
	if u.Host != "" {
		return "", fmt.Errorf("lenken «%s» mangler https:// foran", dest)
	}
	target := u.Path
	if strings.HasPrefix(target, "/") {
		target = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		target = path.Join(path.Dir(p.Path), target)
	}
	if strings.HasSuffix(u.Path, "/") {
		target = path.Join(target, "_index.md")
	}
	if target == "." {
		target = "_index.md"
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", fmt.Errorf("lenken «%s» går ut av mappa content/", dest)
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	if strings.HasSuffix(target, ".md") {
		langs, ok := f.pages[target]
		if !ok || !langs[f.defaultLang] {
			return "", fmt.Errorf("lenken «%s» virker ikke: content/%s finnes ikke", dest, target)
		}
		lang := f.defaultLang
		if langs[p.Lang] {
			lang = p.Lang
		}
		return model.RelURL(p.OutPath, model.OutPath(target, lang, f.defaultLang)) + frag, nil
	}
	if f.statics[target] {
		// A file name may hold characters that mean something in a URL
		// ("vedlegg #3.pdf", "a:b.png"): escape them.
		return (&url.URL{Path: model.RelURL(p.OutPath, target)}).String() + frag, nil
	}
	return "", fmt.Errorf("lenken «%s» virker ikke: det finnes ingen side content/%s og ingen fil static/%s (lenker til sider slutter på .md)", dest, target, target)
}
