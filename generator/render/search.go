package render

import (
	"sort"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// SearchPath is the content path the generated search page takes. It is
// published as sok.html (nn/sok.html in nynorsk); a content file with this
// path would collide with it.
const SearchPath = "sok.md"

// SearchLanguages returns the languages that get a search page: every
// language at least one page is published in, sorted.
func SearchLanguages(site *model.Site) []string {
	seen := map[string]bool{}
	for _, p := range site.Pages {
		seen[p.Lang] = true
	}
	langs := make([]string, 0, len(seen))
	for l := range seen {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// SearchPage renders the search page in lang with layouts/search.html.
// indexFile is the output path of the search index script it loads.
func (r *Renderer) SearchPage(lang, indexFile string) ([]byte, error) {
	variants := map[string]*model.Page{}
	for _, l := range SearchLanguages(r.site) {
		variants[l] = r.searchPage(l, variants)
	}
	p, ok := variants[lang]
	if !ok {
		p = r.searchPage(lang, variants)
	}
	d := r.data(p)
	d.searchIndex = indexFile
	return r.execute(extra("search"), d, "layouts/search.html")
}

func (r *Renderer) searchPage(lang string, variants map[string]*model.Page) *model.Page {
	str := func(key string) string {
		if s, ok := r.site.Strings[lang][key]; ok {
			return s
		}
		return r.site.Strings[r.site.Config.Language][key]
	}
	return &model.Page{
		Meta:    model.Meta{Title: str("search_title"), Description: str("search_description")},
		Path:    SearchPath,
		OutPath: model.OutPath(SearchPath, lang, r.site.Config.Language),
		Lang:    lang,
		Kind:    model.KindPage,
		ID:      "sok",
		// Variants is shared by the search pages of every language, so
		// the language switch offers them all.
		Variants: variants,
	}
}

// SearchURL returns the relative URL of the search page in the page's
// language (the header's search form submits to it).
func (d *Data) SearchURL() string {
	return d.rel(model.OutPath(SearchPath, d.Lang, d.Site.Config.Language))
}

// IsSearchPage reports whether the page being rendered is the search page.
func (d *Data) IsSearchPage() bool { return d.Page.Path == SearchPath && d.searchIndex != "" }

// SearchIndex returns the relative URL of the search index script (on the
// search page only; "" elsewhere).
func (d *Data) SearchIndex() string {
	if d.searchIndex == "" {
		return ""
	}
	return d.rel(d.searchIndex)
}
