package generator

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
	"github.com/baerekrafthjelperen/hjelperen/generator/search"
)

// Size budgets. The service worker caches every page and the search index
// on a visitor's first visit, so that the toolbox works offline: one large
// page makes every visitor download it, over the mobile network in many
// district municipalities. The budgets are far above what the toolbox
// needs (its largest page, a worksheet, is about 125 KB, and its search
// index 230–360 KB per language), so only a mistake, such as a report
// pasted in as text, goes over them. A build above a budget succeeds, with
// a warning.
const (
	// PageBudget is the size of one HTML page above which it gets a
	// warning.
	PageBudget = 1_000_000
	// SearchBudget is the size of one language's search index (all its
	// files) above which it gets a warning.
	SearchBudget = 2_000_000
)

// WriteWarnings writes the report's warnings to w, one a line.
func (r Report) WriteWarnings(w io.Writer) {
	for _, msg := range r.Warnings {
		fmt.Fprintf(w, "Advarsel: %s\n", msg)
	}
}

// sizeWarnings returns a warning, in bokmål, for every page and search
// index of site in files above its budget, naming the content files that
// make it large.
func sizeWarnings(files publish.Files, site *model.Site) []string {
	var out []string
	for _, p := range site.Pages {
		if f, ok := files[p.OutPath]; ok && f.Size > PageBudget {
			out = append(out, fmt.Sprintf("%s er %s (grensen er %s): alle som besøker nettstedet, laster ned hele siden for å bruke verktøyet uten nett. "+
				"Gjør teksten i %s kortere, eller legg lange dokumenter i static/ og lenk til dem.", p.OutPath, mb(f.Size), mb(PageBudget), p.File))
		}
	}
	for _, lang := range site.Config.Languages {
		if size := searchSize(files, lang); size > SearchBudget {
			out = append(out, fmt.Sprintf("søkeindeksen for «%s» (%s%s*) er %s til sammen (grensen er %s): alle som besøker nettstedet, laster den ned. %s",
				lang, search.Dir, lang, mb(size), mb(SearchBudget), largest(site, lang, size)))
		}
	}
	return out
}

// searchSize returns the size of the files of the search index in lang:
// its entry file and the files in its folder (see search.Dir).
func searchSize(files publish.Files, lang string) int {
	size := 0
	for name, f := range files {
		if rest, ok := strings.CutPrefix(name, search.Dir+lang); ok && (strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "/")) {
			size += f.Size
		}
	}
	return size
}

// largest names the (at most three) pages that make up a tenth or more of
// the search index in lang, of size bytes. Every page is in the index of
// every language, in translation where there is one.
func largest(site *model.Site, lang string, size int) string {
	var in []*model.Page
	for _, p := range site.Pages {
		if p.Lang == site.Config.Language {
			in = append(in, p.Variant(lang))
		}
	}
	sort.SliceStable(in, func(i, j int) bool { return len(in[i].BodyText) > len(in[j].BodyText) })
	var names []string
	for _, p := range in[:min(3, len(in))] {
		if len(p.BodyText) >= size/10 {
			names = append(names, fmt.Sprintf("%s (%s)", p.File, mb(len(p.BodyText))))
		}
	}
	if len(names) == 0 {
		return fmt.Sprintf("Teksten er fordelt på %d sider.", len(in))
	}
	return "Mest tekst har " + strings.Join(names, ", ") + "."
}

// mb formats a size in megabytes the Norwegian way: 1,2 MB.
func mb(size int) string {
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(size)/1e6), ".", ",", 1)
}
