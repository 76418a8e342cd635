// Package printtest prints the real site's theme pages and dilemma
// scenarios to PDF in headless Chromium and checks their page counts: a
// theme is a one-pager, a scenario a handout on one sheet (page 1 the
// scenario and its questions, page 2 only room for the answers).
package printtest

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

func TestPrintPageCounts(t *testing.T) {
	b := browsertest.New(t) // skips (or fails in CI) without Chromium
	dest := filepath.Join(t.TempDir(), "site")
	if _, err := generator.Build(t.Context(), generator.Options{Source: "../..", Dest: dest}); err != nil {
		t.Fatalf("build the site: %v", err)
	}
	themes := pages(t, dest, "tema/*.html", "nn/tema/*.html")
	dilemmas := pages(t, dest, "dilemmatrening/*.html", "nn/dilemmatrening/*.html")
	if len(themes) < 16 || len(dilemmas) < 6 {
		t.Fatalf("found %d theme pages and %d scenarios; expected at least 16 and 6", len(themes), len(dilemmas))
	}
	tab := b.Tab(t)

	for _, p := range themes {
		if n := printPages(t, tab, p, ""); n != 1 {
			t.Errorf("%s prints on %d pages; a theme must be a one-pager", rel(dest, p), n)
		}
	}
	for _, p := range dilemmas {
		if n := printPages(t, tab, p, ""); n != 2 {
			t.Errorf("%s prints on %d pages; a scenario must print on one sheet: page 1 the scenario and questions, page 2 the answer fields", rel(dest, p), n)
		}
		// Without the answer fields the scenario and all its questions
		// must fit on the first page.
		if n := printPages(t, tab, p, `document.querySelector(".answer-sheet").remove()`); n != 1 {
			t.Errorf("%s: the scenario and its questions take %d pages; they must fit on page 1", rel(dest, p), n)
		}
		// The facilitator's link is not part of the handout.
		const guideLinks = `[...document.querySelectorAll(".handout a")]
			.filter(a => new URL(a.href).pathname.endsWith("/dilemmatrening/index.html") && a.getClientRects().length > 0).length`
		if browsertest.Eval[int](t, tab, guideLinks) == 0 {
			t.Errorf("%s: no link to the facilitator's guide on screen", rel(dest, p))
		}
		tab.Do(t, media("print"))
		shown := browsertest.Eval[int](t, tab, guideLinks)
		tab.Do(t, media(""))
		if shown != 0 {
			t.Errorf("%s: the link to the facilitator's guide shows in print", rel(dest, p))
		}
	}
}

// media emulates a CSS media type ("print"), or ends the emulation ("").
func media(typ string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: typ})
		return err
	})
}

// pages returns the pages matching the patterns under dest, index pages
// excluded.
func pages(t *testing.T, dest string, patterns ...string) []string {
	t.Helper()
	var out []string
	for _, pat := range patterns {
		m, err := filepath.Glob(filepath.Join(dest, pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			if filepath.Base(p) != "index.html" {
				out = append(out, p)
			}
		}
	}
	return out
}

func rel(dest, p string) string {
	r, _ := filepath.Rel(dest, p)
	return filepath.ToSlash(r)
}

// printPages opens the file, runs script (if any), prints it the way a
// user's browser does (the page's own @page size and margins, no header
// and footer) and returns the number of pages. It also checks the paper
// is A4 portrait.
func printPages(t *testing.T, tab *browsertest.Tab, file, script string) int {
	t.Helper()
	tab.Do(t, chromedp.Navigate("file://"+filepath.ToSlash(file)))
	if script != "" {
		browsertest.Eval[any](t, tab, "("+script+", null)")
	}
	var pdf []byte
	yes, no := true, false
	tab.Do(t, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{
			PreferCSSPageSize:   &yes,
			DisplayHeaderFooter: &no,
		})
		pdf = res.Data
		return err
	}))
	n, w, h, err := countPages(pdf)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	// A4 is 595.3 × 841.9 pt.
	if w < 593 || w > 598 || h < 840 || h > 844 {
		t.Errorf("%s prints on %.1f × %.1f pt paper, not A4 portrait", file, w, h)
	}
	return n
}

var (
	pageObj  = regexp.MustCompile(`/Type\s*/Page\b`)
	mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`)
)

// countPages counts the page objects of a PDF (the "/Type /Page" objects
// that are not "/Pages") and returns the size of the first media box.
func countPages(pdf []byte) (n int, w, h float64, err error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, 0, 0, fmt.Errorf("not a PDF (%d bytes)", len(pdf))
	}
	for _, loc := range pageObj.FindAllIndex(pdf, -1) {
		if loc[1] < len(pdf) && pdf[loc[1]] == 's' {
			continue // /Pages, the page tree
		}
		n++
	}
	if m := mediaBox.FindSubmatch(pdf); m != nil {
		x0, _ := strconv.ParseFloat(string(m[1]), 64)
		y0, _ := strconv.ParseFloat(string(m[2]), 64)
		x1, _ := strconv.ParseFloat(string(m[3]), 64)
		y1, _ := strconv.ParseFloat(string(m[4]), 64)
		w, h = x1-x0, y1-y0
	}
	if n == 0 {
		return 0, 0, 0, fmt.Errorf("no pages found in the PDF (%d bytes)", len(pdf))
	}
	return n, w, h, nil
}
