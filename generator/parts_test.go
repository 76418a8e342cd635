package generator

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestThemeAssets(t *testing.T) {
	for _, c := range []struct {
		name  string
		files []string
		want  []asset
		err   bool
	}{
		{"plain files", []string{"css/site.css", "js/site.js"},
			[]asset{{"css/site.css", []string{"css/site.css"}}, {"js/site.js", []string{"js/site.js"}}}, false},
		{"parts joined in name order", []string{"js/a.js", "js/w.parts/10-x.js", "js/w.parts/20-y.js", "js/z.js"},
			[]asset{{"js/a.js", []string{"js/a.js"}}, {"js/w.js", []string{"js/w.parts/10-x.js", "js/w.parts/20-y.js"}}, {"js/z.js", []string{"js/z.js"}}}, false},
		{"mixed extensions", []string{"js/w.parts/10-x.js", "js/w.parts/20-y.css"}, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := themeAssets(c.files)
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if !c.err && !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestAssetRead(t *testing.T) {
	theme := fstest.MapFS{
		"static/js/w.parts/10-x.js": {Data: []byte("(function(){})()")},
		"static/js/w.parts/20-y.js": {Data: []byte("(function(){})()\n")},
		"static/css/c.parts/1.css":  {Data: []byte("a{}")},
		"static/css/c.parts/2.css":  {Data: []byte("b{}")},
	}
	for _, c := range []struct {
		a    asset
		want string
	}{
		// Without the separator the second part would call the first's result.
		{asset{"js/w.js", []string{"js/w.parts/10-x.js", "js/w.parts/20-y.js"}}, "(function(){})()\n;\n(function(){})()\n"},
		{asset{"css/c.css", []string{"css/c.parts/1.css", "css/c.parts/2.css"}}, "a{}\nb{}"},
		{asset{"js/w.parts/10-x.js", []string{"js/w.parts/10-x.js"}}, "(function(){})()"},
	} {
		got, err := c.a.read(theme)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.a.name, got, err, c.want)
		}
	}
}
