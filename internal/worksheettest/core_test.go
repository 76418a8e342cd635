package worksheettest

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// coreJS is the DOM-free worksheet logic under test.
var coreJS = filepath.Join(repoRoot, "themes/default/static/js/ws-core.js")

// runCore evaluates JavaScript expressions with ws-core.js loaded as C and
// a small made-up worksheet as ws, in one Node process, and returns each
// result as JSON (or "ERR: ...").
func runCore(t *testing.T, exprs []string) []string {
	t.Helper()
	return runCoreOn(t, testWorksheet, exprs)
}

// runCoreOn evaluates expressions after prelude (which defines ws), with
// ws-core.js loaded as C, idx indexing ws and S a proxy that returns each
// string's key and placeholders.
func runCoreOn(t *testing.T, prelude string, exprs []string) []string {
	t.Helper()
	return runNode(t, exprs, "const C = require(process.argv[1]);\n"+prelude+`
const idx = C.indexWorksheet(ws);
const S = new Proxy({}, {get: (o, k) => typeof k === "string" ? k + "{version}{other}{code}{question}{count}" : undefined});
const b64 = u => Buffer.from(u).toString("base64");`, coreJS)
}

// runNode runs prelude in Node with files as process.argv[1:], then
// evaluates each expression and returns its result as JSON (or "ERR: ...").
func runNode(t *testing.T, exprs []string, prelude string, files ...string) []string {
	t.Helper()
	browsertest.SkipShort(t, "Node.js")
	node, err := exec.LookPath("node")
	if err != nil {
		browsertest.SkipOrFail(t, "Node.js is not installed; the worksheet script unit tests need it (apt-get install nodejs)")
	}
	in, _ := json.Marshal(exprs)
	script := prelude + `
const out = JSON.parse(require("fs").readFileSync(0, "utf8")).map(e => { try { return JSON.stringify(eval(e)); } catch (err) { return "ERR: " + err.message; } });
process.stdout.write(JSON.stringify(out));`
	cmd := exec.Command(node, append([]string{"-e", script}, files...)...)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var out []string
	if err := json.Unmarshal(outb, &out); err != nil {
		t.Fatalf("node output %q: %v", outb, err)
	}
	return out
}

// testWorksheet defines ws: three themes in two dimensions, with declared
// goal conflicts a–b and a–c.
const testWorksheet = `const ws = {schema: 2, worksheet: "w", title: "W", lang: "nb", contentVersion: "cv", scale: {id: "s", options: [
  {code: "pos", label: "Positiv", meaning: "positive"}, {code: "neg", label: "Negativ", meaning: "negative"},
  {code: "mix", label: "Begge", meaning: "mixed"}, {code: "usikker", label: "Usikker", meaning: "unknown"}]},
  dimensions: [{id: "k", title: "Klima", themes: [
    {id: "a", title: "A", questions: [{id: "a1", text: "A1?"}, {id: "a2", text: "A2?"}], funding: [], methods: []},
    {id: "b", title: "B", questions: [{id: "b1", text: "B1?"}], funding: [], methods: []}]},
  {id: "s", title: "Sosial", themes: [{id: "c", title: "C", questions: [{id: "c1", text: "C1?"}], funding: [], methods: []}]}],
  conflicts: [{themes: ["a", "b"], reason: "R1"}, {themes: ["c", "a"], reason: "R2", dilemma: {title: "D", url: "d.html"}}]};`

