package model

// Site is the whole loaded and validated site. Lists hold the pages in the
// default language, sorted by weight and title; other languages are reached
// through Page.Variants. A Site is read-only once loaded and safe for
// concurrent reads.
type Site struct {
	Config Config
	// Kinds defines the page kinds the site was loaded with. The loader
	// sets it; a site put together by hand needs it too (kinds.Builtin),
	// or it has no kind-specific order, references or search entries.
	Kinds  *KindSet
	Scales map[string]*Scale
	// ScaleVariants holds translated scales: language -> scale ID ->
	// scale with translated title and labels (codes and meanings as in
	// Scales).
	ScaleVariants map[string]map[string]*Scale
	Strings       map[string]map[string]string // interface strings: language -> key -> text
	// Data holds the goal conflicts and suggestions from content/data/.
	Data Data

	// Pages holds every page in every language, sorted by output path.
	Pages []*Page
	// ByPath finds a default-language page by its content path.
	ByPath map[string]*Page

	Home     *Page
	Sections map[string]*Page // section directory -> its _index.md

	lists    map[Kind][]*Page
	byKindID map[Kind]map[string]*Page
}

// Index builds the lookup tables and the sorted list of each kind. The
// loader calls it once all pages are in.
func (s *Site) Index() {
	s.ByPath = map[string]*Page{}
	s.Sections = map[string]*Page{}
	s.lists = map[Kind][]*Page{}
	s.byKindID = map[Kind]map[string]*Page{}
	for _, p := range s.Pages {
		if p.Lang != s.Config.Language {
			continue
		}
		s.ByPath[p.Path] = p
		if s.byKindID[p.Kind] == nil {
			s.byKindID[p.Kind] = map[string]*Page{}
		}
		s.byKindID[p.Kind][p.ID] = p
		s.lists[p.Kind] = append(s.lists[p.Kind], p)
		switch p.Kind {
		case KindHome:
			s.Home = p
		case KindSection:
			s.Sections[p.Section] = p
		}
	}
	for k, l := range s.lists {
		SortPages(l)
		if d := s.Kinds.Get(k); d != nil {
			d.Sort(l)
		}
	}
}

// List returns the default-language pages of a kind, sorted by weight and
// title (red-thread steps by number). The caller must not change it.
func (s *Site) List(k Kind) []*Page { return s.lists[k] }

// ScaleFor returns the scale with an ID in a language, falling back to the
// default language.
func (s *Site) ScaleFor(id, lang string) *Scale {
	if sc, ok := s.ScaleVariants[lang][id]; ok {
		return sc
	}
	return s.Scales[id]
}

// Lookup returns the default-language page of a kind with an ID, or nil.
func (s *Site) Lookup(k Kind, id string) *Page {
	return s.byKindID[k][id]
}

// Referring returns the default-language pages of kind k whose field
// lists id, in list order: the funding entries of a theme are
// s.Referring(KindFunding, "themes", theme). The fields are those the
// kind's definition names (KindDef.Refers).
func (s *Site) Referring(k Kind, field, id string) []*Page {
	def := s.Kinds.Get(k)
	if def == nil {
		return nil
	}
	var out []*Page
	for _, p := range s.List(k) {
		if contains(def.Refers(p, field), id) {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
