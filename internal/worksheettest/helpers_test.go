// Package worksheettest tests the worksheet pages end to end: the
// generator builds a site, headless Chromium fills in the form, and the
// tests check storage, the summary, the exported files and imports. The
// DOM-free logic in ws-core.js is unit tested through Node.
package worksheettest

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// repoRoot is the module root, two levels up from this package.
var repoRoot, _ = filepath.Abs("../..")

// sampleSite is the small test site with the saksbehandling worksheet.
var sampleSite = filepath.Join(repoRoot, "generator/testdata/sites/sample")

// csp is the Content-Security-Policy the site must work under.
const csp = "default-src 'self'"

// build builds the site in src into a temporary folder and returns it.
func build(t testing.TB, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(t.Context(), generator.Options{Source: src, Dest: out}); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	return out
}

// serve builds the sample site, serves it under a subpath with the strict
// CSP and returns the URL of the saksbehandling worksheet.
func serve(t testing.TB, src string) string {
	t.Helper()
	out := build(t, src)
	base := browsertest.ServeDir(t, out, "/kommune/baerekraft/", http.Header{"Content-Security-Policy": {csp}})
	return base + "arbeidsskjema/saksbehandling.html"
}

// open navigates the tab to url and waits until the app is complete.
func open(t testing.TB, tab *browsertest.Tab, url string) {
	t.Helper()
	tab.Do(t, chromedp.Navigate(url))
	ready(t, tab)
}

// reload reloads the page and waits until the app is complete.
func reload(t testing.TB, tab *browsertest.Tab) {
	t.Helper()
	tab.Do(t, chromedp.Reload())
	ready(t, tab)
}

// ready waits for the form and toolbar (#ws-current), then brings the
// summary near the screen, which is when the app builds it (as for a
// user scrolling down), and waits until #ws-app says it is complete.
func ready(t testing.TB, tab *browsertest.Tab) {
	t.Helper()
	tab.Do(t, chromedp.WaitVisible(chromedp.CSS("#ws-current")))
	browsertest.Eval[bool](t, tab, `document.getElementById("ws-summary").scrollIntoView(); true`)
	tab.Do(t, chromedp.WaitReady(chromedp.CSS(`#ws-app[data-ready="all"]`)))
	browsertest.Eval[bool](t, tab, `window.scrollTo(0, 0); true`)
}

