package model_test

import (
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

func TestNewKindSet(t *testing.T) {
	home := kinds.Plain(model.KindHome, "", false)
	section := kinds.Plain(model.KindSection, "", false)
	page := kinds.Plain(model.KindPage, "", true)
	tests := []struct {
		name string
		defs []model.KindDef
		err  string // "" for no error
	}{
		{"structural only", []model.KindDef{home, section, page}, ""},
		{"with a folder kind", []model.KindDef{home, section, page, kinds.Plain("ordliste", "ordliste", true)}, ""},
		{"missing page", []model.KindDef{home, section}, `kind "page" is missing`},
		{"same name twice", []model.KindDef{home, section, page, kinds.Plain(model.KindPage, "sider", true)}, `kind "page" is defined twice`},
		{"same folder twice", []model.KindDef{home, section, page, kinds.Plain("a", "tema", true), kinds.Plain("b", "tema", true)},
			`kinds "a" and "b" both use content/tema`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := model.NewKindSet(tc.defs...)
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("NewKindSet: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("NewKindSet error = %v, want %q", err, tc.err)
			}
		})
	}
}

func TestKindSetWithLeavesOriginal(t *testing.T) {
	base := kinds.Builtin()
	more, err := base.With(kinds.Plain("ordliste", "ordliste", true))
	if err != nil {
		t.Fatal(err)
	}
	if base.InDir("ordliste") != nil || base.Get("ordliste") != nil {
		t.Error("With changed the set it was called on")
	}
	if more.InDir("ordliste") == nil || more.InDir("tema").Name() != model.KindTheme {
		t.Error("the new set lacks the added or the built-in kinds")
	}
	if _, err := base.With(kinds.Plain("ordliste", "tema", true)); err == nil {
		t.Error("With accepted a second kind in content/tema")
	}
}
