package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestConfigComments builds the sample with TOML comments after the values
// the build looks at first (issue 12, item 1): the output must equal the
// build without them.
func TestConfigComments(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: sample, Dest: plain}); err != nil {
		t.Fatal(err)
	}
	site := testsite.Copy(t, sample)
	testsite.Replace(t, site, "hjelperen.toml", "language = \"nb\"\n", "language = \"nb\" # bokmål\ntheme = \"default\" # standard\n")
	testsite.Replace(t, site, "hjelperen.toml", "baerekraft/\"\n", "baerekraft/\" # x\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: site, Dest: dest}); err != nil {
		t.Fatalf("build with comments in hjelperen.toml: %v", err)
	}
	if !sameTree(treeHash(t, dest), treeHash(t, plain)) {
		t.Error("comments in hjelperen.toml changed the output")
	}
}

// TestUnknownTheme names the theme and the file it comes from instead of a
// missing translation file.
func TestUnknownTheme(t *testing.T) {
	site := testsite.Copy(t, sample)
	testsite.Replace(t, site, "hjelperen.toml", "language = \"nb\"\n", "language = \"nb\"\ntheme = \"standard\"\n")
	_, err := Build(t.Context(), Options{Source: site, CheckOnly: true})
	if err == nil || !strings.Contains(err.Error(), `hjelperen.toml: theme: finner ikke malen «standard» (ingen mappe themes/standard`) {
		t.Errorf("err = %v, want the unknown theme named", err)
	}
}
