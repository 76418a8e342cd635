package generator

import (
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/generator/search"
)

// writeSearch writes, for every language pages are published in, the
// client-side search index (js/search-index.<lang>.js, see package search)
// and the search page that loads it (sok.html, nn/sok.html). It runs on
// full and incremental builds: the index holds page text, so any edit
// changes it.
func (b *Builder) writeSearch(site *model.Site, r *render.Renderer, w *publish.Output) error {
	if !site.Config.SearchEnabled() {
		return nil
	}
	if p := site.ByPath[render.SearchPath]; p != nil {
		return diag.List{diag.Errorf(p.Pos, "navnet er satt av til søkesiden, som lages automatisk: gi filen et annet navn")}
	}
	for _, lang := range render.SearchLanguages(site) {
		index, err := search.Build(site, lang)
		if err != nil {
			return err
		}
		name := search.FileName(lang)
		if err := w.Write(name, index); err != nil {
			return err
		}
		html, err := r.SearchPage(lang, name)
		if err != nil {
			return err
		}
		out := model.OutPath(render.SearchPath, lang, site.Config.Language)
		if err := b.writeHTML(r, out, html, w); err != nil {
			return err
		}
	}
	return nil
}
