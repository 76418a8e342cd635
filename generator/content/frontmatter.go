package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// document is a Markdown file split into its TOML front matter and body.
type document struct {
	FrontMatter []byte
	FMLine      int // line of the first front-matter line in the file
	Body        []byte
	BodyLine    int // line of the first body line in the file
}

// checkUTF8 reports the position of the first invalid UTF-8 byte in src.
func checkUTF8(file string, src []byte) *diag.Error {
	if utf8.Valid(src) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Errorf(diag.Position{File: file, Line: line, Col: col},
				"filen har et tegn som ikke er UTF-8 (byte 0x%02x): lagre filen med tegnkodingen UTF-8", src[i])
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}

// splitFrontMatter separates the +++-delimited TOML front matter from the
// Markdown body.
func splitFrontMatter(file string, src []byte) (document, *diag.Error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isDelimiter(first) {
		return document{}, diag.Errorf(diag.Position{File: file, Line: 1, Col: 1},
			"filen mangler feltene øverst: den skal begynne med en linje med +++, så feltene (som title = \"…\"), så en ny linje med +++")
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if isDelimiter(l) {
			body := []byte{}
			if end >= 0 {
				body = rest[off+end+1:]
			}
			return document{FrontMatter: rest[:off], FMLine: 2, Body: body, BodyLine: line + 1}, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return document{}, diag.Errorf(diag.Position{File: file, Line: 1, Col: 1},
		"feltene øverst er ikke avsluttet: sett en linje med +++ etter det siste feltet")
}

func isDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "+++"
}

// decodeStrict decodes TOML into v and reports syntax errors, type errors
// and unknown keys, with positions. lineOffset is added to TOML line numbers
// (the line of the first TOML line in the file, minus one).
func decodeStrict(file string, data []byte, lineOffset int, v any) (map[string]int, diag.List) {
	var errs diag.List
	lines := keyLines(data)
	md, err := toml.Decode(string(data), v)
	if err != nil {
		errs.Add(tomlError(file, lineOffset, lines, err))
		return lines, errs
	}
	var known []string
	for _, k := range md.Undecoded() {
		if known == nil {
			known = fieldNames(reflect.TypeOf(v))
		}
		key := k.String()
		line := lines[key]
		if line == 0 {
			line = 1
		}
		msg := fmt.Sprintf("ukjent felt «%s»", key)
		if s := suggest(key, known); s != "" {
			msg += fmt.Sprintf(" (mente du «%s»?)", s)
		} else {
			msg += fmt.Sprintf(" (feltene som kan brukes her, er: %s)", strings.Join(topLevel(known, key), ", "))
		}
		errs.Addf(diag.Position{File: file, Line: line + lineOffset, Col: 1}, "%s", msg)
	}
	// Shift the key lines to file lines.
	for k, l := range lines {
		lines[k] = l + lineOffset
	}
	return lines, errs
}

// tomlError turns an error of the TOML decoder into a problem in plain
// bokmål at the line of the field. lines maps keys to TOML lines (see
// keyLines); lineOffset is added to them.
func tomlError(file string, lineOffset int, lines map[string]int, err error) *diag.Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line := pe.Position.Line
		if line == 0 {
			line = pe.Line
		}
		msg, shift := tomlSyntax(pe.Message)
		return &diag.Error{Pos: diag.Position{File: file, Line: line + lineOffset - shift, Col: pe.Position.Col}, Msg: msg, Err: err}
	}
	// A value of the wrong type comes as plain text, with no position.
	if key, got, want, ok := mismatch(err.Error()); ok {
		line := max(lines[key], 1)
		return &diag.Error{Pos: diag.Position{File: file, Line: line + lineOffset, Col: 1}, Msg: wrongType(key, got, want), Err: err}
	}
	return &diag.Error{Pos: diag.Position{File: file, Line: lineOffset + 1}, Msg: "feltene kan ikke leses (" + err.Error() + ")", Err: err}
}

