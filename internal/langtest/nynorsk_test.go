// Package langtest checks the language of the real site built from the
// repository's content: every text on a nynorsk page is nynorsk, or
// marked as bokmål with lang="nb" where a translation is still missing
// (mållova, WCAG 3.1.2).
package langtest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// source is the repository root, the real site.
const source = "../.."

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// site builds the real site once per test binary and returns the output
// folder.
func site(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		var tmp string
		tmp, buildErr = os.MkdirTemp("", "langtest-")
		if buildErr != nil {
			return
		}
		buildDir = filepath.Join(tmp, "public")
		_, buildErr = generator.Build(t.Context(), generator.Options{Source: source, Dest: buildDir})
	})
	if buildErr != nil {
		t.Fatalf("build the site: %v", buildErr)
	}
	return buildDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(filepath.Dir(buildDir))
	}
	os.Exit(code)
}

// text is a run of text on a page and the language it is marked with (the
// lang attribute of its nearest element that has one).
type text struct {
	Lang string
	Text string
	Path string // the element path, such as "footer > ul > li > a"
}

// voids are the elements without an end tag.
var voids = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

type element struct {
	name, lang string
}

// texts returns the text runs of an HTML page with their language. The
// contents of script, style and svg elements are not text.
func texts(data []byte) []text {
	var out []text
	stack := []element{{name: "", lang: ""}}
	l := phtml.NewLexer(parse.NewInputBytes(data))
	var pending *element // the start tag whose attributes are being read
	for {
		tt, raw := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return out
		case phtml.StartTagToken:
			pending = &element{name: strings.ToLower(string(l.Text())), lang: stack[len(stack)-1].lang}
		case phtml.AttributeToken:
			if pending != nil && strings.EqualFold(string(l.Text()), "lang") {
				pending.lang = strings.Trim(string(l.AttrVal()), `"'`)
			}
		case phtml.StartTagCloseToken:
			if pending != nil && !voids[pending.name] {
				stack = append(stack, *pending)
			}
			pending = nil
		case phtml.StartTagVoidToken:
			pending = nil
		case phtml.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			for i := len(stack) - 1; i > 0; i-- {
				if stack[i].name == name {
					stack = stack[:i]
					break
				}
			}
		case phtml.TextToken:
			top := stack[len(stack)-1]
			if top.name == "script" || top.name == "style" {
				continue
			}
			s := strings.TrimSpace(htmlUnescape(string(raw)))
			if s == "" {
				continue
			}
			names := make([]string, 0, len(stack))
			for _, e := range stack[1:] {
				names = append(names, e.name)
			}
			out = append(out, text{Lang: top.lang, Text: s, Path: strings.Join(names, " > ")})
		}
	}
}

var entities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " ")

func htmlUnescape(s string) string { return entities.Replace(s) }

// nynorskPages returns the output paths of the nynorsk pages, sorted.
func nynorskPages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(dir, "nn"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("the site has no nynorsk pages under nn/")
	}
	sort.Strings(out)
	return out
}

// wordRE matches a word: letters, joined by hyphens or apostrophes.
var wordRE = regexp.MustCompile(`[\p{L}]+(?:[-'’][\p{L}]+)*`)

// urlRE matches a web address or a domain name in a text, which holds
// no words.
var urlRE = regexp.MustCompile(`https?://\S+|\b[\p{L}\d.-]+\.(?:no|com|org|net|eu)\b(?:/\S*)?`)

// words returns the words of a text, leaving out web addresses and the
// first halves of compounds that share their ending with the next word
// ("nærings- og fritidsområde").
func words(s string) []string {
	s = urlRE.ReplaceAllString(s, " ")
	var out []string
	for _, m := range wordRE.FindAllStringIndex(s, -1) {
		rest := s[m[1]:]
		if strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "-,") || rest == "-" {
			continue
		}
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// bokmålMarkers are frequent bokmål word forms that are never nynorsk.
var bokmålMarkers = map[string]bool{
	"ikke": true, "hvordan": true, "hva": true, "hvilke": true, "hvis": true, "bærekraft": true,
	"bærekraftig": true, "utviklet": true, "ble": true, "tilgjengelighetserklæring": true,
	"anbefalinger": true, "virkemidler": true, "metoder": true, "kommunene": true,
	"vurderinger": true, "noen": true,
}

// TestNynorskPagesHaveNoUnmarkedBokmål fails for a text on a nynorsk page
// that is marked as nynorsk (or not marked at all) and contains a word
// form that only bokmål has, in the menu, the footer, the cards and the
// page text alike. Bokmål that is marked lang="nb" (an untranslated page
// shown in a list, the language switch) passes.
func TestNynorskPagesHaveNoUnmarkedBokmål(t *testing.T) {
	dir := site(t)
	for _, page := range nynorskPages(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(`<html lang="nn"`)) {
			t.Errorf("%s: the html element is not lang=\"nn\"", page)
		}
		for _, tx := range texts(data) {
			if tx.Lang != "nn" {
				continue
			}
			for _, w := range words(tx.Text) {
				if bokmålMarkers[strings.ToLower(w)] {
					t.Errorf("%s: bokmål %q in nynorsk text at %s: %q", page, w, tx.Path, tx.Text)
				}
			}
		}
	}
}

