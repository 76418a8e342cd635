package render

import (
	"fmt"
	"strings"
)

// Figure is a diagram drawn as SVG by layouts/partials/figure.html: boxes,
// lines and real text, laid out here from the content so that it stays
// true when the content changes. Colours come from CSS classes (the
// dimension colours, currentColor), never from style attributes, so the
// figure follows dark mode and print. Title and Desc are its text
// alternative.
type Figure struct {
	ID          string
	W, H        int
	Title, Desc string
	Boxes       []FigBox
	Lines       []FigLine
	Texts       []FigText
}

// FigBox is a rectangle; Rx rounds its corners (Rx = H/2 draws a dot).
type FigBox struct {
	X, Y, W, H, Rx int
	Class          string
}

// FigLine is a straight line.
type FigLine struct {
	X1, Y1, X2, Y2 int
	Class          string
}

// FigText is one line of text; Anchor is "start", "middle" or "end".
type FigText struct {
	X, Y   int
	Text   string
	Class  string
	Anchor string
}

const (
	// figW is the width figures are laid out for, a phone's: with text
	// of 15 units, the text is at least 12 px on a 320 px screen.
	figW    = 360
	figLine = 22 // distance between lines of text
)

// wrap breaks s into lines of at most max characters at spaces.
func wrap(s string, max int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > max {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// ThemeFigure draws the three dimensions with their themes (the report's
// figure 1), in the page's language.
func (d *Data) ThemeFigure() (Figure, error) {
	title, err := d.T("fig_themes_title")
	if err != nil {
		return Figure{}, err
	}
	f := Figure{ID: "fig-tema", W: figW, Title: title}
	var desc []string
	y := 0
	for _, dim := range d.Dimensions() {
		f.Boxes = append(f.Boxes, FigBox{X: 0, Y: y, W: figW, H: 36, Rx: 4, Class: "fig-band dim-" + dim.ID})
		f.Texts = append(f.Texts, FigText{X: 12, Y: y + 24, Text: dim.Title, Class: "fig-band-text", Anchor: "start"})
		y += 36 + 8
		var names []string
		for _, t := range d.ThemesOf(dim.ID) {
			names = append(names, t.Title)
			for i, line := range wrap(t.Title, 34) {
				if i == 0 {
					f.Boxes = append(f.Boxes, FigBox{X: 12, Y: y + 6, W: 10, H: 10, Rx: 5, Class: "fig-mark dim-" + dim.ID})
				}
				f.Texts = append(f.Texts, FigText{X: 30, Y: y + 15, Text: line, Class: "fig-text", Anchor: "start"})
				y += figLine
			}
		}
		y += 12
		desc = append(desc, fmt.Sprintf("%s: %s.", dim.Title, strings.Join(names, ", ")))
	}
	f.H = y
	f.Desc = strings.Join(desc, " ")
	return f, nil
}

// RecommendationFigure draws the recommendations as the factors that
// together give whole sustainability work (the report's figure 8).
func (d *Data) RecommendationFigure() (Figure, error) {
	title, err := d.T("fig_recs_title")
	if err != nil {
		return Figure{}, err
	}
	goal, err := d.T("fig_recs_goal")
	if err != nil {
		return Figure{}, err
	}
	f := Figure{ID: "fig-anbefalinger", W: figW, Title: title}
	var names []string
	y := 0
	const left = 28 // the thread runs down the left edge
	for i, r := range d.Recommendations() {
		names = append(names, r.Title)
		lines := wrap(r.Title, 30)
		h := 16 + len(lines)*figLine
		f.Boxes = append(f.Boxes, FigBox{X: left + 12, Y: y, W: figW - left - 12, H: h, Rx: 6, Class: "fig-box"})
		f.Boxes = append(f.Boxes, FigBox{X: left - 14, Y: y + h/2 - 14, W: 28, H: 28, Rx: 14, Class: "fig-num"})
		f.Texts = append(f.Texts, FigText{X: left, Y: y + h/2 + 5, Text: fmt.Sprint(i + 1), Class: "fig-num-text", Anchor: "middle"})
		for j, line := range lines {
			f.Texts = append(f.Texts, FigText{X: left + 24, Y: y + 8 + (j+1)*figLine - 6, Text: line, Class: "fig-text", Anchor: "start"})
		}
		y += h + 14
	}
	f.Lines = append(f.Lines, FigLine{X1: left, Y1: 0, X2: left, Y2: y, Class: "fig-thread"})
	// The thread leads to the goal.
	f.Boxes = append(f.Boxes, FigBox{X: 0, Y: y, W: figW, H: 44, Rx: 6, Class: "fig-goal"})
	f.Texts = append(f.Texts, FigText{X: figW / 2, Y: y + 28, Text: goal, Class: "fig-goal-text", Anchor: "middle"})
	f.H = y + 44
	f.Desc = fmt.Sprintf("%s: %s. %s.", title, strings.Join(names, ", "), goal)
	return f, nil
}

// ProcessFigure draws the hourglass model above the co-creative model of
// work between politicians and administration in a planning process (the
// report's figures 9 and 10): who takes part from the assignment to the
// decision.
func (d *Data) ProcessFigure() (Figure, error) {
	keys := []string{"fig_process_title", "fig_process_desc", "fig_hourglass", "fig_cocreative", "fig_politicians", "fig_administration", "fig_assignment", "fig_decision", "fig_workshops"}
	s := map[string]string{}
	for _, k := range keys {
		v, err := d.T(k)
		if err != nil {
			return Figure{}, err
		}
		s[k] = v
	}
	f := Figure{ID: "fig-samspill", W: figW, Title: s["fig_process_title"], Desc: s["fig_process_desc"]}
	const x0, x1 = 24, figW - 24
	y := 0
	for _, model := range []struct {
		name   string
		visits []int // where the politicians take part, 0 to 4 of 4
	}{{s["fig_hourglass"], []int{0, 4}}, {s["fig_cocreative"], []int{0, 1, 2, 3, 4}}} {
		f.Texts = append(f.Texts, FigText{X: 0, Y: y + 18, Text: model.name, Class: "fig-heading", Anchor: "start"})
		pol, adm := y+62, y+122
		f.Texts = append(f.Texts, FigText{X: 0, Y: pol - 12, Text: s["fig_politicians"], Class: "fig-text", Anchor: "start"})
		f.Texts = append(f.Texts, FigText{X: 0, Y: adm - 10, Text: s["fig_administration"], Class: "fig-text", Anchor: "start"})
		f.Boxes = append(f.Boxes, FigBox{X: x0, Y: adm, W: x1 - x0, H: 14, Rx: 7, Class: "fig-adm"})
		for _, v := range model.visits {
			x := x0 + v*(x1-x0)/4
			f.Lines = append(f.Lines, FigLine{X1: x, Y1: pol + 7, X2: x, Y2: adm, Class: "fig-link"})
			f.Boxes = append(f.Boxes, FigBox{X: x - 9, Y: pol - 2, W: 18, H: 18, Rx: 9, Class: "fig-pol"})
		}
		f.Texts = append(f.Texts, FigText{X: 0, Y: adm + 38, Text: s["fig_assignment"], Class: "fig-small", Anchor: "start"})
		f.Texts = append(f.Texts, FigText{X: figW, Y: adm + 38, Text: s["fig_decision"], Class: "fig-small", Anchor: "end"})
		if len(model.visits) > 2 {
			f.Texts = append(f.Texts, FigText{X: figW / 2, Y: adm + 38, Text: s["fig_workshops"], Class: "fig-small", Anchor: "middle"})
		}
		y = adm + 70
	}
	f.H = y - 12
	return f, nil
}
