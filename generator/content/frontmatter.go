package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
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
				"invalid UTF-8 (byte 0x%02x); save the file as UTF-8", src[i])
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
			"missing front matter (expected a line with +++ at the top, then TOML fields, then +++)")
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
		"front matter is not closed (expected a line with +++ after the TOML fields)")
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
		errs.Add(tomlError(file, lineOffset, err))
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
		msg := fmt.Sprintf("unknown field %q", key)
		if s := suggest(key, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += fmt.Sprintf(" (expected one of: %s)", strings.Join(topLevel(known, key), ", "))
		}
		errs.Addf(diag.Position{File: file, Line: line + lineOffset, Col: 1}, "%s", msg)
	}
	// Shift the key lines to file lines.
	for k, l := range lines {
		lines[k] = l + lineOffset
	}
	return lines, errs
}

func tomlError(file string, lineOffset int, err error) *diag.Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line := pe.Position.Line
		if line == 0 {
			line = pe.Line
		}
		msg := pe.Message
		if pe.Usage != "" {
			msg += " (" + strings.Join(strings.Fields(firstSentence(pe.Usage)), " ") + ")"
		}
		return &diag.Error{Pos: diag.Position{File: file, Line: line + lineOffset, Col: pe.Position.Col},
			Msg: "TOML: " + msg, Err: err}
	}
	// Type mismatches come without a position; name the key if we can.
	return &diag.Error{Pos: diag.Position{File: file, Line: lineOffset + 1}, Msg: "TOML: " + err.Error(), Err: err}
}

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n\n"); i > 0 {
		s = s[:i]
	}
	return s
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