// TestTextsFollowLang checks the parser the tests above rely on.
func TestTextsFollowLang(t *testing.T) {
	page := []byte(`<html lang="nn"><head><title>Tittel</title><script>var ikke = 1</script></head>` +
		`<body><nav><a href="x" lang="nb">Virkemidler</a><br><a href="y">Metodar</a></nav>` +
		`<p>Ein <span lang="nb">ikke</span> og<img alt="" src="z"> meir</p><svg><text>Ikkje</text></svg>` +
		`<script type="application/json">{"a":"ikke"}</script></body></html>`)
	got := fmt.Sprint(texts(page))
	want := "[{nn Tittel html > head > title} {nb Virkemidler html > body > nav > a} {nn Metodar html > body > nav > a} " +
		"{nn Ein html > body > p} {nb ikke html > body > p > span} {nn og html > body > p} {nn meir html > body > p}]"
	if got != want {
		t.Errorf("texts:\n got %s\nwant %s", got, want)
	}
}

// TestWords checks how texts are split into words.
func TestWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nye bustad-, nærings- og fritidsområde", "[Nye og fritidsområde]"},
		{"Sjå https://example.no/nn/tema/bolig.html no", "[Sjå no]"},
		{"Søk i regionalforvaltning.no eller distriktssenteret.no/guider.", "[Søk i eller]"},
		{"e-post og kommunen's", "[e-post og kommunen's]"},
	} {
		if got := fmt.Sprint(words(c.in)); got != c.want {
			t.Errorf("words(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// maxBokmålShare is the largest share of bokmål word forms allowed on the
// nynorsk pages (issue 15): 0.2 %.
const maxBokmålShare = 0.002

// productName is the name of the product, which stays as it is in every
// language.
var productName = regexp.MustCompile(`(?i)^bærekrafthjelperen`)

// TestBokmålShareOnNynorskPages measures the share of bokmål word forms
// among the words marked as nynorsk on the nynorsk pages: a word the
// nn_NO dictionary (with the repository's nynorsk word list) rejects and
// the nb_NO dictionary accepts counts as bokmål. The product name does
// not count. It needs hunspell with both dictionaries.
func TestBokmålShareOnNynorskPages(t *testing.T) {
	if _, err := exec.LookPath("hunspell"); err != nil {
		t.Skip("hunspell is not installed (apt-get install hunspell hunspell-no)")
	}
	dir := site(t)
	count := map[string]int{}
	total := 0
	for _, page := range nynorskPages(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range texts(data) {
			if tx.Lang != "nn" {
				continue
			}
			for _, w := range words(tx.Text) {
				total++
				if !productName.MatchString(w) {
					count[w]++
				}
			}
		}
	}
	distinct := make([]string, 0, len(count))
	for w := range count {
		distinct = append(distinct, w)
	}
	sort.Strings(distinct)
	notNynorsk := unknownWords(t, "nn_NO", distinct, nynorskWordList(t))
	notBokmål := unknownWords(t, "nb_NO", distinct, nil)
	var bokmål []string
	n := 0
	for _, w := range distinct {
		if notNynorsk[w] && !notBokmål[w] {
			bokmål = append(bokmål, w)
			n += count[w]
		}
	}
	share := float64(n) / float64(total)
	sort.Slice(bokmål, func(i, j int) bool { return count[bokmål[i]] > count[bokmål[j]] })
	t.Logf("bokmål word forms on nynorsk pages: %d of %d words (%.3f %%), %d distinct", n, total, 100*share, len(bokmål))
	for _, w := range bokmål[:min(len(bokmål), 40)] {
		t.Logf("  %4d %s", count[w], w)
	}
	if share >= maxBokmålShare {
		t.Errorf("%.3f %% of the words on nynorsk pages are bokmål forms; the limit is %.1f %%", 100*share, 100*maxBokmålShare)
	}
}

// nynorskWordList returns the words of the repository's nynorsk word
// lists and the capitalised words (names) of the others, as the spelling
// check (.ci/spellcheck) uses them.
func nynorskWordList(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(source, ".ci", "ordliste*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		nn := strings.HasPrefix(filepath.Base(f), "ordliste-nn")
		for _, line := range strings.Split(string(data), "\n") {
			w, _, _ := strings.Cut(line, "#")
			w = strings.TrimSpace(w)
			if w != "" && !strings.ContainsAny(w, " -") && (nn || strings.ToUpper(w[:1]) == w[:1]) {
				out = append(out, w)
			}
		}
	}
	return out
}

// unknownWords returns the words hunspell with dictionary dict (and the
// personal word list extra) does not know.
func unknownWords(t *testing.T, dict string, words, extra []string) map[string]bool {
	t.Helper()
	args := []string{"-d", dict, "-i", "utf-8", "-l"}
	if len(extra) > 0 {
		f := filepath.Join(t.TempDir(), "personal.dic")
		if err := os.WriteFile(f, []byte(strings.Join(extra, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-p", f)
	}
	cmd := exec.Command("hunspell", args...)
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || bytes.Contains(stderr.Bytes(), []byte("Can't open affix or dictionary")) {
		t.Fatalf("hunspell -d %s: %v %s (apt-get install hunspell-no)", dict, err, stderr.String())
	}
	unknown := map[string]bool{}
	for _, w := range strings.Fields(string(out)) {
		unknown[w] = true
	}
	return unknown
}

// TestNynorskInterfaceComplete fails when an interface string or a text
// of hjelperen.toml has no nynorsk version (hjelperen check lists them).
func TestNynorskInterfaceComplete(t *testing.T) {
	rep, err := generator.Build(t.Context(), generator.Options{Source: source, CheckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Untranslated {
		if u.Lang != "nn" {
			continue
		}
		if len(u.Strings) > 0 {
			t.Errorf("interface strings missing in themes/default/i18n/nn.toml: %s", strings.Join(u.Strings, ", "))
		}
		if len(u.Config) > 0 {
			t.Errorf("texts missing in [translations.nn] in hjelperen.toml: %s", strings.Join(u.Config, ", "))
		}
		t.Logf("%d pages not translated to nynorsk yet", len(u.Pages))
	}
}