// typeMismatch matches the decoder's message for a value of the wrong
// type: the key, the type of the value and the type the field needs.
var typeMismatch = regexp.MustCompile(`\(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (.+)$`)

// tableMismatch matches the decoder's message for a value where a table
// belongs: the key and the type of the value.
var tableMismatch = regexp.MustCompile(`\(last key "([^"]*)"\): type mismatch for \S+: expected table but found (\S+)$`)

// mismatch returns the key, the type of the value and the type the field
// needs from the decoder's message for a value of the wrong type.
func mismatch(msg string) (key, got, want string, ok bool) {
	if m := typeMismatch.FindStringSubmatch(msg); m != nil {
		return m[1], m[2], m[3], true
	}
	if m := tableMismatch.FindStringSubmatch(msg); m != nil {
		return m[1], m[2], "map", true
	}
	return "", "", "", false
}

// wrongType says in bokmål what field key needs and what it got.
func wrongType(key, got, want string) string {
	name := key[strings.LastIndexByte(key, '.')+1:]
	var needs string
	switch want {
	case "string":
		needs = fmt.Sprintf("tekst i anførselstegn, for eksempel %s = \"Tekst\"", name)
	case "integer":
		needs = fmt.Sprintf("et heltall uten anførselstegn, for eksempel %s = 3", name)
	case "boolean":
		needs = fmt.Sprintf("true eller false, uten anførselstegn, for eksempel %s = true", name)
	case "slice":
		needs = fmt.Sprintf("en liste i hakeparenteser, for eksempel %s = [\"a\", \"b\"]", name)
	case "map":
		needs = fmt.Sprintf("en tabell: skriv [%s] på en egen linje, med feltene under", key)
	default:
		needs = "en annen type verdi (" + want + ")"
	}
	return fmt.Sprintf("feltet «%s» skal være %s, men her er det %s", key, needs, tomlType(got))
}

// tomlType names the type of a decoded TOML value in bokmål.
func tomlType(t string) string {
	switch {
	case t == "string":
		return "tekst"
	case strings.HasPrefix(t, "int"):
		return "et heltall"
	case strings.HasPrefix(t, "float"):
		return "et desimaltall"
	case t == "bool":
		return "true eller false"
	case strings.HasPrefix(t, "[]"):
		return "en liste"
	case strings.HasPrefix(t, "map"):
		return "en tabell"
	case strings.Contains(t, "time") || strings.Contains(t, "Local"):
		return "en dato eller et klokkeslett"
	}
	return "noe annet (" + t + ")"
}