// TestCoreLogic checks scale meanings, conflict detection, CSV quoting,
// CRC-32 and import validation in ws-core.js.
func TestCoreLogic(t *testing.T) {
	cases := []struct{ name, expr, want string }{
		{"meaning of a code", `C.meaningOf(idx, "neg")`, `"negative"`},
		{"meaning of an unknown code", `C.meaningOf(idx, "x")`, `""`},
		{"meaning of no answer", `C.meaningOf(idx, "")`, `""`},
		{"result positive", `C.themeResult({positive: 2, negative: 0, mixed: 0, unknown: 1, none: 0, not_relevant: 0})`, `"positive"`},
		{"result both is mixed", `C.themeResult({positive: 1, negative: 1, mixed: 0, unknown: 0, none: 0, not_relevant: 0})`, `"mixed"`},
		{"result unanswered", `C.themeResult({positive: 0, negative: 0, mixed: 0, unknown: 0, none: 0, not_relevant: 0})`, `"unanswered"`},
		{"no conflicts when both improve", `C.summarize(ws, idx, {a1: {option: "pos"}, b1: {option: "pos"}}).conflicts`, `[]`},
		{"conflict in a dimension", `C.summarize(ws, idx, {a1: {option: "pos"}, b1: {option: "neg"}}).conflicts.map(c => [c.key, c.improved, c.weakened, c.legacy, c.across, c.reason])`, `[["a>b","a","b","a|b",false,"R1"]]`},
		{"weakened first, across, with dilemma", `C.summarize(ws, idx, {a1: {option: "neg"}, c1: {option: "pos"}}).conflicts.map(c => [c.key, c.legacy, c.across, c.dilemma.url])`, `[["c>a","a|c",true,"d.html"]]`},
		{"undeclared pair is no conflict", `C.summarize(ws, idx, {b1: {option: "pos"}, c1: {option: "neg"}}).conflicts`, `[]`},
		{"mixed counts on neither side", `C.summarize(ws, idx, {a1: {option: "mix"}, b1: {option: "neg"}, c1: {option: "mix"}}).conflicts`, `[]`},
		{"both directions, grouped by weakened theme", `C.summarize(ws, idx, {a1: {option: "pos"}, a2: {option: "neg"}, b1: {option: "neg"}, c1: {option: "pos"}}).groups.map(g => g.theme + ":" + g.items.map(c => c.improved).join(","))`, `["a:c","b:a"]`},
		{"summary gaps, actions, obsolete, bad codes", `(s => [s.answered, s.total, s.conflicts.map(c => c.key), s.gaps, s.actions, s.obsolete, s.badCodes, s.themes.a.result])(C.summarize(ws, idx, {a1: {option: "pos"}, a2: {option: "usikker"}, b1: {option: "neg"}, c1: {option: "mix"}, old: {option: "pos"}}))`,
			`[4,4,["a>b"],["a2"],["a2","b1","c1"],["old"],[],"positive"]`},
		{"schema 1 decision applies to the pair", `(a => C.decisionOf(a, C.summarize(ws, idx, {a1: {option: "neg"}, b1: {option: "pos"}}).conflicts[0]))({conflicts: {"a|b": {handling: "study", note: "N"}}})`, `{"handling":"study","note":"N"}`},
		{"unmatched old decisions are kept", `(a => C.legacyDecisions(a, C.summarize(ws, idx, a.answers), idx).map(o => o.key + "=" + o.a + "/" + o.b))({answers: {}, conflicts: {"b|c": {handling: "", note: "N"}}})`, `["b|c=B/C"]`},
		{"sentences do not double punctuation", `C.sentences(["Hva nå?", "Ja", "", "Slik."])`, `"Hva nå? Ja. Slik."`},
		{"date in nynorsk without Intl", `C.formatDate(new Date(2026, 11, 2), "nn")`, `"2. desember 2026"`},
		{"scale without conflicts", `C.summarize(Object.assign({}, ws, {scale: Object.assign({}, ws.scale, {conflicts: false})}), idx, {a1: {option: "pos"}, b1: {option: "neg"}}).conflicts.length`, `0`},
		{"bad code is unanswered", `(s => [s.answered, s.badCodes])(C.summarize(ws, idx, {a1: {option: "gammel"}}))`, `[0,["a1"]]`},
		{"csv plain", `C.csvField("Bolig")`, `"Bolig"`},
		{"csv separator", `C.csvField("a;b")`, `"\"a;b\""`},
		{"csv quotes", `C.csvField('si "hei"')`, `"\"si \"\"hei\"\"\""`},
		{"csv newline", `C.csvField("a\nb")`, `"\"a\nb\""`},
		{"csv edge space", `C.csvField(" a")`, `"\" a\""`},
		{"csv formula", `C.csvField("=SUM(A1)")`, `"'=SUM(A1)"`},
		{"csv rows", `C.csv([["a", "b;c"], ["1", ""]])`, "\"\ufeffa;\\\"b;c\\\"\\r\\n1;\\r\\n\""},
		{"crc32 check value", `C.crc32(C.utf8("123456789"))`, `3421780262`},
		{"crc32 empty", `C.crc32(new Uint8Array(0))`, `0`},
		{"xml escape and control chars", `C.xml("<a & \"b\">\u0001\ud800")`, `"&lt;a &amp; &quot;b&quot;&gt;"`},
		{"file name", `C.fileName("Sak 2025/117: Storvika?", new Date(2025, 0, 5), "docx")`, `"Sak-2025-117-Storvika-2025-01-05.docx"`},
		{"file name empty", `C.fileName("  ", new Date(2025, 10, 26), "csv")`, `"vurdering-2025-11-26.csv"`},
		{"import newer schema", `C.parseFile(JSON.stringify({format: C.FORMAT, schema: 99, worksheet: "w"}), ws, idx, S).errors[0].startsWith("ws_imp_newer99")`, `true`},
		{"import other worksheet", `C.parseFile(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "x"}), ws, idx, S).errors[0].startsWith("ws_imp_other_worksheet")`, `true`},
		{"import truncated", `C.parseFile('{"format":', ws, idx, S).ok`, `false`},
		{"import keeps obsolete, reports bad code", `(r => [r.ok, Object.keys(r.assessment.answers).sort(), r.notes.length])(C.parseFile(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "w", answers: {a1: {option: "gammel"}, old: {option: "pos"}}}), ws, idx, S))`, `[true,["a1","old"],2]`},
		{"import refuses deep nesting", `C.parseFile('{"a":' + "[".repeat(100) + "]".repeat(100) + "}", ws, idx, S).errors[0].startsWith("ws_imp_not_assessment")`, `true`},
		{"import: brackets in strings are text", `C.parseFile(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "w", name: "[{".repeat(200) + '\\"'}), ws, idx, S).ok`, `true`},
		{"import caps entries in total", `Object.keys(C.parseFile(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "w", conflicts: Object.fromEntries([...Array(20005)].map((_, i) => ["a" + i + "|b" + i, {handling: "study"}]))}), ws, idx, S).assessment.conflicts).length`, `20000`},
		{"import names five unknown questions and counts the rest", `C.parseFile(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "w", answers: Object.fromEntries([...Array(7)].map((_, i) => ["x" + i, {option: "pos"}]))}), ws, idx, S).notes.length`, `6`},
		{"import actions and decisions, drop bad values", `(r => [r.ok, r.assessment.actions, r.assessment.conflicts, r.notes.length])(C.parseFile(JSON.stringify({format: C.FORMAT, schema: 2, worksheet: "w",
			actions: {b1: {size: "stor", measure: "M", owner: "O", due: "D"}, c1: {size: "enorm"}, "x y": {measure: "M"}},
			conflicts: {"a>b": {status: "confirmed", weighs: "b", note: "W"}, "a>c": {status: "kanskje", weighs: "b"}}}), ws, idx, S))`,
			`[true,{"b1":{"size":"stor","measure":"M","owner":"O","due":"D"}},{"a>b":{"status":"confirmed","weighs":"b","handling":"","note":"W"}},1]`},
		{"import proto keys", `(r => [r.ok, Object.keys(r.assessment.answers), ({}).option === undefined])(C.parseFile('{"format":"baerekrafthjelperen-vurdering","schema":1,"worksheet":"w","answers":{"__proto__":{"option":"pos"},"a1":{"option":"pos"}}}', ws, idx, S))`, `[true,["a1"],true]`},
	}
	exprs := make([]string, len(cases))
	for i, c := range cases {
		exprs[i] = c.expr
	}
	got := runCore(t, exprs)
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("%s: %s\n got %s\nwant %s", c.name, c.expr, got[i], c.want)
		}
	}
}