// answer picks option code for question qid the way a user would: the
// value changes and a change event bubbles.
func answer(t testing.TB, tab *browsertest.Tab, qid, code string) {
	t.Helper()
	browsertest.Eval[bool](t, tab, fmt.Sprintf(`(() => {
		const s = document.getElementById("q-" + %q);
		s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, qid, code))
}

// comment types text into a question's comment field with key events.
func comment(t testing.TB, tab *browsertest.Tab, qid, text string) {
	t.Helper()
	typeInto(t, tab, "#c-"+qid, text)
}

// typeInto empties a text field and types text into it with key events.
func typeInto(t testing.TB, tab *browsertest.Tab, css, text string) {
	t.Helper()
	browsertest.Eval[bool](t, tab, fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = ""; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, css))
	tab.Do(t, chromedp.SendKeys(chromedp.CSS(css), text))
}

// formValues returns the current select values and comments by question.
func formValues(t testing.TB, tab *browsertest.Tab) map[string]string {
	t.Helper()
	return browsertest.Eval[map[string]string](t, tab, `(() => {
		const o = {};
		document.querySelectorAll(".ws-question").forEach(q => {
			const id = q.dataset.question;
			o[id] = q.querySelector("select").value + "|" + q.querySelector("textarea").value;
		});
		return o })()`)
}

// click clicks the first element matching a CSS selector.
func click(t testing.TB, tab *browsertest.Tab, css string) {
	t.Helper()
	tab.Do(t, chromedp.Click(chromedp.CSS(css)))
}

// clickText clicks the button whose text is exactly text.
func clickText(t testing.TB, tab *browsertest.Tab, text string) {
	t.Helper()
	ok := browsertest.Eval[bool](t, tab, fmt.Sprintf(`(() => {
		const b = [...document.querySelectorAll("button")].find(b => b.textContent === %q && b.offsetParent !== null);
		if (!b) return false; b.click(); return true })()`, text))
	if !ok {
		t.Fatalf("no visible button %q", text)
	}
}

// storageSnapshot returns every localStorage entry of the toolbox.
func storageSnapshot(t testing.TB, tab *browsertest.Tab) map[string]string {
	t.Helper()
	return browsertest.Eval[map[string]string](t, tab, `(() => {
		const o = {};
		for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); if (k.startsWith("hjelperen.")) o[k] = localStorage.getItem(k); }
		return o })()`)
}

// assessmentID finds the assessment ID in a storage key.
var assessmentID = regexp.MustCompile(`\.(v-[a-z0-9-]+)(?:\.|$)`)

// newAssessments returns the IDs of assessments that have keys in after
// but none in before.
func newAssessments(before, after map[string]string) []string {
	old := map[string]bool{}
	for k := range before {
		if m := assessmentID.FindStringSubmatch(k); m != nil {
			old[m[1]] = true
		}
	}
	seen := map[string]bool{}
	var ids []string
	for k := range after {
		if m := assessmentID.FindStringSubmatch(k); m != nil && !old[m[1]] && !seen[m[1]] {
			seen[m[1]] = true
			ids = append(ids, m[1])
		}
	}
	return ids
}

// text returns the textContent of the first element matching css.
func text(t testing.TB, tab *browsertest.Tab, css string) string {
	t.Helper()
	return browsertest.Eval[string](t, tab, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, css))
}

// writeFile writes a file under dir, creating folders.
func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies a folder tree.
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// syntheticSite writes a copy of the sample site with a saksbehandling
// worksheet of dims dimensions × themes themes × questions questions,
// far larger than any real worksheet, and returns its folder.
func syntheticSite(t testing.TB, dims, themes, questions int) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, sampleSite, dir)
	for _, sub := range []string{"tema", "dimensjoner", "dilemmatrening"} {
		entries, _ := os.ReadDir(filepath.Join(dir, "content", sub))
		for _, e := range entries {
			if e.Name() != "_index.md" {
				os.Remove(filepath.Join(dir, "content", sub, e.Name()))
			}
		}
	}
	os.Remove(filepath.Join(dir, "content/virkemidler/klimatilpasning-tilskudd.md"))
	os.WriteFile(filepath.Join(dir, "content/metoder/barnetrakk.md"), []byte("+++\ntitle = \"Barnetråkk\"\ndescription = \"Kart.\"\nurl = \"https://www.barnetrakk.no/\"\nprovider = \"Barnetråkk\"\n+++\n"), 0o644)
	dimIDs := []string{"klima-og-miljo", "sosial", "okonomi"}
	for d := 0; d < dims; d++ {
		id := dimIDs[d%3]
		if d >= 3 {
			id = fmt.Sprintf("dim-%d", d)
		}
		writeFile(t, dir, "content/dimensjoner/"+id+".md", fmt.Sprintf("+++\ntitle = \"Dimensjon %d\"\ndescription = \"D.\"\nweight = %d\n+++\n\nTekst.\n", d+1, d+1))
		for th := 0; th < themes; th++ {
			var b strings.Builder
			tid := fmt.Sprintf("t%d-%d", d, th)
			fmt.Fprintf(&b, "+++\ntitle = \"Tema %d.%d med et ganske langt navn\"\ndescription = \"T.\"\nweight = %d\ndimension = %q\nsdgs = [11]\nlevels = [\"saksbehandling\"]\n\n", d+1, th+1, th+1, id)
			fmt.Fprintf(&b, "[[rules]]\nid = \"%s-r1\"\ntext = \"Regel for temaet.\"\n\n", tid)
			for q := 0; q < questions; q++ {
				fmt.Fprintf(&b, "[[questions]]\nid = \"%s-q%d\"\nlevel = \"saksbehandling\"\ntext = \"Hvordan påvirker saken punkt %d i tema %d.%d?\"\nhelp = \"Se på kart og analyser.\"\n\n", tid, q, q+1, d+1, th+1)
			}
			b.WriteString("+++\n\nTekst.\n")
			writeFile(t, dir, "content/tema/"+tid+".md", b.String())
		}
	}
	// Declare a goal conflict between every two themes, so alternating
	// positive and negative themes give a candidate for each such pair:
	// far more than any real worksheet, where a few pairs are declared.
	var pairs strings.Builder
	n := dims * themes
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			fmt.Fprintf(&pairs, "[[conflict]]\nthemes = [\"t%d-%d\", \"t%d-%d\"]\nreason = \"Trekker mot hverandre.\"\n\n", i/themes, i%themes, j/themes, j%themes)
		}
	}
	writeFile(t, dir, "content/data/malkonflikter.toml", pairs.String())
	os.Remove(filepath.Join(dir, "content/data/tiltaksforslag.toml"))
	writeFile(t, dir, "content/dilemmatrening/d.md", "+++\ntitle = \"Dilemma\"\ndescription = \"D.\"\nthemes = [\"t0-0\", \"t0-1\"]\nquestions = [\"Hva?\"]\n+++\n\nTekst.\n")
	return dir
}

// names returns the names in the assessment picker.
func names(t testing.TB, tab *browsertest.Tab) []string {
	t.Helper()
	return browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll("#ws-current option")].map(o => o.textContent)`)
}

// pickAssessment switches to the i-th assessment in the picker, as a user would.
func pickAssessment(t testing.TB, tab *browsertest.Tab, i int) {
	t.Helper()
	browsertest.Eval[bool](t, tab, fmt.Sprintf(`(() => { const s = document.getElementById("ws-current"); s.selectedIndex = %d; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, i))
}
