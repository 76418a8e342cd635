package generator

import "github.com/baerekrafthjelperen/hjelperen/generator/model"

// writeOffline writes the service worker with its precache list and the
// downloadable copy of the site. manifest holds the checksum of every file
// written so far. It is being built in issue 5 (offline); until then it
// writes nothing.
func (b *Builder) writeOffline(site *model.Site, w writer, manifest map[string]uint32) error {
	return nil
}
