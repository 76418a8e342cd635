// Package content loads a site's source files into the typed model: the
// configuration (hjelperen.toml), the Markdown pages with TOML front matter
// under content/, the answer scales under content/data/ and the interface
// strings of the theme. It validates every field and cross-reference and
// reports all problems together, each with its file and line.
package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/markdown"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// ConfigFile is the name of the site configuration file.
const ConfigFile = "hjelperen.toml"

// ScalesFile is the content path of the answer scales.
const ScalesFile = "data/skalaer.toml"

// knownLanguages are the language codes a file name may carry as a suffix
// (bolig.nn.md).
var knownLanguages = map[string]bool{"nb": true, "nn": true, "se": true}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Source is a file in content/ found by the walk.
type Source struct {
	File string // path relative to the site root, e.g. "content/tema/bolig.nn.md"
	Path string // content path of the default-language file, e.g. "tema/bolig.md"
	Lang string
}

// Loader loads sites. The zero value is not usable; call NewLoader. A Loader
// is safe for concurrent use.
type Loader struct {
	md    *markdown.Converter
	kinds *model.KindSet
}

// NewLoader returns a Loader for the built-in page kinds.
func NewLoader() *Loader { return NewLoaderFor(kinds.Builtin()) }

// NewLoaderFor returns a Loader for the page kinds in ks.
func NewLoaderFor(ks *model.KindSet) *Loader { return &Loader{md: markdown.New(), kinds: ks} }

// Snapshot is a loaded site together with what is needed to update it
// when a few files change.
type Snapshot struct {
	Site    *model.Site
	sources []Source
	files   *fileSet
}

// ErrNeedFull is returned by Update when the change cannot be applied
// incrementally (a file was added, removed or is not a content page).
var ErrNeedFull = errors.New("content: full reload needed")

// Load reads the site in root (the folder with hjelperen.toml, content/ and
// static/) and the interface strings in theme (the theme's files, with
// i18n/<lang>.toml). It returns the site, or a diag.List with every problem
// found.
func (l *Loader) Load(root, theme fs.FS) (*model.Site, error) {
	snap, err := l.LoadSnapshot(root, theme)
	if snap == nil {
		return nil, err
	}
	return snap.Site, err
}

// LoadSnapshot is Load, returning a Snapshot that Update can build on.
func (l *Loader) LoadSnapshot(root, theme fs.FS) (*Snapshot, error) {
	cfg, err := LoadConfig(root)
	if err != nil {
		return nil, err
	}
	return l.LoadSite(root, cfg, theme)
}

// LoadSite is LoadSnapshot for a configuration read already with
// LoadConfig (a build needs it first, to find the theme).
func (l *Loader) LoadSite(root fs.FS, cfg *model.Config, theme fs.FS) (*Snapshot, error) {
	var errs diag.List
	if _, err := fs.Stat(root, "content"); errors.Is(err, fs.ErrNotExist) {
		// Without content nothing else is worth checking.
		errs.Addf(diag.Position{File: "content"}, "mappa content mangler (der skal sidene ligge)")
		return nil, errs
	}
	var err error
	site := &model.Site{Config: *cfg, Kinds: l.kinds}

	sources, statics, werr := walk(root, cfg)
	errs.Add(werr)

	site.Strings, err = loadStrings(theme, cfg)
	errs.Add(err)

	scales, err := loadScales(root)
	errs.Add(err)
	site.Scales = scales
	scalesFailed := err != nil
	site.ScaleVariants = map[string]map[string]*model.Scale{}
	for _, lang := range cfg.Languages[1:] {
		v, err := loadScaleVariant(root, lang, scales)
		errs.Add(err)
		if v != nil {
			site.ScaleVariants[lang] = v
		}
	}

	site.Data, err = loadData(root, cfg)
	errs.Add(err)

	files := newFileSet(sources, statics, cfg.Language)
	pages, perrs := l.parseAll(root, sources, files)
	errs = append(errs, perrs...)
	site.Pages = pages
	errs = append(errs, finish(site, sources, scalesFailed)...)
	errs.Sort()
	snap := &Snapshot{Site: site, sources: sources, files: files}
	if len(errs) > 0 {
		return snap, errs
	}
	return snap, nil
}

