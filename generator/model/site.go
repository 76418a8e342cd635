package model

// Site is the whole loaded and validated site. Lists hold the pages in the
// default language, sorted by weight and title; other languages are reached
// through Page.Variants. A Site is read-only once loaded and safe for
// concurrent reads.
type Site struct {
	Config Config
	Scales map[string]*Scale
	// ScaleVariants holds translated scales: language -> scale ID ->
	// scale with translated title and labels (codes and meanings as in
	// Scales).
	ScaleVariants map[string]map[string]*Scale
	Strings       map[string]map[string]string // interface strings: language -> key -> text

	// Pages holds every page in every language, sorted by output path.
	Pages []*Page
	// ByPath finds a default-language page by its content path.
	ByPath map[string]*Page

	Home            *Page
	Sections        map[string]*Page // section directory -> its _index.md
	Dimensions      []*Page
	Themes          []*Page
	Worksheets      []*Page
	Steps           []*Page // sorted by step number
	Recommendations []*Page
	Funding         []*Page
	Dilemmas        []*Page
	Methods         []*Page
	Plain           []*Page

	byKindID map[Kind]map[string]*Page
}

// Index builds the lookup tables. The loader calls it once all pages are in.
func (s *Site) Index() {
	s.ByPath = map[string]*Page{}
	s.Sections = map[string]*Page{}
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
		switch p.Kind {
		case KindHome:
			s.Home = p
		case KindSection:
			s.Sections[p.Section] = p
		case KindDimension:
			s.Dimensions = append(s.Dimensions, p)
		case KindTheme:
			s.Themes = append(s.Themes, p)
		case KindWorksheet:
			s.Worksheets = append(s.Worksheets, p)
		case KindStep:
			s.Steps = append(s.Steps, p)
		case KindRecommendation:
			s.Recommendations = append(s.Recommendations, p)
		case KindFunding:
			s.Funding = append(s.Funding, p)
		case KindDilemma:
			s.Dilemmas = append(s.Dilemmas, p)
		case KindMethod:
			s.Methods = append(s.Methods, p)
		default:
			s.Plain = append(s.Plain, p)
		}
	}
	for _, l := range [][]*Page{s.Dimensions, s.Themes, s.Worksheets, s.Recommendations, s.Funding, s.Dilemmas, s.Methods, s.Plain} {
		SortPages(l)
	}
	sortSteps(s.Steps)
}

func sortSteps(steps []*Page) {
	SortPages(steps)
	for i := 1; i < len(steps); i++ { // insertion sort keeps ties stable
		for j := i; j > 0 && steps[j].Step.Step < steps[j-1].Step.Step; j-- {
			steps[j], steps[j-1] = steps[j-1], steps[j]
		}
	}
}

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

// ThemesOf returns the themes of a dimension.
func (s *Site) ThemesOf(dimension string) []*Page {
	var out []*Page
	for _, t := range s.Themes {
		if t.Theme.Dimension == dimension {
			out = append(out, t)
		}
	}
	return out
}

// ThemesAt returns the themes assessed at a plan level.
func (s *Site) ThemesAt(level string) []*Page {
	var out []*Page
	for _, t := range s.Themes {
		if contains(t.Theme.Levels, level) {
			out = append(out, t)
		}
	}
	return out
}

// FundingFor returns the funding entries that list a theme.
func (s *Site) FundingFor(theme string) []*Page {
	var out []*Page
	for _, f := range s.Funding {
		if contains(f.Funding.Themes, theme) {
			out = append(out, f)
		}
	}
	return out
}

// DilemmasFor returns the dilemma scenarios that involve a theme.
func (s *Site) DilemmasFor(theme string) []*Page {
	var out []*Page
	for _, d := range s.Dilemmas {
		if contains(d.Dilemma.Themes, theme) {
			out = append(out, d)
		}
	}
	return out
}

// MethodsFor returns the method tips that list a theme, followed by the
// general ones that list no theme.
func (s *Site) MethodsFor(theme string) []*Page {
	var out, general []*Page
	for _, m := range s.Methods {
		switch {
		case contains(m.Method.Themes, theme):
			out = append(out, m)
		case len(m.Method.Themes) == 0:
			general = append(general, m)
		}
	}
	return append(out, general...)
}

// StepsUsing returns the red-thread steps that use a worksheet.
func (s *Site) StepsUsing(worksheet string) []*Page {
	var out []*Page
	for _, st := range s.Steps {
		if contains(st.Step.Worksheets, worksheet) {
			out = append(out, st)
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
