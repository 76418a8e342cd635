package content

import (
	"bytes"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// FuzzScales feeds arbitrary bytes to the loader of the answer scales
// (content/data/skalaer.toml) and of their nynorsk translation
// (skalaer.nn.toml). It must never panic; every problem must name the file
// it is in and a line within it; and scales loaded without problems must
// be usable by a worksheet. Seeds: testdata/fuzz/FuzzScales.
func FuzzScales(f *testing.F) {
	f.Add([]byte("[[scale]]\nid = \"a\"\ntitle = \"A\"\n[[scale.option]]\ncode = \"x\"\nlabel = \"X\"\nmeaning = \"positive\"\n"), []byte(""))
	f.Add([]byte("scale = [{id = \"a\", option = [{code = \"x\"}]}]\n"), []byte("[[scale]]\nid = \"b\"\n"))
	f.Add([]byte("[[scale]]\n[[scale.option]]\n[[scale]]\n[[scale.option]]\n"), []byte("[[scale]]\nid = 1\n"))
	f.Fuzz(func(t *testing.T, base, nn []byte) {
		root := fstest.MapFS{
			"content/data/skalaer.toml":    {Data: base},
			"content/data/skalaer.nn.toml": {Data: nn},
		}
		scales, err := loadScales(root)
		checkPositions(t, err, "content/data/skalaer.toml", base)
		if err == nil {
			for id, s := range scales {
				codes := map[string]bool{}
				for _, o := range s.Options {
					if !idPattern.MatchString(o.Code) || codes[o.Code] || o.Label == "" || !o.Meaning.Valid() {
						t.Errorf("scale %q loaded without problems has a bad option %+v", id, o)
					}
					codes[o.Code] = true
				}
				if id != s.ID || !idPattern.MatchString(id) || s.Title == "" || len(s.Options) < 2 {
					t.Errorf("scale %q loaded without problems: %+v", id, s)
				}
			}
		}
		if scales == nil {
			return
		}
		variant, err := loadScaleVariant(root, "nn", scales)
		checkPositions(t, err, "content/data/skalaer.nn.toml", nn)
		for id, v := range variant {
			b := scales[id]
			if b == nil || len(v.Options) != len(b.Options) {
				t.Fatalf("translation of %q does not match the scale: %+v", id, v)
			}
			for i := range v.Options {
				if v.Options[i].Code != b.Options[i].Code || v.Options[i].Meaning != b.Options[i].Meaning {
					t.Errorf("translation of %q changes option %d: %+v", id, i, v.Options[i])
				}
			}
		}
	})
}

// checkPositions fails unless every problem in err is in file at a line
// of data.
func checkPositions(t *testing.T, err error, file string, data []byte) {
	t.Helper()
	if err == nil {
		return
	}
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = diag.List{one}
	default:
		t.Fatalf("error without a position: %v", err)
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, e := range list {
		if e.Pos.File != file || e.Pos.Line < 1 || e.Pos.Line > lines {
			t.Errorf("problem at %q, not at a line of %s (%d lines): %v", e.Pos, file, lines, e)
		}
	}
}
