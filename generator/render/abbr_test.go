package render

import "testing"

func TestAbbreviate(t *testing.T) {
	terms := []abbrTerm{{"LNFR", "Landbruks-, natur- og friluftsformål og reindrift"}, {"pbl", "Plan- og bygningsloven"}, {"KU", "Konsekvensutredning"}}
	const (
		lnfr = `<abbr title="Landbruks-, natur- og friluftsformål og reindrift">LNFR</abbr>`
		pbl  = `<abbr title="Plan- og bygningsloven">pbl</abbr>`
		ku   = `<abbr title="Konsekvensutredning">KU</abbr>`
	)
	for _, c := range []struct{ name, in, want string }{
		{"first use only", `<p>LNFR og LNFR.</p>`, `<p>` + lnfr + ` og LNFR.</p>`},
		{"two terms in one text", `<p>Etter pbl kreves KU.</p>`, `<p>Etter ` + pbl + ` kreves ` + ku + `.</p>`},
		{"whole words only", `<p>KUNNSKAP og pblx, så KU-en.</p>`, `<p>KUNNSKAP og pblx, så ` + ku + `-en.</p>`},
		{"not in links or headings", `<h2 id="lnfr">LNFR</h2><p><a href="x.html">LNFR</a> og LNFR</p>`, `<h2 id="lnfr">LNFR</h2><p><a href="x.html">LNFR</a> og ` + lnfr + `</p>`},
		{"not in code", `<p><code>pbl</code> pbl</p>`, `<p><code>pbl</code> ` + pbl + `</p>`},
		{"later paragraph", `<p>Ingen.</p><ul><li>pbl § 5-1</li></ul>`, `<p>Ingen.</p><ul><li>` + pbl + ` § 5-1</li></ul>`},
		{"letters around", `<p>ÆKU KUØ</p>`, `<p>ÆKU KUØ</p>`},
	} {
		if got := abbreviate(c.in, terms); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
	if got := abbreviate("<p>pbl</p>", nil); got != "<p>pbl</p>" {
		t.Errorf("without a glossary: %s", got)
	}
}