// finish connects translations, builds the indexes and validates.
// scalesFailed says that the answer scales had problems, which are
// reported already, so references to scales are not checked.
func finish(site *model.Site, sources []Source, scalesFailed bool) diag.List {
	failed := failedPaths(site, sources)
	failed[ScalesFile] = scalesFailed
	errs := checkOutPaths(site.Pages)
	errs = append(errs, linkVariants(site, failed)...)
	site.Index()
	errs = append(errs, validate(site, failed)...)
	return append(errs, validateData(site, failed)...)
}

// failedPaths returns the content paths whose default-language file
// failed to parse. Such a page exists all the same: its problem is
// reported once, and references to it, and its translations, are not
// reported again.
func failedPaths(site *model.Site, sources []Source) map[string]bool {
	parsed := map[string]bool{}
	for _, p := range site.Pages {
		parsed[p.File] = true
	}
	failed := map[string]bool{}
	for _, src := range sources {
		if src.Lang == site.Config.Language && !parsed[src.File] {
			failed[src.Path] = true
		}
	}
	return failed
}

// Update returns a new snapshot with the pages of the changed files
// (slash paths relative to the site root, such as
// "content/tema/bolig.md") parsed again. prev must come from a load without
// errors and is not modified. It returns ErrNeedFull when the change
// cannot be applied this way.
func (l *Loader) Update(prev *Snapshot, root fs.FS, changed []string) (*Snapshot, []string, error) {
	known := map[string]Source{}
	for _, s := range prev.sources {
		known[s.File] = s
	}
	affected := map[string]bool{}
	for _, file := range changed {
		src, ok := known[file]
		if !ok {
			return nil, nil, ErrNeedFull
		}
		if _, err := fs.Stat(root, file); err != nil {
			return nil, nil, ErrNeedFull
		}
		affected[src.Path] = true
	}
	var redo []Source
	for _, s := range prev.sources {
		if affected[s.Path] {
			redo = append(redo, s)
		}
	}
	fresh, errs := l.parseAll(root, redo, prev.files)

	old := prev.Site
	site := &model.Site{Config: old.Config, Kinds: old.Kinds, Strings: old.Strings, Scales: old.Scales, ScaleVariants: old.ScaleVariants, Data: old.Data}
	for _, p := range old.Pages {
		if !affected[p.Path] {
			cp := *p // linkVariants sets fields; keep prev intact
			site.Pages = append(site.Pages, &cp)
		}
	}
	site.Pages = append(site.Pages, fresh...)
	sort.Slice(site.Pages, func(i, j int) bool { return site.Pages[i].OutPath < site.Pages[j].OutPath })
	errs = append(errs, finish(site, prev.sources, false)...)
	errs.Sort()
	paths := make([]string, 0, len(affected))
	for p := range affected {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	snap := &Snapshot{Site: site, sources: prev.sources, files: prev.files}
	if len(errs) > 0 {
		return snap, paths, errs
	}
	return snap, paths, nil
}

// LoadConfig reads and checks hjelperen.toml in root with the TOML
// parser, filling in the defaults (language nb, theme default). It is the
// one reader of the file: the build, check and serve all use it. The error
// is a diag.List.
func LoadConfig(root fs.FS) (*model.Config, error) {
	cfg, err := loadConfig(root)
	if err != nil {
		var errs diag.List
		errs.Add(err)
		return nil, errs
	}
	return cfg, nil
}

func loadConfig(root fs.FS) (*model.Config, error) {
	data, err := fs.ReadFile(root, ConfigFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Errorf(diag.Position{File: ConfigFile},
				"finnes ikke. Kjør hjelperen i mappa til nettstedet, eller oppgi mappa med --source")
		}
		return nil, &diag.Error{Pos: diag.Position{File: ConfigFile}, Msg: "kan ikke leses: " + err.Error(), Err: err}
	}
	if e := checkUTF8(ConfigFile, data); e != nil {
		return nil, e
	}
	var cfg model.Config
	lines, errs := decodeStrict(ConfigFile, data, 0, &cfg)
	if len(errs) > 0 {
		return nil, errs
	}
	pos := func(key string) diag.Position {
		return diag.Position{File: ConfigFile, Line: lines[key], Col: 1}
	}
	if cfg.Title == "" {
		errs.Addf(diag.Position{File: ConfigFile, Line: 1}, "mangler feltet «title» (navnet på nettstedet)")
	}
	if cfg.Language == "" {
		cfg.Language = "nb"
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = []string{cfg.Language}
	}
	if cfg.Languages[0] != cfg.Language {
		errs.Addf(pos("languages"), "languages må begynne med hovedspråket «%s» (language)", cfg.Language)
	}
	for _, lang := range cfg.Languages {
		if !knownLanguages[lang] {
			errs.Addf(pos("languages"), "ukjent språk «%s» (bruk nb, nn eller se)", lang)
		}
	}
	if cfg.Theme == "" {
		cfg.Theme = "default"
	}
	if cfg.BaseURL != "" {
		if msg := checkBaseURL(cfg.BaseURL); msg != "" {
			errs.Addf(pos("base_url"), "%s", msg)
		}
	}
	for i := range cfg.Menu {
		cfg.Menu[i].Pos = pos(fmt.Sprintf("menu.%d", i))
	}
	for i := range cfg.Footer.Links {
		cfg.Footer.Links[i].Pos = pos(fmt.Sprintf("footer.links.%d", i))
	}
	errs = append(errs, checkTranslations(&cfg, pos)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return &cfg, nil
}

// checkTranslations reports [translations.xx] blocks for a language the
// site does not have, and link titles for pages that are neither in the
// menu nor in the footer.
func checkTranslations(cfg *model.Config, pos func(string) diag.Position) diag.List {
	var errs diag.List
	linked := map[string]bool{}
	for _, l := range append(append([]model.Link(nil), cfg.Menu...), cfg.Footer.Links...) {
		linked[l.Page] = true
	}
	langs := make([]string, 0, len(cfg.Translations))
	for lang := range cfg.Translations {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		key := "translations." + lang
		if lang == cfg.Language {
			errs.Addf(pos(key), "[%s] trengs ikke: «%s» er hovedspråket, og den teksten står allerede ellers i filen", key, lang)
			continue
		}
		if !contains(cfg.Languages, lang) {
			errs.Addf(pos(key), "[%s] gjelder et språk nettstedet ikke har: legg «%s» til i languages, eller fjern blokken", key, lang)
			continue
		}
		pages := make([]string, 0, len(cfg.Translations[lang].Links))
		for page := range cfg.Translations[lang].Links {
			pages = append(pages, page)
		}
		sort.Strings(pages)
		for _, page := range pages {
			if !linked[page] {
				errs.Addf(pos(key+".links"), "[%s.links] nevner «%s», som verken er i menyen eller blant lenkene i bunnteksten", key, page)
			}
		}
	}
	return errs
}

// walk lists the content files and the static files.
func walk(root fs.FS, cfg *model.Config) ([]Source, map[string]bool, error) {
	var errs diag.List
	var sources []Source
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // vanished while walking; the next build sees it
			}
			return err
		}
		name := d.Name()
		if skipName(name) {
			if d.IsDir() && p != "content" {
				return fs.SkipDir
			}
			return nil
		}
		if e := linkProblem(root, p, d); e != nil {
			errs.Add(e)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		switch {
		case strings.HasSuffix(name, ".md"):
			src, msg := sourceOf(p, rel, cfg)
			if msg != "" {
				errs.Addf(diag.Position{File: p}, "%s", msg)
				return nil
			}
			sources = append(sources, src)
		case rel == ScalesFile || isScaleVariant(rel, cfg) || isDataFile(rel, cfg):
		default:
			errs.Addf(diag.Position{File: p}, "filen hører ikke hjemme i content/: der skal det bare være sider (.md) og %s. Legg bilder og filer til nedlasting i static/", ScalesFile)
		}
		return nil
	})
	if err != nil {
		errs.Add(err)
	}
	statics := map[string]bool{}
	_ = fs.WalkDir(root, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || skipName(d.Name()) && p != "static" {
			if d != nil && d.IsDir() && p != "static" {
				return fs.SkipDir
			}
			return nil
		}
		if e := linkProblem(root, p, d); e != nil {
			errs.Add(e)
			return nil
		}
		if !d.IsDir() {
			statics[strings.TrimPrefix(p, "static/")] = true
		}
		return nil
	})
	sort.Slice(sources, func(i, j int) bool { return sources[i].File < sources[j].File })
	return sources, statics, errs.Err()
}

