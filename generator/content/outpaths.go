package content

import (
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// checkOutPaths reports content files that would be published as the same
// output file, one overwriting the other: content/index.md beside
// content/_index.md, or content/nn/om.md beside content/om.nn.md. pages is
// sorted by output path.
func checkOutPaths(pages []*model.Page) diag.List {
	var errs diag.List
	for i := 1; i < len(pages); i++ {
		a, b := pages[i-1], pages[i]
		if a.OutPath != b.OutPath {
			continue
		}
		if a.File > b.File {
			a, b = b, a
		}
		errs.Addf(b.Pos, "blir publisert som %s, akkurat som %s, og den ene ville skrevet over den andre: gi en av dem et annet navn", b.OutPath, a.File)
	}
	return errs
}
