package generator

import (
	"runtime"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/generator/search"
)

// searchIndexes are the search indexes of a build by language.
type searchIndexes map[string]*search.Sharded

// writeSearch writes, for every language pages are published in, the
// client-side search index (files under js/search/, see package search)
// and the search page that loads it (sok.html, nn/sok.html). It returns
// the indexes, which updateSearch brings up to date after an edit.
func (b *Builder) writeSearch(site *model.Site, r *render.Renderer, w *publish.Output) (searchIndexes, error) {
	if !site.Config.SearchEnabled() {
		return nil, nil
	}
	if p := site.ByPath[render.SearchPath]; p != nil {
		return nil, diag.List{diag.Errorf(p.Pos, "navnet er satt av til søkesiden, som lages automatisk: gi filen et annet navn")}
	}
	out := searchIndexes{}
	for _, lang := range render.SearchLanguages(site) {
		ix := search.NewSharded(site, lang)
		if err := writeAll(w, ix.Files()); err != nil {
			return nil, err
		}
		if err := b.writeSearchPage(site, r, w, lang, ix.Entry()); err != nil {
			return nil, err
		}
		out[lang] = ix
	}
	return out, nil
}

// updateSearch brings the indexes up to date after the text of the pages
// at the content paths changed: it writes the index files that changed,
// removes the ones no longer used and, as the entry file's name changes
// with its content, writes the search page again.
func (b *Builder) updateSearch(ixs searchIndexes, site *model.Site, r *render.Renderer, w *publish.Output, paths []string) error {
	if !site.Config.SearchEnabled() {
		return nil
	}
	for _, lang := range render.SearchLanguages(site) {
		ix := ixs[lang]
		if ix == nil {
			return errNeedFull
		}
		entry := ix.Entry()
		written, removed := ix.Update(site, paths)
		for name, data := range written {
			if err := w.Write(name, data); err != nil {
				return err
			}
		}
		if ix.Entry() != entry {
			if err := b.writeSearchPage(site, r, w, lang, ix.Entry()); err != nil {
				return err
			}
		}
		for _, name := range removed {
			if err := w.Remove(name); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *Builder) writeSearchPage(site *model.Site, r *render.Renderer, w *publish.Output, lang, entry string) error {
	html, err := r.SearchPage(lang, entry)
	if err != nil {
		return err
	}
	return b.writeHTML(r, model.OutPath(render.SearchPath, lang, site.Config.Language), html, w)
}

// writeAll writes files on as many goroutines as there are CPUs: writing
// compresses each file for the zip, and the index has as many files as a
// quarter of the pages.
func writeAll(w *publish.Output, files map[string][]byte) error {
	work := make(chan string)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	for range cap(errs) {
		go func() {
			var err error
			for name := range work {
				if err == nil {
					err = w.Write(name, files[name])
				}
			}
			errs <- err
		}()
	}
	for name := range files {
		work <- name
	}
	close(work)
	var first error
	for range cap(errs) {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}
