package generator

import "github.com/baerekrafthjelperen/hjelperen/generator/model"

// writeSearch writes the client-side search index. It is being built in
// issue 5 (search); until then it writes nothing.
func (b *Builder) writeSearch(site *model.Site, w writer) error { return nil }