// tomlSyntaxes are the decoder's messages for the syntax mistakes an
// editor is likely to make, each with its bokmål text; $1 is the part the
// pattern captures. prevLine marks a message the decoder places on the
// line after the mistake.
var tomlSyntaxes = []struct {
	re       *regexp.Regexp
	msg      string
	prevLine bool
}{
	{regexp.MustCompile(`^strings cannot contain newlines$`),
		"teksten mangler anførselstegn på slutten: en tekst i anførselstegn må slutte på samme linje (bruk \"\"\" foran og bak for tekst over flere linjer)", false},
	{regexp.MustCompile(`^unexpected EOF; expected '(.*)'$`),
		"teksten mangler $1 på slutten", false},
	{regexp.MustCompile(`^expected value but found '\\n' instead$`),
		"feltet mangler en verdi etter =", false},
	{regexp.MustCompile(`^expected value but found "(.*)" instead$`),
		"verdien «$1» må stå i anførselstegn hvis den er tekst (for eksempel title = \"Tekst\")", false},
	{regexp.MustCompile(`^expected value but found (.*) instead$`),
		"verdien $1 må stå i anførselstegn hvis den er tekst (for eksempel title = \"Tekst\")", false},
	{regexp.MustCompile(`^unexpected '=': key name appears blank$`),
		"feltnavnet mangler foran =", false},
	{regexp.MustCompile(`^Key '(.*)' has already been defined\.$`),
		"feltet «$1» står to ganger: slett det ene", false},
	{regexp.MustCompile(`^expected '\.' or '=', but got .* instead$`),
		"det mangler = mellom feltnavnet og verdien", false},
	{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got .* instead$`),
		"det står noe etter verdien på denne linja: hvert felt skal stå på sin egen linje, og tekst i anførselstegn", false},
	{regexp.MustCompile(`^invalid datetime: "(.*)"$`),
		"«$1» er ikke en gyldig dato: skriv ÅÅÅÅ-MM-DD, for eksempel 2026-11-01", false},
	{regexp.MustCompile(`^expected '\.' or '\]' to end table name, but got '\\n' instead$`),
		"navnet på tabellen mangler ] på slutten", true},
}

// tomlSyntax returns the bokmål text for a syntax error of the decoder, or
// a general one that keeps the decoder's text, and how many lines the
// decoder's position is after the mistake.
func tomlSyntax(msg string) (string, int) {
	for _, s := range tomlSyntaxes {
		if m := s.re.FindStringSubmatchIndex(msg); m != nil {
			shift := 0
			if s.prevLine {
				shift = 1
			}
			return string(s.re.ExpandString(nil, s.msg, msg, m)), shift
		}
	}
	if strings.Contains(msg, "er ikke en dato") || strings.Contains(msg, "skal være en dato") {
		return msg, 0 // from model.Date, in bokmål already
	}
	return "feltene kan ikke leses: sjekk skrivemåten på denne linja (" + msg + ")", 0
}

// keyLines maps dotted key paths ("title", "rules.2.text", and without the
// index, "rules.text" for the first occurrence) to 1-based TOML lines. It is
// a forgiving scanner meant only for error positions.
func keyLines(data []byte) map[string]int {
	out := map[string]int{}
	counts := map[string]int{}
	table := ""
	inMultiline := ""
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		if inMultiline != "" {
			if strings.Count(line, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		switch {
		case line == "" || line[0] == '#':
			continue
		case strings.HasPrefix(line, "[["):
			name := strings.TrimSpace(strings.Trim(strings.SplitN(line, "]]", 2)[0], "[ "))
			idx := counts[name]
			counts[name]++
			table = name + "." + strconv.Itoa(idx)
			setLine(out, table, n)
			setLine(out, name, n)
			continue
		case line[0] == '[':
			table = strings.TrimSpace(strings.Trim(strings.SplitN(line, "]", 2)[0], "[ "))
			setLine(out, table, n)
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			continue
		}
		key := strings.Trim(strings.TrimSpace(line[:eq]), `"'`)
		val := strings.TrimSpace(line[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(val, q) && strings.Count(val, q)%2 == 1 {
				inMultiline = q
			}
		}
		full := key
		if table != "" {
			full = table + "." + key
		}
		setLine(out, full, n)
		setLine(out, stripIndexes(full), n)
	}
	return out
}

func setLine(m map[string]int, key string, line int) {
	if _, ok := m[key]; !ok {
		m[key] = line
	}
}

func stripIndexes(key string) string {
	parts := strings.Split(key, ".")
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// fieldNames lists the dotted TOML keys a struct type accepts.
func fieldNames(t reflect.Type) []string {
	var out []string
	var walk func(t reflect.Type, prefix string, depth int)
	walk = func(t reflect.Type, prefix string, depth int) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || depth > 3 {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type, prefix, depth)
				continue
			}
			name := f.Tag.Get("toml")
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			out = append(out, prefix+name)
			walk(f.Type, prefix+name+".", depth+1)
		}
	}
	walk(t, "", 0)
	sort.Strings(out)
	return out
}

// topLevel returns the known keys at the same nesting level as key.
func topLevel(known []string, key string) []string {
	prefix := ""
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		prefix = key[:i+1]
	}
	var out []string
	for _, k := range known {
		if strings.HasPrefix(k, prefix) && !strings.Contains(k[len(prefix):], ".") {
			out = append(out, k[len(prefix):])
		}
	}
	return out
}

// suggest returns the known key closest to key, if it is close enough to be
// a typo.
func suggest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := levenshtein(key, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
