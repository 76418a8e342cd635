package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Økonomi og Bærekraft", "okonomi-og-baerekraft"},
		{"Hvorfor er det viktig?", "hvorfor-er-det-viktig"},
		{"  Sånn gjør vi det  ", "sann-gjor-vi-det"},
		{"Čáhppes – sámi", "cahppes-sami"},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConvert(t *testing.T) {
	c := New()
	tests := []struct {
		name, in string
		want     []string // substrings of the HTML
		problems []string // "line:col: msg" substrings
	}{
		{"heading ids", "## Økonomi\n\n## Økonomi\n", []string{`<h2 id="okonomi">`, `<h2 id="okonomi-1">`}, nil},
		{"norwegian quotes", `Han sa "hei" -- og gikk...`, []string{"«hei»", "–", "…"}, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}, nil},
		// A style attribute would be blocked by the Content-Security-Policy.
		{"aligned table", "| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |\n",
			[]string{`<th class="align-left">a</th>`, `<td class="align-right">2</td>`, `<td class="align-center">3</td>`, "<td>4</td>"}, nil},
		{"strikethrough", "~~borte~~", []string{"<del>borte</del>"}, nil},
		{"autolink", "Se https://www.nve.no nå", []string{`<a href="https://www.nve.no">`}, nil},
		{"link rewritten", "[x](a.md)", []string{`<a href="A">x</a>`}, nil},
		// problems
		{"raw html dropped", "a\n\n<div>x</div>\n", []string{"raw HTML omitted"}, []string{"3:1: HTML-kode kan ikke brukes"}},
		{"inline html, one problem per line", "tekst <b>x</b>\n<i>y</i>", nil, []string{"1:7: HTML-kode kan ikke brukes", "2:1: HTML-kode kan ikke brukes"}},
		{"broken link", "linje\n\nse [her](bad.md)", nil, []string{"3:4: bad"}},
		// issue 12: nothing is fetched from, or linked over http to, other sites
		{"image from another site", "Kart:\n\n![Kart over fylket](https://example.com/kart.png)", nil,
			[]string{`3:1: bildet «https://example.com/kart.png» ligger på et annet nettsted`}},
		{"image without scheme from another site", "a ![](//example.com/x.png)", nil,
			[]string{`1:7: bildet «//example.com/x.png» ligger på et annet nettsted`}},
		{"image in the site", "![Kart](/bilder/kart.png)", []string{`<img src="/BILDER/KART.PNG" alt="Kart">`}, nil},
		{"bare http link", "Se http://example.no/side nå.", nil, []string{"1:4: http"}},
		{"bare http link after a line", "a\nb http://example.no", nil, []string{"2:3: http"}},
		{"angle-bracket http link", "Se <http://example.no>.", nil, []string{"1:5: http"}},
		{"bare https link", "Se https://example.no/side nå.", []string{`<a href="https://example.no/side">`}, nil},
		{"bare www address stays text", "Se www.example.com eller *www.ks.no*.",
			[]string{"<p>Se www.example.com eller <em>www.ks.no</em>.</p>"}, nil},
		{"e-mail address", "Skriv til post@example.no.", []string{`<a href="mailto:post@example.no">`}, nil},
	}
	link := func(dest string) (string, error) {
		if dest == "bad.md" {
			return "", fmt.Errorf("bad")
		}
		if strings.HasPrefix(dest, "http:") {
			return "", fmt.Errorf("http")
		}
		if strings.Contains(dest, "://") {
			return dest, nil
		}
		return strings.ToUpper(strings.TrimSuffix(dest, ".md")), nil
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Convert([]byte(tt.in), link)
			for _, w := range tt.want {
				if !strings.Contains(string(res.HTML), w) {
					t.Errorf("HTML %q lacks %q", res.HTML, w)
				}
			}
			var got []string
			for _, p := range res.Problems {
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
			}
			if len(got) != len(tt.problems) {
				t.Fatalf("problems = %q, want %q", got, tt.problems)
			}
			for i, w := range tt.problems {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %q lacks %q", got[i], w)
				}
			}
		})
	}
}
