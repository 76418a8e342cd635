// Package scaffold writes new content files with every field explained, so
// that an editor never has to remember the content model.
package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Kind is a kind of content file that can be scaffolded.
type Kind struct {
	Name     string   // English name used on the command line
	Aliases  []string // Norwegian names also accepted
	Dir      string   // folder under content/
	Template string
}

var kinds = []Kind{
	{Name: "theme", Aliases: []string{"tema"}, Dir: "tema", Template: themeTemplate},
	{Name: "funding", Aliases: []string{"virkemiddel", "virkemidler"}, Dir: "virkemidler", Template: fundingTemplate},
	{Name: "dilemma", Aliases: []string{"dilemmatrening", "scenario"}, Dir: "dilemmatrening", Template: dilemmaTemplate},
	{Name: "page", Aliases: []string{"side"}, Dir: "", Template: pageTemplate},
}

// Kinds returns the names of the kinds, sorted.
func Kinds() []string {
	var out []string
	for _, k := range kinds {
		out = append(out, k.Name)
	}
	sort.Strings(out)
	return out
}

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Create writes content/<dir>/<name>.md for a kind in the site folder
// source and returns the path written. It never overwrites a file.
func Create(source, kind, name string) (string, error) {
	k, ok := lookup(kind)
	if !ok {
		return "", fmt.Errorf("unknown kind %q (expected one of: %s)", kind, strings.Join(Kinds(), ", "))
	}
	if !namePattern.MatchString(name) {
		example := ""
		if id := suggestID(name); id != "" {
			example = fmt.Sprintf(" (for example %q)", id)
		}
		return "", fmt.Errorf("name %q is not a valid ID: use lower-case a–z, digits and hyphens, and write æ, ø, å as ae, o, a%s", name, example)
	}
	dir := filepath.Join(source, "content", filepath.FromSlash(k.Dir))
	file := filepath.Join(dir, name+".md")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists; choose another name or edit that file", file)
	}
	if err != nil {
		return "", err
	}
	text := strings.ReplaceAll(k.Template, "{{ID}}", name)
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", err
	}
	return file, f.Close()
}

func lookup(kind string) (Kind, bool) {
	kind = strings.ToLower(kind)
	for _, k := range kinds {
		if k.Name == kind {
			return k, true
		}
		for _, a := range k.Aliases {
			if a == kind {
				return k, true
			}
		}
	}
	return Kind{}, false
}

// suggestID turns a title into a valid ID.
func suggestID(s string) string {
	r := strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "ae", "Ø", "o", "Å", "a")
	s = strings.ToLower(r.Replace(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

const themeTemplate = `+++
# Tittel på temaet, slik den vises på siden og i arbeidsskjemaene.
title = ""
# Én eller to setninger om temaet. Brukes i lister og søk.
description = ""
# Rekkefølge innenfor dimensjonen (lavest først).
weight = 100
# ID-en til dimensjonen temaet hører til: klima-og-miljo, sosial eller okonomi.
dimension = ""
# Andre dimensjoner temaet også berører (kan stå tomt).
also = []
# FNs bærekraftsmål temaet bygger på (tall fra 1 til 17).
sdgs = []
# Plannivåene (arbeidsskjemaene) der temaet skal vurderes. Hvert nivå må ha
# minst ett spørsmål under. Mulige verdier: kunnskapsgrunnlag, planstrategi,
# samfunnsdel, arealplanlegging, handlings-og-okonomiplan, saksbehandling.
levels = ["saksbehandling"]

# Kjøreregler: hva skal til for at temaet er bærekraftig? Skriv 3–6.
# id må være unik og skal ikke endres etter at siden er publisert.
[[rules]]
id = "{{ID}}-r1"
text = ""

# Spørsmål i arbeidsskjemaene. Ett eller flere per plannivå i levels.
# id lagres sammen med brukernes svar: ikke endre den etter publisering.
[[questions]]
id = "{{ID}}-saks-1"
# Plannivået spørsmålet hører til.
level = "saksbehandling"
# Kjørereglene spørsmålet bygger på (ID-ene over).
rules = ["{{ID}}-r1"]
# Selve spørsmålet.
text = ""
# Valgfri hjelpetekst som forklarer hvordan spørsmålet kan besvares.
help = ""
+++

Skriv her hvorfor temaet er viktig i kommunene i Troms og Finnmark.
`

const fundingTemplate = `+++
# Navnet på ordningen.
title = ""
# Én setning om hva ordningen er. Brukes i lister og søk.
description = ""
# Hvem som eier ordningen (direktorat, fylkeskommune, stiftelse ...).
owner = ""
# Hvem som kan søke.
applicants = ""
# Hva ordningen gir støtte til.
supports = ""
# Søknadsfrist, for eksempel "Vanligvis 1. mars" eller "Løpende". En frist du
# bare kjenner fra et tidligere år, skriver du som fortid: "Fristen var
# 5. april i 2024." Kan stå tomt.
deadline = ""
# Lenke til ordningens faste side hos eieren, ikke en nyhetssak, en side for
# ett år eller en annen region. Må begynne med https://
url = "https://"
# Sett til true hvis lenken går til en oversiktsside hos eieren fordi du ikke
# har funnet en fast adresse til ordningens egen side. Siden sier det da.
url_overview = false
# Dimensjonene ordningen hører til: klima-og-miljo, sosial, okonomi.
dimensions = []
# Temaene ordningen passer for (ID-ene til filene i content/tema/).
themes = []
# Når du sist kontrollerte opplysningene (ÅÅÅÅ-MM-DD), og hva du kontrollerte
# dem mot, for eksempel "eierens nettside". Skriv bare en kontroll du har
# gjort; uten dem står det at opplysningene ikke er kontrollert.
# checked = 2026-12-02
# checked_against = ""
+++
`

const dilemmaTemplate = `+++
# Tittelen på scenarioet.
title = ""
# Én setning om dilemmaet. Brukes i lister og søk.
description = ""
# Hva slags kommune eller sted scenarioet handler om.
place = ""
# Temaene som står mot hverandre (minst to ID-er fra content/tema/).
themes = []
# Spørsmål gruppa skal diskutere (4–6 er passe).
questions = [
  "",
]
+++

Beskriv situasjonen her: hva har skjedd, hvem er berørt, og hvilke fakta
har gruppa å gå ut fra?
`

const pageTemplate = `+++
# Tittelen på siden.
title = ""
# Én eller to setninger om siden. Brukes i lister, søk og av søkemotorer.
description = ""
# Rekkefølge i lister (lavest først).
weight = 100
+++

Skriv innholdet her i Markdown. Lenk til andre sider med filnavnet, for
eksempel [Bolig](/tema/bolig.md).
`
