package contenttest

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// wrongHosts are sites that are not the owner of any scheme in the
// overview: a county governor's office under its old name, guides by
// others, document mirrors and single municipalities' pages (issue 15).
var wrongHosts = []string{"fylkesmannen.no", "veiviseren.no", "altinn.no", "docplayer.me", "grannar.no", "ntb.no", "bondebladet.no", "nlr.no", "regionalforvaltning.no", "kommune.no"}

// datedPath matches addresses of news items and yearly calendars rather
// than a scheme's stable page.
var datedPath = regexp.MustCompile(`(?i)/(aktuelt|nyheter|fagmeldinger|tilskuddskalender)/|/20[0-9]{2}/|-20[0-9]{2}/?$`)

// TestFundingOwnerLinks: every owner link is the owner's own stable page
// and, for the county governor, the one for Troms og Finnmark.
func TestFundingOwnerLinks(t *testing.T) {
	site := load(t)
	for _, f := range site.List(model.KindFunding) {
		u, err := url.Parse(f.Funding().URL)
		if err != nil {
			t.Errorf("%s: %v", f.File, err)
			continue
		}
		host := strings.TrimPrefix(u.Host, "www.")
		for _, w := range wrongHosts {
			if host == w || strings.HasSuffix(host, "."+w) {
				t.Errorf("%s: url goes to %s, which is not the owner of the scheme", f.File, host)
			}
		}
		if datedPath.MatchString(u.Path) {
			t.Errorf("%s: url %s is a news item or a page for one year, not the scheme's stable page", f.File, u)
		}
		if host == "statsforvalteren.no" && !strings.Contains(strings.ToLower(u.Path), "/troms-finnmark/") {
			t.Errorf("%s: url %s is another county governor's page than Troms og Finnmark's", f.File, u)
		}
	}
}

// pastYear matches the years before the toolbox's funding list was last
// checked, in a deadline.
var pastYear = regexp.MustCompile(`\b20(0[0-9]|1[0-9]|2[0-5])\b`)

// pastTense says, in bokmål or nynorsk, that a deadline was, not is.
var pastTense = regexp.MustCompile(` var | har vært | har vore `)

// TestFundingChecked: every scheme says when and against what it was
// checked, and a deadline from an earlier year is written as past.
func TestFundingChecked(t *testing.T) {
	site := load(t)
	for _, f := range site.List(model.KindFunding) {
		fd := f.Funding()
		if fd.Checked == "" || fd.CheckedAgainst == "" {
			t.Errorf("%s: checked and checked_against are missing", f.File)
		}
		for _, v := range f.Variants {
			for _, s := range sentences(v.Funding().Deadline) {
				if pastYear.MatchString(s) && !pastTense.MatchString(s) {
					t.Errorf("%s: the deadline %q gives a date from an earlier year as if it were this year's", v.File, s)
				}
			}
		}
	}
}

// TestFundingNewSchemes: the schemes issue 15 found missing are there.
func TestFundingNewSchemes(t *testing.T) {
	site := load(t)
	for _, id := range []string{"sametinget-tospraklighetstilskudd", "kulturbygg"} {
		if site.Lookup(model.KindFunding, id) == nil {
			t.Errorf("no funding entry %s", id)
		}
	}
}

// sentenceEnd is a full stop followed by a capital letter, which starts
// a new sentence; the stop in a date such as «5. april» is not one.
var sentenceEnd = regexp.MustCompile(`\.\s+\p{Lu}`)

// sentences splits text into sentences.
func sentences(text string) []string {
	var out []string
	for {
		loc := sentenceEnd.FindStringIndex(text)
		if loc == nil {
			return append(out, text)
		}
		out = append(out, text[:loc[0]+1])
		_, size := utf8.DecodeLastRuneInString(text[:loc[1]]) // the capital
		text = text[loc[1]-size:]
	}
}
