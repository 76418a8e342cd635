package content

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// validate checks required fields and every cross-reference of the
// default-language pages. Translations share the references of their
// default-language page, so they need no separate check.
func validate(s *model.Site, failed map[string]bool) diag.List {
	v := &validator{site: s, failed: failed, claims: map[string]string{}}
	for _, p := range s.Pages {
		if p.Lang != s.Config.Language {
			v.Required(p, "title", p.Title)
			continue
		}
		v.page(p)
	}
	v.config()
	return v.errs
}

type validator struct {
	site   *model.Site
	failed map[string]bool // content paths of pages that failed to parse
	errs   diag.List
	claims map[string]string // namespace + "\x00" + key -> file that claimed it
}

func (v *validator) page(p *model.Page) {
	v.Required(p, "title", p.Title)
	v.Required(p, "description", p.Description)
	for i, c := range p.Cards {
		v.pageRef(p.FieldPos(fmt.Sprintf("cards.%d", i)), "cards", c.Page)
		if c.Title == "" {
			v.errs.Addf(p.FieldPos(fmt.Sprintf("cards.%d", i)), "kort nr. %d ([[cards]]) mangler feltet «title»", i+1)
		}
	}
	kind := v.site.Kinds.Get(p.Kind)
	if kind == nil {
		return
	}
	if kind.NeedsBody() && strings.TrimSpace(p.BodyText) == "" {
		v.errs.Addf(p.Pos, "siden har ingen tekst: skriv brødteksten under den siste +++-linja")
	}
	kind.Check(v, p)
}

func (v *validator) config() {
	cfg := &v.site.Config
	for _, m := range cfg.Menu {
		v.pageRef(m.Pos, "menu", m.Page)
		if m.Title == "" {
			v.errs.Addf(m.Pos, "menypunktet mangler feltet «title»")
		}
	}
	for _, l := range cfg.Footer.Links {
		v.pageRef(l.Pos, "footer.links", l.Page)
	}
	if v.site.Home == nil {
		v.errs.Addf(diag.Position{File: "content/_index.md"}, "forsiden mangler: lag filen content/_index.md")
	}
}

// Required implements model.Checker. An empty field is reported at its
// line, a missing one at the top of the front matter.
func (v *validator) Required(p *model.Page, field, value string) {
	if strings.TrimSpace(value) != "" {
		return
	}
	if _, ok := p.FieldLines[field]; ok {
		v.errs.Addf(p.FieldPos(field), "feltet «%s» er tomt: fyll det ut", field)
		return
	}
	v.errs.Addf(p.Pos, "mangler feltet «%s»: legg det til mellom +++-linjene", field)
}

// Site implements model.Checker.
func (v *validator) Site() *model.Site { return v.site }

// Errorf implements model.Checker.
func (v *validator) Errorf(pos diag.Position, format string, args ...any) {
	v.errs.Addf(pos, format, args...)
}

// ValidID implements model.Checker.
func (v *validator) ValidID(id string) bool { return idPattern.MatchString(id) }

// Claim implements model.Checker.
func (v *validator) Claim(namespace, key, file string) (string, bool) {
	k := namespace + "\x00" + key
	if other, ok := v.claims[k]; ok {
		return other, true
	}
	v.claims[k] = file
	return "", false
}

// Scale implements model.Checker.
func (v *validator) Scale(p *model.Page, field, id string) {
	if v.site.Scales[id] == nil && !v.failed[ScalesFile] {
		v.errs.Addf(p.FieldPos(field), "skalaen «%s» finnes ikke i content/%s", id, ScalesFile)
	}
}

// Refs implements model.Checker. An ID of a page that failed to parse
// is not reported again.
func (v *validator) Refs(p *model.Page, field string, kind model.Kind, ids []string, min int) {
	dir := v.sectionOf(kind)
	switch {
	case len(ids) < min && min == 1:
		v.errs.Addf(p.FieldPos(field), "%s: oppgi minst én ID fra content/%s/", field, dir)
	case len(ids) < min:
		v.errs.Addf(p.FieldPos(field), "%s: oppgi minst %d ID-er fra content/%s/", field, min, dir)
	}
	for _, id := range ids {
		if v.site.Lookup(kind, id) == nil && !v.failed[dir+"/"+id+".md"] {
			v.errs.Addf(p.FieldPos(field), "%s: finner ikke «%s» i content/%s/ (ID-en er filnavnet uten .md; disse finnes: %s)",
				field, id, dir, strings.Join(v.ids(kind), ", "))
		}
	}
}

func (v *validator) ids(kind model.Kind) []string {
	var out []string
	for _, p := range v.site.Pages {
		if p.Kind == kind && p.Lang == v.site.Config.Language {
			out = append(out, p.ID)
		}
	}
	return out
}

func (v *validator) pageRef(pos diag.Position, what, page string) {
	if page == "" {
		v.errs.Addf(pos, "%s: mangler feltet «page»", what)
		return
	}
	if v.site.ByPath[page] == nil && !v.failed[page] {
		v.errs.Addf(pos, "%s: siden «%s» finnes ikke (skriv stien i content/, for eksempel «tema/_index.md»)", what, page)
	}
}

// HTTPSURL implements model.Checker.
func (v *validator) HTTPSURL(p *model.Page, field, value string) {
	if value == "" {
		v.Required(p, field, value)
		return
	}
	u, err := url.Parse(value)
	if err == nil && u.Scheme == "https" && u.Host == "" {
		v.errs.Addf(p.FieldPos(field), "%s: adressen mangler navnet på nettstedet etter https://", field)
		return
	}
	if err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(value, " \t\n") {
		v.errs.Addf(p.FieldPos(field), "%s: «%s» er ikke en fullstendig adresse som begynner med https://", field, value)
	}
}

func checkBaseURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("base_url: «%s» er ikke en fullstendig adresse som begynner med https://", s)
	}
	return ""
}

// sectionOf returns the content folder of a kind.
func (v *validator) sectionOf(kind model.Kind) string {
	if k := v.site.Kinds.Get(kind); k != nil {
		return k.Dir()
	}
	return ""
}
