package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// WorksheetSchema is the version of the worksheet data and of the answer
// files the browser exports. Raise it when their shape changes and
// describe the change in docs/worksheet-schema.md.
const WorksheetSchema = 2

// Worksheet is the data embedded in a worksheet page for the browser.
// Question and option codes are the stable IDs from the content.
type Worksheet struct {
	Schema         int            `json:"schema"`
	ID             string         `json:"worksheet"`
	Title          string         `json:"title"`
	Lang           string         `json:"lang"`
	ContentVersion string         `json:"contentVersion"`
	Scale          WorksheetScale `json:"scale"`
	Dimensions     []WSDimension  `json:"dimensions"`
	DilemmaURL     string         `json:"dilemmaUrl,omitempty"`
	Conflicts      []WSConflict   `json:"conflicts,omitempty"`
	// Goals is "define", "assess" or empty (see model.WorksheetData).
	Goals string `json:"goals,omitempty"`
	// Areas is true when the worksheet grades development areas.
	Areas bool `json:"areas,omitempty"`
	// Levels are the earlier plan levels whose saved answers can be
	// fetched and shown beside this worksheet's themes (the red thread).
	Levels  []WSLevel         `json:"levels,omitempty"`
	Strings map[string]string `json:"strings"`
}

// WSLevel is an earlier plan level as the red thread needs it: enough to
// read a saved assessment of it (its option codes and which theme each
// question belongs to) without that worksheet's page.
type WSLevel struct {
	ID     string              `json:"id"`
	Title  string              `json:"title"`
	URL    string              `json:"url"`
	Goals  string              `json:"goals,omitempty"`
	Scale  WorksheetScale      `json:"scale"`
	Themes map[string][]string `json:"themes"` // theme ID → question IDs
}

// WorksheetScale is the answer scale of a worksheet.
type WorksheetScale struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Options   []model.Option `json:"options"`
	Conflicts bool           `json:"conflicts"` // whether to look for goal conflicts
}

// WSDimension is a dimension with the themes assessed in the worksheet.
type WSDimension struct {
	ID     string    `json:"id"`
	Title  string    `json:"title"`
	Themes []WSTheme `json:"themes"`
}

// WSTheme is a theme with its rules and the worksheet's questions.
type WSTheme struct {
	ID        string       `json:"id"`
	Title     string       `json:"title"`
	URL       string       `json:"url"`
	Rules     []model.Rule `json:"rules"`
	Questions []WSQuestion `json:"questions"`
	Funding   []WSLink     `json:"funding"`
	Methods   []WSLink     `json:"methods"`
}

// WSQuestion is one question. Suggest, when set, replaces the theme's
// funding and method suggestions for this question.
type WSQuestion struct {
	ID      string     `json:"id"`
	Text    string     `json:"text"`
	Help    string     `json:"help,omitempty"`
	Rules   []string   `json:"rules,omitempty"`
	Suggest *WSSuggest `json:"suggest,omitempty"`
}

// WSSuggest holds the funding and method suggestions for one question; a
// nil list keeps the theme's list.
type WSSuggest struct {
	Funding []WSLink `json:"funding"` // null: the theme's list
	Methods []WSLink `json:"methods"`
}

// WSConflict is a declared goal conflict between two themes of the
// worksheet, with the matching dilemma scenario if there is one.
type WSConflict struct {
	Themes  [2]string `json:"themes"`
	Reason  string    `json:"reason"`
	Dilemma *WSLink   `json:"dilemma,omitempty"`
}

// WSLink is a titled link, relative to the worksheet page.
type WSLink struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// BuildWorksheet assembles the worksheet data of page d.Page.
func (d *Data) BuildWorksheet() (*Worksheet, error) {
	p := d.Page
	if p.Worksheet() == nil {
		return nil, fmt.Errorf("%s is not a worksheet", p.File)
	}
	scale := d.Scale(p.Worksheet().Scale)
	if scale == nil {
		return nil, fmt.Errorf("scale %q not found", p.Worksheet().Scale)
	}
	ws := &Worksheet{
		Schema: WorksheetSchema, ID: p.ID, Title: p.Title, Lang: d.Lang,
		Scale:   WorksheetScale{ID: scale.ID, Title: scale.Title, Options: scale.Options, Conflicts: scale.FindsConflicts()},
		Strings: d.uiStrings("ws_"),
		Goals:   p.Worksheet().Goals, Areas: p.Worksheet().Areas,
		Levels: d.earlierLevels(),
	}
	if s := d.Site.Sections["dilemmatrening"]; s != nil {
		ws.DilemmaURL = d.Link(s)
	}
	for _, dim := range d.Dimensions() {
		wd := WSDimension{ID: dim.ID, Title: dim.Title}
		for _, t := range d.ThemesOf(dim.ID) {
			qs := t.Theme().QuestionsFor(p.ID)
			if len(qs) == 0 {
				continue
			}
			wt := WSTheme{ID: t.ID, Title: t.Title, URL: d.Link(t), Rules: t.Theme().Rules,
				Funding: d.links(d.FundingFor(t.ID)), Methods: d.links(d.MethodsFor(t.ID))}
			for _, q := range qs {
				wt.Questions = append(wt.Questions, WSQuestion{ID: q.ID, Text: q.Text, Help: q.Help, Rules: q.Rules, Suggest: d.suggestion(q)})
			}
			wd.Themes = append(wd.Themes, wt)
		}
		if len(wd.Themes) > 0 {
			ws.Dimensions = append(ws.Dimensions, wd)
		}
	}
	ws.Conflicts = d.conflicts(ws)
	ws.ContentVersion = contentVersion(ws)
	return ws, nil
}

