package worksheettest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// axeViolations loads axe-core into the page and returns its violations.
func axeViolations(t *testing.T, tab *browsertest.Tab, src string) []string {
	t.Helper()
	browsertest.Eval[bool](t, tab, src+";true")
	return browsertest.Eval[[]string](t, tab, `axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => v.id + ": " + v.help + " — " + v.nodes.map(n => n.target.join(" ")).slice(0, 5).join(", ")))`)
}

// TestAxe runs axe-core on the worksheet (empty) and on the summary with
// conflicts, gaps and an open import panel, in bokmål and nynorsk.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		browsertest.SkipOrFail(t, "node_modules/axe-core is missing; run `npm ci` in the repository root")
	}
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	for _, page := range []string{url, strings.Replace(url, "/arbeidsskjema/", "/nn/arbeidsskjema/", 1)} {
		tab := b.Tab(t)
		open(t, tab, page)
		if v := axeViolations(t, tab, string(src)); len(v) > 0 {
			t.Errorf("%s, empty worksheet:\n%s", page, strings.Join(v, "\n"))
		}
		answer(t, tab, "klimatilpasning-saks-1", "positiv")
		answer(t, tab, "natur-saks-1", "usikker")
		answer(t, tab, "bolig-saks-1", "negativ")
		answer(t, tab, "bolig-saks-2", "begge")
		browsertest.Eval[bool](t, tab, `document.querySelectorAll("details").forEach(d => d.open = true); true`)
		tab.Do(t, chromedp.ScrollIntoView(chromedp.CSS("#ws-summary")))
		if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-conflict").length`); n < 1 {
			t.Errorf("expected conflicts in the summary, got %d", n)
		}
		if v := axeViolations(t, tab, ""); len(v) > 0 {
			t.Errorf("%s, summary:\n%s", page, strings.Join(v, "\n"))
		}
		tab.NoErrors(t)
	}
}

// alternateJS answers every question of the synthetic worksheet, themes
// alternating positive and negative (%d questions a theme), which makes
// many goal conflicts, and returns the number of conflicts shown.
const alternateJS = `(() => {
	const sels = [...document.querySelectorAll(".ws-question select")];
	sels.forEach((s, i) => { s.value = Math.floor(i / %d) %% 2 ? "negativ" : "positiv"; s.dispatchEvent(new Event("change", {bubbles: true})); });
	return document.querySelectorAll(".ws-conflict").length;
})()`

// openSynthetic opens the synthetic worksheet of dims × themes × questions
// and checks that every question is there.
func openSynthetic(t *testing.T, dims, themes, questions int) *browsertest.Tab {
	t.Helper()
	url := serve(t, syntheticSite(t, dims, themes, questions))
	tab := browsertest.New(t).Tab(t)
	open(t, tab, url)
	if n := browsertest.Eval[int](t, tab, `document.querySelectorAll(".ws-question select").length`); n != dims*themes*questions {
		t.Fatalf("%d questions, want %d", n, dims*themes*questions)
	}
	return tab
}

// TestLargeWorksheet answers every question of a worksheet ten times the
// size of the largest real one: the summary shows a goal conflict for
// each pair of a positive and a negative theme (30 × 30) and nothing goes
// wrong. TestPerfUpdateWithinOneFrame times changes on it.
func TestLargeWorksheet(t *testing.T) {
	tab := openSynthetic(t, 3, 20, 10)
	if n := browsertest.Eval[int](t, tab, fmt.Sprintf(alternateJS, 10)); n != 30*30 {
		t.Errorf("%d goal conflicts in the summary, want %d", n, 30*30)
	}
	tab.NoErrors(t)
}

// TestPerfUpdateWithinOneFrame measures how long an answer change takes:
// the change handler, saving, progress, summary, diagram and conflicts,
// plus a forced style and layout. "realistic" is about the size of the
// largest real worksheet (41 questions, 16 themes); "huge" is far larger,
// with 900 goal conflicts. It is part of the performance
// suite (see browsertest.Perf).
func TestPerfUpdateWithinOneFrame(t *testing.T) {
	browsertest.Perf(t)
	for _, c := range []struct {
		name                    string
		dims, themes, questions int
		p95Limit                float64 // 0: only the median is held to one frame
	}{
		// The size of the largest real worksheet: every change in one frame.
		{"realistic", 3, 6, 3, 16},
		// A stress case ten times larger; its slowest changes add or
		// remove dozens of conflicts, so only the median is held to a
		// frame and the tail is reported.
		{"huge", 3, 20, 10, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := openSynthetic(t, c.dims, c.themes, c.questions)
			conflicts := browsertest.Eval[int](t, tab, fmt.Sprintf(alternateJS, c.questions))
			res := browsertest.Eval[[]float64](t, tab, `(() => {
				const sels = [...document.querySelectorAll(".ws-question select")];
				const codes = ["positiv", "negativ", "usikker", "begge", "ingen", "ikke-relevant", ""];
				document.body.offsetHeight;
				const times = [];
				for (let i = 0; i < 200; i++) {
					const s = sels[(i * 37) % sels.length];
					s.value = codes[i % codes.length];
					const t0 = performance.now();
					s.dispatchEvent(new Event("change", {bubbles: true}));
					document.body.offsetHeight; // include style and layout
					times.push(performance.now() - t0);
				}
				times.sort((a, b) => a - b);
				return [times[times.length >> 1], times[Math.floor(times.length * 0.95)], times[times.length - 1]];
			})()`)
			t.Logf("answer change on %d questions, %d themes, %d conflicts: median %.2f ms, p95 %.2f ms, max %.2f ms",
				c.dims*c.themes*c.questions, c.dims*c.themes, conflicts, res[0], res[1], res[2])
			if res[0] >= 16 {
				t.Errorf("median update time %.2f ms, want < 16 ms", res[0])
			}
			if c.p95Limit > 0 && res[1] >= c.p95Limit {
				t.Errorf("p95 update time %.2f ms, want < %.0f ms", res[1], c.p95Limit)
			}
			tab.NoErrors(t)
		})
	}
}

// TestTransferSize checks that the worksheet page's HTML, CSS and JS
// together stay under 100 KB gzipped, on the sample, the synthetic and
// the real saksbehandling worksheet.
func TestTransferSize(t *testing.T) {
	for _, c := range []struct {
		name string
		src  string
	}{
		{"sample", sampleSite},
		{"synthetic 3×20×10", syntheticSite(t, 3, 20, 10)},
		// The real saksbehandling worksheet carries the earlier levels for the red thread.
		{"real site", repoRoot},
	} {
		out := build(t, c.src)
		html, err := os.ReadFile(filepath.Join(out, "arbeidsskjema/saksbehandling.html"))
		if err != nil {
			t.Fatal(err)
		}
		total := gz(html)
		parts := []string{fmt.Sprintf("HTML %d", total)}
		for _, m := range regexp.MustCompile(`(?:href|src)="([^"]+\.(?:css|js))"`).FindAllSubmatch(html, -1) {
			data, err := os.ReadFile(filepath.Join(out, "arbeidsskjema", string(m[1])))
			if err != nil {
				t.Fatal(err)
			}
			n := gz(data)
			total += n
			parts = append(parts, fmt.Sprintf("%s %d", filepath.Base(string(m[1])), n))
		}
		t.Logf("%s: %d bytes gzip (%s)", c.name, total, strings.Join(parts, ", "))
		if total >= 100*1024 {
			t.Errorf("%s: worksheet page is %d bytes gzip, want < 100 KB", c.name, total)
		}
	}
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