// skipName reports whether a file is hidden or an editor's temporary file.
func skipName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".tmp")
}

func sourceOf(file, rel string, cfg *model.Config) (Source, string) {
	dir, name := path.Split(rel)
	base := strings.TrimSuffix(name, ".md")
	lang := cfg.Language
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		lang = base[i+1:]
		base = base[:i]
		if !knownLanguages[lang] {
			return Source{}, fmt.Sprintf("ukjent språk «%s» i filnavnet (bruk .nn.md for nynorsk eller .se.md for nordsamisk)", lang)
		}
		if !contains(cfg.Languages, lang) {
			return Source{}, fmt.Sprintf("språket «%s» står ikke i languages i %s", lang, ConfigFile)
		}
	}
	if base != "_index" && !idPattern.MatchString(base) {
		return Source{}, fmt.Sprintf("filnavnet «%s» kan ikke brukes: bruk bare små bokstaver a–z, sifre og bindestrek, og skriv æ, ø og å som ae, o og a", base)
	}
	return Source{File: file, Path: dir + base + ".md", Lang: lang}, ""
}

// parseAll parses every page in parallel. The result is sorted by output
// path, independent of scheduling.
func (l *Loader) parseAll(root fs.FS, sources []Source, files *fileSet) ([]*model.Page, diag.List) {
	type result struct {
		page *model.Page
		errs diag.List
	}
	results := make([]result, len(sources))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				p, errs := l.ParsePage(root, sources[i], files)
				results[i] = result{p, errs}
			}
		}()
	}
	for i := range sources {
		work <- i
	}
	close(work)
	wg.Wait()

	var pages []*model.Page
	var errs diag.List
	for _, r := range results {
		errs = append(errs, r.errs...)
		if r.page != nil {
			pages = append(pages, r.page)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].OutPath < pages[j].OutPath })
	return pages, errs
}

