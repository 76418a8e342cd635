package model

import "testing"

func TestOutPath(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{"_index.md", "nb", "index.html"},
		{"tema/_index.md", "nb", "tema/index.html"},
		{"tema/bolig.md", "nb", "tema/bolig.html"},
		{"om.md", "nn", "nn/om.html"},
		{"_index.md", "nn", "nn/index.html"},
	}
	for _, tt := range tests {
		if got := OutPath(tt.in, tt.lang, "nb"); got != tt.want {
			t.Errorf("OutPath(%q, %q) = %q, want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "tema/bolig.html", "tema/bolig.html"},
		{"tema/bolig.html", "index.html", "../index.html"},
		{"tema/bolig.html", "tema/klima.html", "klima.html"},
		{"tema/bolig.html", "virkemidler/enova.html", "../virkemidler/enova.html"},
		{"nn/tema/bolig.html", "css/site.abc.css", "../../css/site.abc.css"},
		{"nn/index.html", "nn/tema/bolig.html", "tema/bolig.html"},
		{"tema/index.html", "tema/", ""},
		{"a/b/c.html", "a/d/e.html", "../d/e.html"},
	}
	for _, tt := range tests {
		want := tt.want
		if want == "" {
			want = "./"
		}
		if got := RelURL(tt.from, tt.to); got != want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", tt.from, tt.to, got, want)
		}
	}
}
