package serve

import (
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// TestBasePathWithComment serves a site whose base_url carries a TOML
// comment (issue 12, item 1), which once made the server panic.
func TestBasePathWithComment(t *testing.T) {
	site := testsite.Copy(t, "../testdata/sites/sample")
	testsite.Replace(t, site, "hjelperen.toml", "baerekraft/\"\n", "baerekraft/\" # x\n")
	s, ts := newServer(t, site)
	if s.BasePath() != "/nb/troms-finnmark/baerekraft/" {
		t.Fatalf("BasePath = %q", s.BasePath())
	}
	if code, body := get(t, ts.URL+s.BasePath()+"om.html"); code != 200 || !strings.Contains(body, "<h1>") {
		t.Errorf("GET om.html = %d", code)
	}
}