// readScales reads and decodes a scales file. A missing file gives no
// scales and no error.
func readScales(root fs.FS, file string) ([]*model.Scale, map[string]int, error) {
	data, err := fs.ReadFile(root, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, &diag.Error{Pos: diag.Position{File: file}, Msg: err.Error(), Err: err}
	}
	if e := checkUTF8(file, data); e != nil {
		return nil, nil, e
	}
	var doc struct {
		Scale []*model.Scale `toml:"scale"`
	}
	lines, errs := decodeStrict(file, data, 0, &doc)
	return doc.Scale, lines, errs.Err()
}

func loadScales(root fs.FS) (map[string]*model.Scale, error) {
	file := "content/" + ScalesFile
	scales, lines, err := readScales(root, file)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	out := map[string]*model.Scale{}
	optionBase := 0 // [[scale.option]] headers are counted across scales
	for i, s := range scales {
		s.Pos = scalePos(file, lines, i)
		at := func(key string) diag.Position {
			if l := lines[fmt.Sprintf("scale.%d.%s", i, key)]; l > 0 {
				return diag.Position{File: file, Line: l, Col: 1}
			}
			return s.Pos
		}
		switch {
		case s.ID == "":
			errs.Addf(s.Pos, "skala nr. %d mangler feltet «id»", i+1)
		case !idPattern.MatchString(s.ID):
			errs.Addf(at("id"), "skala nr. %d: ID-en «%s» kan ikke brukes: bruk bare små bokstaver a–z, sifre og bindestrek", i+1, s.ID)
		case out[s.ID] != nil:
			errs.Addf(at("id"), "skala-ID-en «%s» er brukt før, på linje %d", s.ID, out[s.ID].Pos.Line)
		default:
			out[s.ID] = s
		}
		if s.Title == "" {
			errs.Addf(s.Pos, "skalaen «%s» mangler feltet «title»", s.ID)
		}
		if len(s.Options) < 2 {
			errs.Addf(s.Pos, "skalaen «%s» må ha minst to svaralternativer ([[scale.option]])", s.ID)
		}
		codes := map[string]bool{}
		for j, o := range s.Options {
			opos := s.Pos
			if l := lines[fmt.Sprintf("scale.option.%d", optionBase+j)]; l > 0 {
				opos.Line = l
			}
			switch {
			case o.Code == "":
				errs.Addf(opos, "skalaen «%s», svaralternativ nr. %d mangler feltet «code»", s.ID, j+1)
			case !idPattern.MatchString(o.Code):
				errs.Addf(opos, "skalaen «%s», svaralternativ nr. %d: koden «%s» kan ikke brukes: bruk bare små bokstaver a–z, sifre og bindestrek", s.ID, j+1, o.Code)
			case codes[o.Code]:
				errs.Addf(opos, "skalaen «%s»: koden «%s» er brukt på to svaralternativer", s.ID, o.Code)
			}
			codes[o.Code] = true
			if o.Label == "" {
				errs.Addf(opos, "skalaen «%s», svaralternativet «%s» mangler feltet «label»", s.ID, o.Code)
			}
			if !o.Meaning.Valid() {
				errs.Addf(opos, "skalaen «%s», svaralternativet «%s»: meaning «%s» kan ikke brukes (bruk en av %s)", s.ID, o.Code, o.Meaning, meaningList())
			}
		}
		optionBase += len(s.Options)
	}
	return out, errs.Err()
}

