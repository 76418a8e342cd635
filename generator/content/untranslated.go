package content

import (
	"fmt"
	"sort"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// Untranslated lists, for every language of the site but the default one,
// what still shows in the default language: interface strings missing in
// the theme's i18n file, configuration text missing in
// [translations.<lang>], and pages without a translation. Each entry is
// one line of the form "nn: 3 interface strings missing in i18n/nn.toml:
// a, b, c". A fully translated language gives no line; the list is nil
// when everything is translated.
func Untranslated(site *model.Site) []string {
	var out []string
	cfg := &site.Config
	for _, lang := range cfg.Languages[1:] {
		if keys := missingStrings(site, lang); len(keys) > 0 {
			out = append(out, fmt.Sprintf("%s: %d interface string(s) missing in i18n/%s.toml: %s",
				lang, len(keys), lang, strings.Join(keys, ", ")))
		}
		if fields := missingConfig(site, lang); len(fields) > 0 {
			out = append(out, fmt.Sprintf("%s: %d text(s) missing in [translations.%s] in %s: %s",
				lang, len(fields), lang, ConfigFile, strings.Join(fields, ", ")))
		}
		if pages := missingPages(site, lang); len(pages) > 0 {
			out = append(out, fmt.Sprintf("%s: %d page(s) without a translation: %s",
				lang, len(pages), strings.Join(pages, ", ")))
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
		out = append(out, fmt.Sprintf("links.%q", l.Page))
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
