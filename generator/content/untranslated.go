package content

import (
	"sort"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// Untranslated is what a language of the site still lacks, so that it
// shows in the default language.
type Untranslated struct {
	Lang string
	// Strings are the keys of interface strings missing in the theme's
	// i18n/<lang>.toml.
	Strings []string
	// Config are the texts missing in [translations.<lang>] of
	// hjelperen.toml: "description", "footer_text" and "links.<page>".
	Config []string
	// Pages are the content paths of the pages without a translation.
	Pages []string
}

// Missing lists, for every language of the site but the default one that
// lacks something, what still shows in the default language. It is nil
// when everything is translated.
func Missing(site *model.Site) []Untranslated {
	var out []Untranslated
	for _, lang := range site.Config.Languages[1:] {
		u := Untranslated{
			Lang:    lang,
			Strings: missingStrings(site, lang),
			Config:  missingConfig(site, lang),
			Pages:   missingPages(site, lang),
		}
		if len(u.Strings)+len(u.Config)+len(u.Pages) > 0 {
			out = append(out, u)
		}
	}
	return out
}

// missingStrings returns the keys of the default language's interface
// strings that lang lacks, sorted.
func missingStrings(site *model.Site, lang string) []string {
	var keys []string
	for k := range site.Strings[site.Config.Language] {
		if _, ok := site.Strings[lang][k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// missingConfig returns the configuration texts that have no version in
// lang: the description, the footer text, and the titles of menu and
// footer links to pages that are not translated either.
func missingConfig(site *model.Site, lang string) []string {
	cfg := &site.Config
	var out []string
	if cfg.Description != "" && cfg.DescriptionIn(lang).Lang != lang {
		out = append(out, "description")
	}
	if cfg.Footer.Text != "" && cfg.FooterTextIn(lang).Lang != lang {
		out = append(out, "footer_text")
	}
	seen := map[string]bool{}
	for _, l := range append(append([]model.Link(nil), cfg.Menu...), cfg.Footer.Links...) {
		if seen[l.Page] {
			continue
		}
		seen[l.Page] = true
		if _, ok := cfg.LinkTitleIn(l, lang); ok {
			continue
		}
		if p := site.ByPath[l.Page]; p != nil && p.Variant(lang).Lang == lang {
			continue
		}
		out = append(out, `links."`+l.Page+`"`)
	}
	return out
}

// missingPages returns the content paths of the pages with no variant in
// lang, sorted.
func missingPages(site *model.Site, lang string) []string {
	var out []string
	for _, p := range site.Pages {
		if p.Lang == site.Config.Language && p.Variant(lang).Lang != lang {
			out = append(out, p.Path)
		}
	}
	sort.Strings(out)
	return out
}
