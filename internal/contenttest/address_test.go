package contenttest

import (
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// secondPlural matches «dere» in bokmål and «de», «dykk», «dykkar» in
// nynorsk, the plural «you» that docs/writing.md keeps for dilemma
// training. Bokmål «deres» is left out: it is also «their».
var secondPlural = map[bool]*regexp.Regexp{
	false: regexp.MustCompile(`(?i)(^|[^\pL])(dere)([^\pL]|$)`),
	true:  regexp.MustCompile(`(^|[^\pL])(De|de|dykk|dykkar|Dykk|Dykkar)([^\pL-]|$)`),
}

// linkTarget is the target of a Markdown link, which holds IDs and paths,
// not words.
var linkTarget = regexp.MustCompile(`\]\([^)]*\)`)

// TestAddressForm: outside dilemma training the toolbox says «du» to the
// reader and «kommunen» about the municipality (docs/writing.md).
func TestAddressForm(t *testing.T) {
	root := "../../content"
	err := fs.WalkDir(os.DirFS(root), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || strings.HasPrefix(path, "dilemmatrening/") {
			return err
		}
		data, err := os.ReadFile(root + "/" + path)
		if err != nil {
			return err
		}
		re := secondPlural[strings.HasSuffix(path, ".nn.md")]
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "id =") {
				continue
			}
			line = linkTarget.ReplaceAllString(line, "]()")
			if m := re.FindStringSubmatch(line); m != nil {
				t.Errorf("content/%s:%d: «%s» outside dilemma training; say «du» to the reader and «kommunen» about the municipality (docs/writing.md)", path, i+1, m[2])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// answerQuote is an answer quoted in the text: «Svar «…»» or a quoted
// label of the scales' form «Word – explanation».
var answerQuote = regexp.MustCompile(`[Ss]var «([^»]+)»|«([^»]+ – [^»]+)»`)

// TestQuotedAnswers: a page that tells the reader which answer to pick
// quotes an answer (a label or its start, as «ikke relevant») that the
// scale of its worksheet offers, in the page's language (issue 15: the
// red thread's step 1 said «usikkert», which the knowledge scale lacks).
func TestQuotedAnswers(t *testing.T) {
	site := load(t)
	for _, p := range site.Pages {
		labels := answerLabels(site, p)
		text := strings.Join(strings.Fields(p.BodyText), " ")
		for _, m := range answerQuote.FindAllStringSubmatch(text, -1) {
			q := strings.ToLower(m[1] + m[2])
			if !slices.ContainsFunc(labels, func(l string) bool { return strings.HasPrefix(strings.ToLower(l), q) }) {
				t.Errorf("%s: quotes the answer «%s», which the page's answer scale does not offer in %s", p.File, m[1]+m[2], p.Lang)
			}
		}
	}
}

// answerLabels returns the answer labels in p's language of the scales
// p's text is about: its own worksheet's, its red-thread step's
// worksheets', or else every scale's.
func answerLabels(site *model.Site, p *model.Page) []string {
	var scales []string
	switch {
	case p.Worksheet() != nil:
		scales = []string{p.Worksheet().Scale}
	case p.Step() != nil:
		for _, w := range p.Step().Worksheets {
			scales = append(scales, site.Lookup(model.KindWorksheet, w).Worksheet().Scale)
		}
	default:
		scales = slices.Collect(maps.Keys(site.Scales))
	}
	var labels []string
	for _, id := range scales {
		for _, o := range site.ScaleFor(id, p.Lang).Options {
			labels = append(labels, o.Label)
		}
	}
	return labels
}