// TestZip checks the ZIP writer with Go's archive/zip, including CRCs,
// entry order, stored method and no extra fields.
func TestZip(t *testing.T) {
	got := runCore(t, []string{
		`b64(C.zip([{name: "mimetype", data: "application/vnd.oasis.opendocument.text"}, {name: "mappe/æøå.txt", data: "hei\n"}, {name: "tom", data: ""}]))`,
		`b64(C.docx([{h: 1, text: "Tittel"}, {p: "a\nb"}, {table: {head: ["x", "y"], rows: [["1", "<2>"]]}}, {list: ["l"]}], "nb"))`,
	})
	for i, want := range [][]string{{"mimetype", "mappe/æøå.txt", "tom"}, {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footer1.xml"}} {
		var s string
		json.Unmarshal([]byte(got[i]), &s)
		data, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("archive %d: %v", i, err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			if f.Method != zip.Store || len(f.Extra) != 0 {
				t.Errorf("%s: method %d, extra %d bytes", f.Name, f.Method, len(f.Extra))
			}
			rc, _ := f.Open()
			if _, err := io.ReadAll(rc); err != nil {
				t.Errorf("%s: %v", f.Name, err)
			}
		}
		if strings.Join(names, ",") != strings.Join(want, ",") {
			t.Errorf("entries %v, want %v", names, want)
		}
	}
}
