package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestConfigWithComments runs build and check on a site whose
// hjelperen.toml has comments after its values, as an editor may write
// (issue 12, item 1).
func TestConfigWithComments(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	testsite.Replace(t, site, "hjelperen.toml", "language = \"nb\"\n", "language = \"nb\"\ntheme = \"default\" # standard\n")
	testsite.Replace(t, site, "hjelperen.toml", "baerekraft/\"\n", "baerekraft/\" # x\n")
	for _, args := range [][]string{
		{"build", "--source", site, "--dest", filepath.Join(site, "public")},
		{"check", "--source", site},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); err != nil {
			t.Errorf("hjelperen %s: %v\n%s", args[0], err, errOut.String())
		}
	}
	sm, err := os.ReadFile(filepath.Join(site, "public", "sitemap.xml"))
	if err != nil || !bytes.Contains(sm, []byte("https://www.statsforvalteren.no/nb/troms-finnmark/baerekraft/om.html")) {
		t.Errorf("sitemap lacks the base URL (err %v)", err)
	}
}
