package worksheettest

import (
	"path/filepath"
	"testing"
)

// threadJS is the DOM-free red-thread, goal, area and comparison logic.
var threadJS = filepath.Join(repoRoot, "themes/default/static/js/ws-thread.js")

// threadFixture defines, in Node, a saksbehandling-like worksheet ws with
// two earlier levels (a samfunnsdel that defines goals and a
// kunnskapsgrunnlag), its index idx and an echoing string table S.
const threadFixture = `
const ws = {schema: 2, worksheet: "sak", title: "Sak", lang: "nb", contentVersion: "cv", goals: "assess", areas: true,
  scale: {id: "virkning", conflicts: true, options: [
    {code: "pos", label: "Positiv", meaning: "positive"}, {code: "neg", label: "Negativ", meaning: "negative"},
    {code: "begge", label: "Begge", meaning: "mixed"}, {code: "usikker", label: "Usikker", meaning: "unknown"}]},
  dimensions: [{id: "k", title: "Klima", themes: [
    {id: "natur", title: "Natur", questions: [{id: "natur-s", text: "Natur?"}], funding: [], methods: []},
    {id: "bolig", title: "Bolig", questions: [{id: "bolig-s", text: "Bolig?"}], funding: [], methods: []},
    {id: "klima", title: "Klima", questions: [{id: "klima-s", text: "Klima?"}], funding: [], methods: []}]}],
  levels: [
    {id: "kunnskap", title: "Kunnskapsgrunnlag", scale: {id: "kunnskap", conflicts: false, options: [
      {code: "finnes", label: "Finnes", meaning: "positive"}, {code: "mangler", label: "Mangler", meaning: "unknown"}]},
     themes: {natur: ["natur-k"]}},
    {id: "samf", title: "Samfunnsdel", goals: "define", scale: {id: "samfunnsdel", conflicts: true, options: [
      {code: "ivaretatt", label: "Ivaretatt", meaning: "positive"}, {code: "delvis", label: "Delvis", meaning: "mixed"},
      {code: "ikke", label: "Ikke ivaretatt", meaning: "negative"}]},
     themes: {natur: ["natur-1", "natur-2"], bolig: ["bolig-1"]}}]};
const idx = C.indexWorksheet(ws);
const S = new Proxy({}, {get: (o, k) => typeof k === "string" ? k + "{version}{other}{themes}{goals}{name}{level}{count}" : undefined});
const samf = {id: "v-samf1", name: "Samfunnsdel 2026", updated: "2026-01-05T10:00:00.000Z",
  answers: {"natur-1": {option: "ivaretatt", comment: "Myr vernes", question: "Er natur ivaretatt?"}, "natur-2": {option: "delvis", comment: ""},
    "bolig-1": {option: "ivaretatt", comment: "Boligmål"}},
  goals: [{id: "g-1", text: "Ingen nedbygging av myr"}, {id: "g-2", text: "200 nye boliger"}]};
const file = (o) => JSON.stringify(Object.assign({format: C.FORMAT, schema: 2, worksheet: "sak", name: "Sak 1"}, o));
`

// runThread evaluates expressions with ws-core.js as C and ws-thread.js as
// T loaded in one Node process (see runNode) and the threadFixture defined.
func runThread(t *testing.T, exprs []string) []string {
	t.Helper()
	return runNode(t, exprs, `const C = require(process.argv[1]); const T = require(process.argv[2]);`+threadFixture, coreJS, threadJS)
}