// conflicts returns the declared goal conflicts whose two themes are both
// in the worksheet, in declaration order.
func (d *Data) conflicts(ws *Worksheet) []WSConflict {
	in := map[string]bool{}
	for _, dim := range ws.Dimensions {
		for _, t := range dim.Themes {
			in[t.ID] = true
		}
	}
	var out []WSConflict
	for _, c := range d.Site.Data.Conflicts {
		if !in[c.Themes[0]] || !in[c.Themes[1]] {
			continue
		}
		wc := WSConflict{Themes: [2]string{c.Themes[0], c.Themes[1]}, Reason: d.Site.Data.ConflictReason(c, d.Lang)}
		if p := d.Site.Lookup(model.KindDilemma, c.Dilemma); p != nil {
			wc.Dilemma = &WSLink{Title: p.Variant(d.Lang).Title, URL: d.Link(p)}
		}
		out = append(out, wc)
	}
	return out
}

// earlierLevels returns the worksheets before the current one in the
// worksheets' order, each with its scale and its questions by theme.
func (d *Data) earlierLevels() []WSLevel {
	var out []WSLevel
	for _, w := range d.Worksheets() {
		if w.ID == d.Page.ID {
			break
		}
		scale := d.Scale(w.Worksheet().Scale)
		if scale == nil {
			continue
		}
		l := WSLevel{ID: w.ID, Title: w.Title, URL: d.Link(w), Goals: w.Worksheet().Goals, Themes: map[string][]string{},
			Scale: WorksheetScale{ID: scale.ID, Title: scale.Title, Options: scale.Options, Conflicts: scale.FindsConflicts()}}
		for _, t := range d.ThemesAt(w.ID) {
			for _, q := range t.Theme().QuestionsFor(w.ID) {
				l.Themes[t.ID] = append(l.Themes[t.ID], q.ID)
			}
		}
		out = append(out, l)
	}
	return out
}

// suggestion returns the question's own funding and method suggestions,
// or nil when the theme's lists apply.
func (d *Data) suggestion(q model.Question) *WSSuggest {
	sg := d.Site.Data.SuggestionFor(q)
	if sg == nil {
		return nil
	}
	pick := func(kind model.Kind, ids *[]string) []WSLink {
		if ids == nil {
			return nil
		}
		var ps []*model.Page
		for _, id := range *ids {
			if p := d.Site.Lookup(kind, id); p != nil {
				ps = append(ps, p.Variant(d.Lang))
			}
		}
		return d.links(ps)
	}
	return &WSSuggest{Funding: pick(model.KindFunding, sg.Funding), Methods: pick(model.KindMethod, sg.Methods)}
}

func (d *Data) links(ps []*model.Page) []WSLink {
	out := []WSLink{}
	for _, p := range ps {
		out = append(out, WSLink{Title: p.Title, URL: d.Link(p)})
	}
	return out
}

// uiStrings returns the interface strings with a prefix, in the page's
// language with the default language filling gaps.
func (d *Data) uiStrings(prefix string) map[string]string {
	out := map[string]string{}
	for _, lang := range []string{d.Site.Config.Language, d.Lang} {
		for k, v := range d.Site.Strings[lang] {
			if strings.HasPrefix(k, prefix) {
				out[k] = v
			}
		}
	}
	return out
}

// contentVersion fingerprints what saved answers depend on: the question
// IDs and the option codes with their meanings. Editing texts does not
// change it.
func contentVersion(ws *Worksheet) string {
	var parts []string
	parts = append(parts, ws.ID, ws.Scale.ID)
	for _, o := range ws.Scale.Options {
		parts = append(parts, o.Code+"="+string(o.Meaning))
	}
	var qs []string
	for _, dim := range ws.Dimensions {
		for _, t := range dim.Themes {
			for _, q := range t.Questions {
				qs = append(qs, t.ID+"/"+q.ID)
			}
		}
	}
	sort.Strings(qs)
	sum := sha256.Sum256([]byte(strings.Join(append(parts, qs...), "\n")))
	return hex.EncodeToString(sum[:6])
}

func worksheetJSON(d *Data) ([]byte, error) {
	ws, err := d.BuildWorksheet()
	if err != nil {
		return nil, err
	}
	return json.Marshal(ws)
}