// scalePos returns the position of the i-th scale in a scales file: its
// [[scale]] header or, for scales written as an inline array
// (scale = [{...}]), the line of that key, or else line 1.
func scalePos(file string, lines map[string]int, i int) diag.Position {
	line := lines[fmt.Sprintf("scale.%d", i)]
	if line == 0 {
		line = max(lines["scale"], 1)
	}
	return diag.Position{File: file, Line: line, Col: 1}
}

// scaleVariantFile returns the content path of a scale translation, such as
// "data/skalaer.nn.toml".
func scaleVariantFile(lang string) string {
	return strings.TrimSuffix(ScalesFile, ".toml") + "." + lang + ".toml"
}

func isScaleVariant(rel string, cfg *model.Config) bool {
	for _, lang := range cfg.Languages[1:] {
		if rel == scaleVariantFile(lang) {
			return true
		}
	}
	return false
}

// loadScaleVariant reads the translation of the scales into lang, if there
// is one: the same scale IDs and option codes with translated titles and
// labels. Codes, meanings and settings always come from the default file.
func loadScaleVariant(root fs.FS, lang string, base map[string]*model.Scale) (map[string]*model.Scale, error) {
	file := "content/" + scaleVariantFile(lang)
	scales, lines, err := readScales(root, file)
	if err != nil || scales == nil {
		return nil, err
	}
	var errs diag.List
	out := map[string]*model.Scale{}
	optionBase := 0
	for i, tr := range scales {
		pos := scalePos(file, lines, i)
		b := base[tr.ID]
		if b == nil {
			errs.Addf(pos, "skalaen «%s» finnes ikke i content/%s (en oversettelse må bruke de samme ID-ene)", tr.ID, ScalesFile)
			optionBase += len(tr.Options)
			continue
		}
		sc := *b
		sc.Title = kinds.Pick(tr.Title, b.Title)
		labels := map[string]string{}
		for j, o := range tr.Options {
			opos := pos
			if l := lines[fmt.Sprintf("scale.option.%d", optionBase+j)]; l > 0 {
				opos.Line = l
			}
			labels[o.Code] = o.Label
			found := false
			for _, bo := range b.Options {
				found = found || bo.Code == o.Code
			}
			switch {
			case !found:
				errs.Addf(opos, "skalaen «%s»: koden «%s» finnes ikke i content/%s", tr.ID, o.Code, ScalesFile)
			case o.Meaning != "":
				errs.Addf(opos, "skalaen «%s», svaralternativet «%s»: ta bort meaning i oversettelsen (den hentes fra content/%s)", tr.ID, o.Code, ScalesFile)
			}
		}
		optionBase += len(tr.Options)
		sc.Options = make([]model.Option, len(b.Options))
		for j, bo := range b.Options {
			bo.Label = kinds.Pick(labels[bo.Code], bo.Label)
			sc.Options[j] = bo
		}
		out[tr.ID] = &sc
	}
	return out, errs.Err()
}

func meaningList() string {
	var s []string
	for _, m := range model.Meanings {
		s = append(s, string(m))
	}
	return strings.Join(s, ", ")
}

// loadStrings reads i18n/<lang>.toml for every configured language.
func loadStrings(theme fs.FS, cfg *model.Config) (map[string]map[string]string, error) {
	var errs diag.List
	out := map[string]map[string]string{}
	for _, lang := range cfg.Languages {
		file := "i18n/" + lang + ".toml"
		data, err := fs.ReadFile(theme, file)
		if errors.Is(err, fs.ErrNotExist) && lang != cfg.Language {
			out[lang] = map[string]string{}
			continue
		}
		label := "themes/" + cfg.Theme + "/" + file
		if err != nil {
			errs.Addf(diag.Position{File: label}, "%v", err)
			continue
		}
		strs := map[string]string{}
		if _, err := toml.Decode(string(data), &strs); err != nil {
			errs.Add(tomlError(label, 0, keyLines(data), err))
			continue
		}
		out[lang] = strs
	}
	return out, errs.Err()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