// TestThreadLogic checks the red-thread snapshot and flags, goals, the
// area table, the comparison and the schema-2 fields in files.
func TestThreadLogic(t *testing.T) {
	cases := []struct{ name, expr, want string }{
		// The red thread.
		{"snapshot keeps answers and the samfunnsdel's goals",
			`(s => [s.worksheet, s.name, Object.keys(s.answers).sort(), s.goals.map(g => g.id), s.goalsFrom])(T.snapshotOf(ws, "samf", samf))`,
			`["samf","Samfunnsdel 2026",["bolig-1","natur-1","natur-2"],["g-1","g-2"],"Samfunnsdel 2026"]`},
		{"goals pass on through a step without its own",
			`(s => [s.goals.length, s.goalsFrom])(T.snapshotOf(ws, "kunnskap", {id: "v-x", name: "HØP", answers: {}, thread: T.snapshotOf(ws, "samf", samf)}))`,
			`[2,"Samfunnsdel 2026"]`},
		{"snapshot of a later level is refused", `T.snapshotOf(ws, "sak", samf)`, `null`},
		{"positive earlier, negative now is flagged",
			`(v => [v.flagged, v.rows.map(r => r.id + ":" + r.earlier + ">" + r.now)])(T.threadView(ws, C.summarize(ws, idx, {"natur-s": {option: "neg"}, "bolig-s": {option: "pos"}}), T.snapshotOf(ws, "samf", samf)))`,
			`[["natur"],["natur:mixed>negative","bolig:positive>positive","klima:unanswered>unanswered"]]`},
		{"mixed now is not a weakening", `T.threadView(ws, C.summarize(ws, idx, {"natur-s": {option: "begge"}}), T.snapshotOf(ws, "samf", samf)).flagged`, `[]`},
		{"nothing positive earlier, nothing flagged",
			`T.threadView(ws, C.summarize(ws, idx, {"natur-s": {option: "neg"}}), T.snapshotOf(ws, "samf", {id: "v-a", name: "x", answers: {"natur-1": {option: "ikke"}}})).flagged`, `[]`},
		{"earlier answers beside the theme, with labels and comments",
			`T.threadView(ws, C.summarize(ws, idx, {}), T.snapshotOf(ws, "samf", samf)).rows[0].answers`,
			`[{"question":"Er natur ivaretatt?","label":"Ivaretatt","meaning":"positive","comment":"Myr vernes"},{"question":"natur-2","label":"Delvis","meaning":"mixed","comment":""}]`},
		{"theme not in the earlier level", `T.earlierText(S, T.threadView(ws, C.summarize(ws, idx, {}), T.snapshotOf(ws, "samf", samf)).rows[2])`, `"ws_rt_not_in_level{version}{other}{themes}{goals}{name}{level}{count}"`},
		{"earlier file of a later level is refused", `T.parseEarlier(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "sak"}), ws, S).errors[0].startsWith("ws_rt_not_earlier")`, `true`},
		{"earlier file newer schema is refused", `T.parseEarlier(JSON.stringify({format: C.FORMAT, schema: 99, worksheet: "samf"}), ws, S).errors[0].startsWith("ws_imp_newer")`, `true`},
		{"earlier file that is no JSON", `T.parseEarlier("{", ws, S).ok`, `false`},
		{"earlier file of schema 1 is read", `(r => [r.ok, r.thread.worksheet, Object.keys(r.thread.answers).length])(T.parseEarlier(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "samf", name: "Gammel", answers: {"natur-1": {option: "ivaretatt"}}}), ws, S))`, `[true,"samf",1]`},
		// Goals.
		{"goal rows pair goals with ratings",
			`T.goalRows({thread: T.snapshotOf(ws, "samf", samf), goalRatings: {"g-2": {effect: "weakens", comment: "For få"}}})`,
			`[{"id":"g-1","text":"Ingen nedbygging av myr","effect":"","comment":""},{"id":"g-2","text":"200 nye boliger","effect":"weakens","comment":"For få"}]`},
		{"no thread, no goals", `T.goalRows({})`, `[]`},
		// Files: the new fields survive a round trip; bad values are dropped and counted.
		{"round trip keeps thread, goals, ratings and areas",
			`(a => (b => C.toFile(ws, a, new Date(0)) === C.toFile(ws, b, new Date(0)) && ["goals", "thread", "goalRatings", "areas"].every(k => k in b))(C.parseFile(C.toFile(ws, a), ws, idx, S).assessment))(Object.assign(C.newAssessment(ws, "A"), {goals: [{id: "g-9", text: "Mål"}], thread: T.snapshotOf(ws, "samf", samf), goalRatings: {"g-1": {effect: "supports", comment: "Ja"}}, areas: [{id: "o-1", name: "Storvika", grades: {natur: "m2"}, notes: {natur: "Myr"}}]}))`,
			`true`},
		{"schema 1 file imports without new fields", `(r => [r.ok, "thread" in r.assessment, "goals" in r.assessment, r.notes.length])(C.parseFile(JSON.stringify({format: C.FORMAT, schema: 1, worksheet: "sak", answers: {"natur-s": {option: "pos"}}}), ws, idx, S))`, `[true,false,false,0]`},
		{"bad new fields are dropped and counted",
			`(r => [r.ok, r.assessment.goals, r.assessment.goalRatings["g-1"].effect, r.assessment.areas[0].grades, "thread" in r.assessment, r.notes.map(n => n.slice(-1))])(C.parseFile(file({goals: [{id: "g-1", text: "ok"}, {id: "<b>", text: "x"}, "tekst"], goalRatings: {"g-1": {effect: "supports"}, "g-2": {effect: "kanskje"}}, areas: [{id: "o-1", name: "A", grades: {natur: "m9", bolig: "p1"}}], thread: {worksheet: "ukjent"}}), ws, idx, S))`,
			`[true,[{"id":"g-1","text":"ok"}],"supports",{"bolig":"p1"},false,["5"]]`},
		{"proto keys in new fields", `(r => [Object.keys(r.assessment.goalRatings), ({}).effect === undefined])(C.parseFile('{"format":"baerekrafthjelperen-vurdering","schema":2,"worksheet":"sak","goalRatings":{"__proto__":{"effect":"supports"},"g-1":{"effect":"neutral"}}}', ws, idx, S))`, `[["g-1"],true]`},
		// Areas.
		{"area table with symbols",
			`T.areaTable(ws, {areas: [{id: "o-1", name: "Storvika", grades: {natur: "m3", bolig: "p2"}, notes: {natur: "Myr"}}, {id: "o-2", name: "Sentrum", grades: {natur: "0"}, notes: {}}]}).rows.map(r => r.id + " " + r.cells.map(c => c.symbol + c.note).join("|"))`,
			`["natur −−−Myr|0","bolig ++|·","klima ·|·"]`},
		// Comparison.
		{"compare marks changed answers and theme results",
			`(c => [c.changed, c.themes.filter(t => t.diff).map(t => t.id), c.questions.filter(q => q.diff).map(q => q.id)])(T.compare(ws, idx, {answers: {"natur-s": {option: "pos", comment: ""}, "bolig-s": {option: "neg", comment: "a"}}}, {answers: {"natur-s": {option: "neg", comment: ""}, "bolig-s": {option: "neg", comment: "b"}}}, S))`,
			`[2,["natur"],["natur-s","bolig-s"]]`},
		{"compare goal ratings and area grades",
			`(c => [c.goals.map(g => g.text + ": " + g.a + " | " + g.b + (g.diff ? " ≠" : "")), c.areas.filter(x => x.diff).map(x => x.area + "/" + x.theme + ": " + x.a + " | " + x.b)])(T.compare(ws, idx,
				{answers: {}, thread: T.snapshotOf(ws, "samf", samf), goalRatings: {"g-1": {effect: "weakens", comment: "Myr"}}, areas: [{id: "o-1", name: "B1", grades: {natur: "m3"}, notes: {natur: "Myr"}}]},
				{answers: {}, thread: T.snapshotOf(ws, "samf", samf), goalRatings: {"g-1": {effect: "supports", comment: ""}}, areas: [{id: "o-1", name: "B1", grades: {natur: "m1"}, notes: {}}, {id: "o-2", name: "B2", grades: {}, notes: {}}]}, S))`,
			`[["Ingen nedbygging av myr: − ws_goal_weakens{version}{other}{themes}{goals}{name}{level}{count} – Myr | + ws_goal_supports{version}{other}{themes}{goals}{name}{level}{count} ≠","200 nye boliger: ws_goal_open{version}{other}{themes}{goals}{name}{level}{count} | ws_goal_open{version}{other}{themes}{goals}{name}{level}{count}"],["B1/Natur: −−− ws_grade_m3{version}{other}{themes}{goals}{name}{level}{count} – Myr | − ws_grade_m1{version}{other}{themes}{goals}{name}{level}{count}","B2/Natur: – | · ws_grade_none{version}{other}{themes}{goals}{name}{level}{count}","B2/Bolig: – | · ws_grade_none{version}{other}{themes}{goals}{name}{level}{count}","B2/Klima: – | · ws_grade_none{version}{other}{themes}{goals}{name}{level}{count}"]]`},
		{"comparison without differing answers has no answer table",
			`T.compareBlocks(ws, idx, {name: "A", answers: {"natur-s": {option: "pos", comment: ""}}}, {name: "B", answers: {"natur-s": {option: "pos", comment: ""}}}, S).filter(b => b.h).map(b => b.text.slice(0, 13))`,
			`["ws_cmp_title{","ws_cmp_themes"]`},
		{"compare of equal assessments", `T.compare(ws, idx, {answers: {"natur-s": {option: "pos", comment: "x"}}}, {answers: {"natur-s": {option: "pos", comment: "x"}}}, S).changed`, `0`},
		// Report sections.
		{"report has the red thread, goals and area table",
			`C.reportBlocks(ws, idx, Object.assign(C.newAssessment(ws, "A"), {answers: {"natur-s": {option: "neg", comment: ""}}, thread: T.snapshotOf(ws, "samf", samf), goalRatings: {"g-1": {effect: "weakens", comment: "Myr"}}, areas: [{id: "o-1", name: "Storvika", grades: {natur: "m2"}, notes: {}}]}), S).filter(b => b.h === 2 || b.h === 3).map(b => b.text.slice(0, 12))`,
			// «Vurdering av bærekraft» (with a red-thread paragraph) comes first on every plan level.
			`["ws_vb_headin","Klima","ws_conflicts","ws_actions{v","ws_rt_headin","ws_summary{v","ws_conflicts","ws_actions{v","ws_gaps{vers","ws_rt_headin","ws_rt_table{","ws_goal_asse","ws_area_tabl","ws_answers{v","Klima"]`},
	}
	exprs := make([]string, len(cases))
	for i, c := range cases {
		exprs[i] = c.expr
	}
	got := runThread(t, exprs)
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("%s: %s\n got %s\nwant %s", c.name, c.expr, got[i], c.want)
		}
	}
}
