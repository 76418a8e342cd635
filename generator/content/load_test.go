package content

import (
	"os"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

func TestLoadSample(t *testing.T) {
	root := os.DirFS("../testdata/sites/sample")
	theme := os.DirFS("../../themes/default")
	site, err := NewLoader().Load(root, theme)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := len(site.List(model.KindTheme)); got < 2 {
		t.Errorf("themes = %d, want at least 2", got)
	}
	th := site.Lookup("theme", "klimatilpasning")
	if th == nil || th.Theme().Dimension != "klima-og-miljo" || len(th.Theme().Rules) != 2 {
		t.Fatalf("klimatilpasning = %+v", th)
	}
	nn := th.Variant("nn")
	if nn == th || nn.Theme().Questions[0].Text[:7] != "Korleis" || nn.Theme().Questions[0].Level != "saksbehandling" {
		t.Errorf("nn variant not merged: %+v", nn.Theme())
	}
}
