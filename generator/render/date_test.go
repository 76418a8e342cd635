package render

import (
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

func TestLongDate(t *testing.T) {
	for _, c := range []struct {
		in   model.Date
		want string
	}{
		{"2026-12-02", "2. desember 2026"},
		{"2026-01-31", "31. januar 2026"},
		{"2024-05-17", "17. mai 2024"},
		{"", ""},
		{"2026-13-01", ""},
	} {
		if got := longDate(c.in); got != c.want {
			t.Errorf("longDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
