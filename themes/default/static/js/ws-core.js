// Worksheet core: everything about assessments that needs no DOM.
//
// Scale meanings, progress and summary counts, goal-conflict detection,
// validation of stored and imported assessments, the report model and the
// file formats (CSV, Markdown, DOCX, ODT with a small ZIP writer). The UI in
// worksheet.parts/*.js calls these; the Go tests run them in Node and Chromium.
//
// Classic script (ES modules do not load from file:// in Chromium). It
// defines window.HjelperenWS, or module.exports under Node.
(function (root) {
  "use strict";

  // The version of the assessment files is not set here: it is
  // render.WorksheetSchema in the generator, carried in the worksheet data
  // as ws.schema (one place to raise it).
  /** The "format" field that marks an assessment file. */
  var FORMAT = "baerekrafthjelperen-vurdering";
  /** Imports larger than this are refused before they are read. */
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var MAX_TEXT = 20000; // longest comment or note kept
  var MAX_NAME = 200;
  var MAX_ENTRIES = 20000;
  var MAX_NOTES = 5; // notes of one kind named in an import's report
  var MAX_DEPTH = 64; // deepest nesting of brackets in an imported file
  /** The meanings a scale option can have, in report order. */
  var MEANINGS = ["positive", "negative", "mixed", "none", "unknown", "not_relevant"];
  /** Counted columns: the meanings plus questions not answered. */
  var COLUMNS = MEANINGS.concat(["unanswered"]);
  /** Symbols that go with each state, so colour is never the only cue. */
  var SYMBOLS = { positive: "+", negative: "−", mixed: "±", none: "0", unknown: "?", not_relevant: "/", unanswered: "·" };
  /** How a goal conflict is handled. */
  var HANDLING = ["decision", "study", "politics"];
  /** Whether the user confirms a goal-conflict candidate or dismisses it. */
  var STATUS = ["confirmed", "dismissed"];
  /** Size of the effect of a weakness. */
  var SIZES = ["liten", "middels", "stor"];
  var ID_RE = /^[a-z0-9][a-z0-9-]{0,99}$/;
  // "a|b": a pair saved by schema 1; "a>b": improved > weakened (schema 2).
  var CONFLICT_RE = /^([a-z0-9][a-z0-9-]{0,99})[|>]([a-z0-9][a-z0-9-]{0,99})$/;
  var MAX_SHORT = 200; // responsible, deadline

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  /**
   * Extensions add optional parts of an assessment (ws-thread.js: the red
   * thread, goals and areas). Each may have normalize(raw, a, ctx) to copy
   * its fields, file(a, out) to write them, report(blocks, ctx) and
   * saksframlegg(sections, ctx) to add sections; ctx is {ws, idx, S, a,
   * sum, fromFile, drop(n)}.
   */
  var extensions = [];
  function extend(ext) { extensions.push(ext); }
  function runExt(name, args) {
    extensions.forEach(function (e) { if (e[name]) e[name].apply(null, args); });
  }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function dict() { return Object.create(null); }

  /** fmt replaces {name} placeholders in s with vars[name]. */
  function fmt(s, vars) {
    return String(s == null ? "" : s).replace(/\{(\w+)\}/g, function (m, k) {
      return vars && own(vars, k) ? String(vars[k]) : m;
    });
  }

  /** joinList writes "a, b og c" with the language's word for "and". */
  function joinList(items, and) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " " + (and || "og") + " " + items[items.length - 1];
  }

  /**
   * indexWorksheet builds lookup tables for the embedded worksheet data:
   * questions, themes and options by their stable codes.
   */
  function indexWorksheet(ws) {
    var idx = { questions: dict(), themes: dict(), options: dict(), order: [], themeOrder: [] };
    (ws.scale.options || []).forEach(function (o) { idx.options[o.code] = o; });
    ws.dimensions.forEach(function (d, di) {
      d.themes.forEach(function (t) {
        idx.themes[t.id] = { theme: t, dim: d, dimIndex: di };
        idx.themeOrder.push(t.id);
        t.questions.forEach(function (q) {
          idx.questions[q.id] = { q: q, theme: t, dim: d };
          idx.order.push(q.id);
        });
      });
    });
    return idx;
  }

  /** meaningOf returns the meaning of an option code, or "" if unknown. */
  function meaningOf(idx, code) {
    var o = code ? idx.options[code] : null;
    return o ? o.meaning : "";
  }

  function emptyCounts() {
    var c = {};
    COLUMNS.forEach(function (m) { c[m] = 0; });
    return c;
  }

  /**
   * themeResult reduces a theme's counts to one state. A theme with both
   * positive and negative effects (or a mixed answer) is "mixed"; then
   * negative, positive, unknown, none and not relevant, in that order.
   */
  function themeResult(c) {
    var pos = c.positive > 0, neg = c.negative > 0;
    if (c.mixed > 0 || (pos && neg)) return "mixed";
    if (neg) return "negative";
    if (pos) return "positive";
    if (c.unknown > 0) return "unknown";
    if (c.none > 0) return "none";
    if (c.not_relevant > 0) return "not_relevant";
    return "unanswered";
  }

  /**
   * findConflicts lists the goal-conflict candidates of an assessment. A
   * candidate needs a reason: the two themes are declared as a pair that
   * typically pulls apart (ws.conflicts, from content/data/malkonflikter.toml),
   * and in this assessment one of them has an answer meaning "positive"
   * (improved) while the other has one meaning "negative" (weakened).
   * Mixed («delvis», «begge») and unknown answers count on neither side;
   * they go to the action list instead. Both directions of a pair can be
   * candidates. The result is grouped by the weakened theme, in worksheet
   * order, then by the improved theme. See docs/goal-conflicts.md.
   * flags: {themeID: {pos, neg, order, dim}}.
   */
  function findConflicts(pairs, flags) {
    var out = [];
    (pairs || []).forEach(function (p) {
      var a = flags[p.themes[0]], b = flags[p.themes[1]];
      if (!a || !b) return;
      [[a, b], [b, a]].forEach(function (ab) {
        var imp = ab[0], weak = ab[1];
        if (!imp.pos || !weak.neg) return;
        out.push({
          key: imp.id + ">" + weak.id, improved: imp.id, weakened: weak.id, a: imp.id, b: weak.id, across: imp.dim !== weak.dim,
          legacy: imp.order < weak.order ? imp.id + "|" + weak.id : weak.id + "|" + imp.id,
          reason: p.reason || "", dilemma: p.dilemma || null, sort: weak.order * 1000 + imp.order
        });
      });
    });
    return out.sort(function (x, y) { return x.sort - y.sort; });
  }

  /** groupConflicts groups candidates by the weakened theme: [{theme, items}]. */
  function groupConflicts(list) {
    var out = [], by = dict();
    list.forEach(function (c) {
      if (!by[c.weakened]) { by[c.weakened] = { theme: c.weakened, items: [] }; out.push(by[c.weakened]); }
      by[c.weakened].items.push(c);
    });
    return out;
  }

  /**
   * decisionOf returns the user's assessment of a candidate: the entry
   * under its key, or one saved by schema 1 under the unordered "a|b" key
   * (which then applies to both directions). Returns null if there is none.
   */
  function decisionOf(a, c) {
    return a.conflicts[c.key] || a.conflicts[c.legacy] || null;
  }

  /**
   * needsAction reports whether an answer's meaning is a weakness or a gap
   * that can carry an action: negative, mixed or unknown.
   */
  function needsAction(m) { return m === "negative" || m === "mixed" || m === "unknown"; }

  /**
   * suggestionsFor returns the funding and method suggestions for a
   * question: its own lists where content gives them
   * (content/data/tiltaksforslag.toml), else the theme's.
   */
  function suggestionsFor(idx, qid) {
    var e = idx.questions[qid], sg = e.q.suggest || {};
    return {
      funding: sg.funding != null ? sg.funding : e.theme.funding,
      methods: sg.methods != null ? sg.methods : e.theme.methods
    };
  }

  /**
   * summarize counts the answers of an assessment: per theme, per dimension
   * and in total, with theme results, goal-conflict candidates, answers
   * that need an action (actions), knowledge gaps, answers to questions
   * that no longer exist (obsolete) and answers whose option code is not in
   * the scale (badCodes). O(questions + declared pairs).
   */
  function summarize(ws, idx, answers) {
    var s = { total: 0, answered: 0, counts: emptyCounts(), dims: [], themes: dict(), conflicts: [], groups: [], actions: [], gaps: [], obsolete: [], badCodes: [] };
    var flags = dict(), order = 0;
    ws.dimensions.forEach(function (d) {
      var ds = { id: d.id, title: d.title, total: 0, answered: 0, counts: emptyCounts(), themes: [] };
      d.themes.forEach(function (t) {
        var ts = { id: t.id, title: t.title, dim: d.id, total: 0, answered: 0, counts: emptyCounts() };
        t.questions.forEach(function (q) {
          var a = answers[q.id];
          var m = a ? meaningOf(idx, a.option) : "";
          if (a && a.option && !m) s.badCodes.push(q.id);
          ts.total++;
          if (m) { ts.answered++; ts.counts[m]++; } else ts.counts.unanswered++;
          if (m === "unknown") s.gaps.push(q.id);
          if (needsAction(m)) s.actions.push(q.id);
        });
        ts.result = themeResult(ts.counts);
        COLUMNS.forEach(function (k) { ds.counts[k] += ts.counts[k]; });
        ds.total += ts.total; ds.answered += ts.answered;
        s.themes[t.id] = ts;
        ds.themes.push(ts);
        flags[t.id] = { id: t.id, dim: d.id, order: order++, pos: ts.counts.positive > 0, neg: ts.counts.negative > 0 };
      });
      COLUMNS.forEach(function (k) { s.counts[k] += ds.counts[k]; });
      s.total += ds.total; s.answered += ds.answered;
      s.dims.push(ds);
    });
    Object.keys(answers).forEach(function (qid) { if (!idx.questions[qid]) s.obsolete.push(qid); });
    // Some scales (plan need, follow-up) have no harmful effects to weigh,
    // so a positive and a negative answer there is no goal conflict.
    s.conflicts = ws.scale.conflicts === false ? [] : findConflicts(ws.conflicts, flags);
    s.groups = groupConflicts(s.conflicts);
    return s;
  }

  /**
   * legacyDecisions lists the saved conflict assessments (schema 1 keys
   * "a|b") that match no candidate now, so they are shown and exported
   * rather than lost: [{key, a, b, decision}].
   */
  function legacyDecisions(a, sum, idx) {
    var used = dict();
    sum.conflicts.forEach(function (c) { used[c.key] = true; used[c.legacy] = true; });
    return Object.keys(a.conflicts).filter(function (k) { return !used[k]; }).sort().map(function (k) {
      var ids = k.split(/[|>]/);
      var title = function (id) { return idx.themes[id] ? idx.themes[id].theme.title : id; };
      return { key: k, a: title(ids[0]), b: title(ids[1]), decision: a.conflicts[k] };
    });
  }

  // ---------------------------------------------------------------------
  // Assessments: creation, validation of stored and imported data.

  /** newId returns a random assessment ID. */
  function newId() {
    var r = "";
    try {
      var b = new Uint8Array(8);
      root.crypto.getRandomValues(b);
      for (var i = 0; i < b.length; i++) r += (b[i] + 256).toString(16).slice(1);
    } catch (e) {
      r = Math.random().toString(16).slice(2, 18);
    }
    return "v-" + r;
  }

  /** newAssessment returns an empty assessment for the worksheet. */
  function newAssessment(ws, name, now) {
    var t = (now || new Date()).toISOString();
    return { id: newId(), name: name, created: t, updated: t, answers: dict(), conflicts: dict(), todo: dict(), actions: dict() };
  }

  function cleanText(v, max) {
    if (typeof v !== "string") return "";
    // Drop control characters (except tab and newlines) and lone surrogates,
    // which would make the XML exports invalid.
    v = v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "$1");
    return v.length > max ? v.slice(0, max) : v;
  }
  function cleanDate(v) {
    return typeof v === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) ? v : "";
  }

  /**
   * normalize validates an assessment read from storage or a file and
   * returns {ok, assessment, errors, notes}. It never trusts the input:
   * only known fields of the right type are copied into objects without
   * prototypes, IDs must look like IDs, texts are strings of bounded
   * length. errors are reasons to refuse the whole file; notes say what was
   * kept, dropped or needs the user's attention. Messages are plain text
   * built from S (the ws_ strings).
   */
  function normalize(raw, ws, idx, S, fromFile) {
    var errors = [], notes = [];
    var res = { ok: false, assessment: null, errors: errors, notes: notes };
    if (!isObj(raw)) { errors.push(S.ws_imp_not_assessment); return res; }
    if (fromFile) {
      if (raw.format !== FORMAT) { errors.push(S.ws_imp_not_assessment); return res; }
      if (typeof raw.schema !== "number" || raw.schema !== Math.floor(raw.schema) || raw.schema < 1) {
        errors.push(S.ws_imp_not_assessment); return res;
      }
      if (raw.schema > ws.schema) { errors.push(fmt(S.ws_imp_newer, { version: raw.schema, supported: ws.schema })); return res; }
      if (raw.worksheet !== ws.worksheet) {
        errors.push(fmt(S.ws_imp_other_worksheet, { other: cleanText(String(raw.worksheet), 100), current: ws.title }));
        return res;
      }
    }
    var now = new Date().toISOString();
    var a = {
      id: typeof raw.id === "string" && /^v-[a-z0-9-]{1,64}$/.test(raw.id) ? raw.id : newId(),
      name: cleanText(raw.name, MAX_NAME).trim() || S.ws_untitled,
      created: cleanDate(raw.created) || now,
      updated: cleanDate(raw.updated) || now,
      answers: dict(), conflicts: dict(), todo: dict(), actions: dict()
    };
    var dropped = 0, count = 0, obsolete = 0, badCodes = 0;
    if (raw.answers !== undefined && !isObj(raw.answers)) { errors.push(S.ws_imp_bad_answers); return res; }
    var answers = raw.answers || {};
    Object.keys(answers).forEach(function (qid) {
      var v = answers[qid];
      if (++count > MAX_ENTRIES || !ID_RE.test(qid) || !isObj(v)) { dropped++; return; }
      var option = typeof v.option === "string" && ID_RE.test(v.option) ? v.option : "";
      if (v.option !== undefined && v.option !== "" && !option) dropped++;
      var entry = { option: option, comment: cleanText(v.comment, MAX_TEXT) };
      var q = cleanText(v.question, 2000);
      if (q) entry.question = q;
      if (!entry.option && !entry.comment) return;
      a.answers[qid] = entry;
      if (!fromFile) return;
      if (!idx.questions[qid]) {
        if (++obsolete <= MAX_NOTES) notes.push(fmt(S.ws_imp_obsolete, { question: q || qid }));
      } else if (option && !idx.options[option]) {
        if (++badCodes <= MAX_NOTES) notes.push(fmt(S.ws_imp_bad_code, { code: option, question: idx.questions[qid].q.text }));
      }
    });
    // A file can hold thousands of unknown questions: the first few are
    // named, the rest counted.
    if (obsolete > MAX_NOTES) notes.push(fmt(S.ws_imp_obsolete_more, { count: obsolete - MAX_NOTES }));
    if (badCodes > MAX_NOTES) notes.push(fmt(S.ws_imp_bad_code_more, { count: badCodes - MAX_NOTES }));
    if (isObj(raw.conflicts)) {
      Object.keys(raw.conflicts).forEach(function (k) {
        var e = ++count > MAX_ENTRIES ? null : cleanDecision(k, raw.conflicts[k]);
        if (e) a.conflicts[k] = e; else if (e === null) dropped++;
      });
    } else if (raw.conflicts !== undefined) dropped++;
    if (isObj(raw.actions)) {
      Object.keys(raw.actions).forEach(function (k) {
        var e = ++count <= MAX_ENTRIES && ID_RE.test(k) ? cleanAction(raw.actions[k]) : null;
        if (e) a.actions[k] = e; else if (e === null) dropped++;
      });
    } else if (raw.actions !== undefined) dropped++;
    if (isObj(raw.todo)) {
      Object.keys(raw.todo).forEach(function (k) {
        if (++count <= MAX_ENTRIES && ID_RE.test(k) && raw.todo[k] === true) a.todo[k] = true; else dropped++;
      });
    } else if (raw.todo !== undefined) dropped++;
    runExt("normalize", [raw, a, { ws: ws, idx: idx, S: S, fromFile: fromFile, drop: function (n) { dropped += n; } }]);
    if (fromFile) {
      if (dropped) notes.push(fmt(S.ws_imp_dropped, { count: dropped }));
      if (typeof raw.contentVersion === "string" && raw.contentVersion !== ws.contentVersion) notes.push(S.ws_imp_changed);
    }
    res.ok = true;
    res.assessment = a;
    return res;
  }

  /**
   * cleanDecision validates one saved goal-conflict assessment: {status,
   * weighs (one of the pair's theme IDs), handling, note}. Schema 1 had
   * only handling and note. Returns the entry, false if it is empty, or
   * null if it is malformed.
   */
  function cleanDecision(k, v) {
    var m = CONFLICT_RE.exec(k);
    if (!m || !isObj(v)) return null;
    var e = {
      status: STATUS.indexOf(v.status) >= 0 ? v.status : "",
      weighs: v.weighs === m[1] || v.weighs === m[2] ? v.weighs : "",
      handling: HANDLING.indexOf(v.handling) >= 0 ? v.handling : "",
      note: cleanText(v.note, MAX_TEXT)
    };
    return e.status || e.weighs || e.handling || e.note ? e : false;
  }

  /**
   * cleanAction validates the action on a weak answer: {size, measure,
   * owner, due}. Returns the entry, false if it is empty, or null if it is
   * not an object.
   */
  function cleanAction(v) {
    if (!isObj(v)) return null;
    var e = {
      size: SIZES.indexOf(v.size) >= 0 ? v.size : "",
      measure: cleanText(v.measure, MAX_TEXT),
      owner: cleanText(v.owner, MAX_SHORT),
      due: cleanText(v.due, MAX_SHORT)
    };
    return e.size || e.measure || e.owner || e.due ? e : false;
  }

  function sortedCopy(o, f) {
    var out = {};
    Object.keys(o || {}).sort().forEach(function (k) { out[k] = f ? f(o[k]) : o[k]; });
    return out;
  }

  /** toFile returns the JSON file content of an assessment. */
  function toFile(ws, a, now) {
    var out = {
      format: FORMAT, schema: ws.schema, worksheet: ws.worksheet, contentVersion: ws.contentVersion,
      scale: ws.scale.id, exported: (now || new Date()).toISOString(),
      id: a.id, name: a.name, created: a.created, updated: a.updated,
      answers: sortedCopy(a.answers), conflicts: sortedCopy(a.conflicts), todo: sortedCopy(a.todo, function () { return true; }),
      actions: sortedCopy(a.actions)
    };
    runExt("file", [a, out]);
    return JSON.stringify(out, null, 2) + "\n";
  }

  /** parseFile parses and validates the text of an "Åpne fil" import. */
  function parseFile(text, ws, idx, S) {
    var raw;
    // An assessment is an object a few levels deep; a crafted file of
    // millions of nested brackets would keep JSON.parse busy for seconds.
    if (!/^\s*\{/.test(text) || nesting(text) > MAX_DEPTH) return { ok: false, errors: [S.ws_imp_not_assessment], notes: [] };
    try { raw = JSON.parse(text); } catch (e) {
      return { ok: false, errors: [S.ws_imp_not_json], notes: [] };
    }
    return normalize(raw, ws, idx, S, true);
  }

  /** nesting returns how deep brackets nest in JSON text, outside strings (stops counting past MAX_DEPTH). */
  function nesting(text) {
    var depth = 0, max = 0, inString = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++; // backslash: skip the escaped character
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) { if (++depth > max && (max = depth) > MAX_DEPTH) return max; }
      else if (c === 125 || c === 93) depth--;
    }
    return max;
  }

  /** fileName builds "Name-2025-11-26.ext" from an assessment name. */
  function fileName(name, date, ext) {
    var base = String(name || "").normalize("NFC").replace(/[\\/:*?"<>|\u0000-\u001F\u007F]+/g, "-")
      .replace(/\s+/g, "-").replace(/-{2,}/g, "-").replace(/^[-.]+|[-.]+$/g, "").slice(0, 80) || "vurdering";
    var d = date || new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return base + "-" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "." + ext;
  }

  // ---------------------------------------------------------------------
  // The report: one model rendered as DOCX, ODT and Markdown.

  /** label of a meaning or result in the page's language. */
  function stateLabel(S, m) { return S["ws_m_" + m] || m; }

  /** withDefaults returns a with the maps an older caller may lack. */
  function withDefaults(a) {
    return a.actions && a.conflicts && a.todo ? a : Object.assign({}, a, { actions: a.actions || {}, conflicts: a.conflicts || {}, todo: a.todo || {} });
  }

  /** sentence ends a text with a full stop unless it ends with punctuation. */
  function sentence(t) {
    t = String(t == null ? "" : t).trim();
    return !t || /[.!?…:;]["»”')]?$/.test(t) ? t : t + ".";
  }
  /** sentences joins the non-empty parts as sentences. */
  function sentences(parts) {
    return parts.filter(function (p) { return p && String(p).trim(); }).map(sentence).join(" ");
  }

  function themeTitle(idx, id) { return idx.themes[id] ? idx.themes[id].theme.title : id; }

  /**
   * assessmentText writes «Vurdering av bærekraft», a ready text for the
   * saksframlegg or the planbeskrivelse: [{heading, paragraphs}]. The
   * opening names what was assessed at this plan level; then one paragraph
   * per dimension, the goal conflicts the user confirmed (with what weighs
   * most and why), the actions and the knowledge gaps.
   */
  function assessmentText(ws, idx, sum, a, S) {
    a = withDefaults(a);
    var out = [{ heading: "", paragraphs: [fmt(S.ws_vb_intro, {
      object: S["ws_vb_object_" + ws.worksheet] || S.ws_vb_object, count: Object.keys(sum.themes).length,
      worksheet: ws.title, answered: sum.answered, total: sum.total
    })] }];
    var pre = ws.worksheet === "saksbehandling" ? "ws_sf_" : "ws_vb_";
    sum.dims.forEach(function (d) {
      var by = { positive: [], negative: [], mixed: [], unknown: [], none: [], not_relevant: [], unanswered: [] };
      d.themes.forEach(function (t) { by[t.result].push(t.title); });
      var ps = [];
      COLUMNS.forEach(function (m) {
        if (by[m].length) ps.push(fmt(S[pre + m], { themes: joinList(by[m], S.ws_and) }));
      });
      out.push({ heading: d.title, paragraphs: ps });
    });
    if (ws.scale.conflicts !== false) out.push({ heading: S.ws_conflicts, paragraphs: conflictParagraphs(idx, sum, a, S) });
    var aps = [], missing = 0;
    sum.actions.forEach(function (qid) {
      var x = a.actions[qid];
      if (!x || !x.measure) { missing++; return; }
      aps.push(sentences([themeTitle(idx, idx.questions[qid].theme.id) + ": " + x.measure,
        x.size ? fmt(S.ws_vb_size, { size: S["ws_size_" + x.size].toLowerCase() }) : "",
        x.owner ? fmt(S.ws_vb_owner, { owner: x.owner }) : "", x.due ? fmt(S.ws_vb_due, { due: x.due }) : ""]));
    });
    if (missing) aps.push(fmt(S.ws_vb_actions_missing, { count: missing }));
    if (aps.length) out.push({ heading: S.ws_actions, paragraphs: aps });
    if (sum.gaps.length) {
      var themes = [];
      sum.gaps.forEach(function (q) { var t = idx.questions[q].theme.title; if (themes.indexOf(t) < 0) themes.push(t); });
      out.push({ heading: S.ws_gaps, paragraphs: [fmt(S.ws_sf_gaps, { themes: joinList(themes, S.ws_and) })] });
    }
    runExt("saksframlegg", [out, { ws: ws, idx: idx, S: S, a: a, sum: sum }]);
    return out;
  }

  /**
   * conflictParagraphs: one paragraph per confirmed conflict, then the
   * candidates not yet assessed and the number dismissed.
   */
  function conflictParagraphs(idx, sum, a, S) {
    var ps = [], open = [], dismissed = 0;
    sum.conflicts.forEach(function (c) {
      var d = decisionOf(a, c);
      var pair = { improved: themeTitle(idx, c.improved), weakened: themeTitle(idx, c.weakened) };
      if (!d || !d.status) { open.push(fmt(S.ws_vb_pair, pair)); return; }
      if (d.status === "dismissed") { dismissed++; return; }
      ps.push(sentences([fmt(S.ws_vb_conflict, pair), d.weighs ? fmt(S.ws_vb_weighs, { theme: themeTitle(idx, d.weighs) }) : "",
        d.note, d.handling ? S["ws_handling_" + d.handling] : ""]));
    });
    if (!sum.conflicts.length) ps.push(S.ws_sf_no_conflicts);
    if (open.length) ps.push(fmt(S.ws_vb_open_conflicts, { list: joinList(open, S.ws_and) }));
    if (dismissed) ps.push(fmt(S.ws_vb_dismissed, { count: dismissed }));
    return ps;
  }

  /** answerText is the label of the chosen option, or a note on a bad code. */
  function answerText(idx, S, ans) {
    if (!ans || !ans.option) return S.ws_m_unanswered;
    var o = idx.options[ans.option];
    return o ? o.label : fmt(S.ws_unknown_code, { code: ans.option });
  }

  /** countText describes a theme's answers: "2 Positiv, 1 Kunnskapsbehov". */
  function countText(S, counts) {
    return COLUMNS.filter(function (m) { return counts[m] > 0; }).map(function (m) { return counts[m] + " " + stateLabel(S, m).toLowerCase(); }).join(", ");
  }

  /**
   * reportBlocks builds the export as a list of blocks:
   * {h: level, text} | {p: text} | {list: [text]} | {table: {head, rows}}.
   */
  function reportBlocks(ws, idx, a, S, now) {
    a = withDefaults(a);
    var sum = summarize(ws, idx, a.answers);
    var B = [];
    B.push({ h: 1, text: a.name });
    B.push({ p: fmt(S.ws_report_meta, { worksheet: ws.title, date: formatDate(now || new Date(), ws.lang) }) });
    B.push({ h: 2, text: S.ws_vb_heading });
    assessmentText(ws, idx, sum, a, S).forEach(function (sec) {
      if (sec.heading) B.push({ h: 3, text: sec.heading });
      sec.paragraphs.forEach(function (p) { B.push({ p: p }); });
    });
    B.push({ h: 2, text: S.ws_summary });
    var rows = [];
    sum.dims.forEach(function (d) {
      d.themes.forEach(function (t) { rows.push([t.title, stateLabel(S, t.result), countText(S, t.counts)]); });
      rows.push([fmt(S.ws_total_for, { name: d.title }), "", countText(S, d.counts)]);
    });
    B.push({ table: { head: [S.ws_theme, S.ws_result, S.ws_distribution], rows: rows } });
    if (ws.scale.conflicts !== false) conflictBlocks(B, idx, sum, a, S);
    B.push({ h: 2, text: S.ws_actions });
    if (!sum.actions.length) B.push({ p: S.ws_no_actions });
    else B.push({ table: { head: [S.ws_theme, S.ws_weakness, S.ws_measure, S.ws_size_owner_due], rows: actionRows(idx, sum, a, S) } });
    B.push({ h: 2, text: S.ws_gaps });
    if (!sum.gaps.length) B.push({ p: S.ws_no_gaps });
    else B.push({ list: sum.gaps.map(function (qid) { return gapText(idx, a, S, qid); }) });
    runExt("report", [B, { ws: ws, idx: idx, S: S, a: a, sum: sum }]);
    B.push({ h: 2, text: S.ws_answers });
    sum.dims.forEach(function (d, i) {
      B.push({ h: 3, text: d.title });
      var rows = [];
      ws.dimensions[i].themes.forEach(function (t) {
        t.questions.forEach(function (q) {
          var ans = a.answers[q.id];
          rows.push([t.title, q.text, answerText(idx, S, ans), ans ? ans.comment : ""]);
        });
      });
      B.push({ table: { head: [S.ws_theme, S.ws_question, S.ws_answer, S.ws_comment_short], rows: rows } });
    });
    if (sum.obsolete.length) {
      B.push({ h: 2, text: S.ws_obsolete });
      B.push({ p: S.ws_obsolete_help });
      B.push({ table: { head: [S.ws_question, S.ws_answer, S.ws_comment_short], rows: sum.obsolete.map(function (qid) {
        var ans = a.answers[qid];
        return [ans.question || qid, ans.option, ans.comment];
      }) } });
    }
    return B;
  }

  /** conflictBlocks adds the goal conflicts, grouped by weakened theme. */
  function conflictBlocks(B, idx, sum, a, S) {
    B.push({ h: 2, text: S.ws_conflicts });
    if (!sum.conflicts.length) B.push({ p: S.ws_no_conflicts });
    sum.groups.forEach(function (g) {
      B.push({ h: 3, text: fmt(S.ws_weakened_group, { theme: themeTitle(idx, g.theme) }) });
      B.push({ list: g.items.map(function (c) { return conflictText(idx, a, S, c); }) });
    });
    var old = legacyDecisions(a, sum, idx);
    if (old.length) {
      B.push({ h: 3, text: S.ws_legacy });
      B.push({ p: S.ws_legacy_help });
      B.push({ list: old.map(function (o) {
        return sentences([o.a + " – " + o.b, o.decision.handling ? S["ws_handling_" + o.decision.handling] : "", o.decision.note]);
      }) });
    }
  }

  /** conflictText describes one candidate with its reason and assessment. */
  function conflictText(idx, a, S, c) {
    var d = decisionOf(a, c) || {};
    return sentences([
      fmt(S.ws_vb_conflict, { improved: themeTitle(idx, c.improved), weakened: themeTitle(idx, c.weakened) }),
      c.reason,
      S.ws_status + ": " + S["ws_status_" + (d.status || "open")],
      d.weighs ? S.ws_weighs + ": " + themeTitle(idx, d.weighs) : "",
      d.note ? S.ws_why + ": " + d.note : "",
      d.handling ? S.ws_handling + ": " + S["ws_handling_" + d.handling] : "",
      c.dilemma ? S.ws_dilemma + ": " + c.dilemma.title : ""
    ]);
  }

  /**
   * suggestionText lists the funding and method suggestions of a question;
   * targeted: only the lists content chose for it, not the theme's.
   */
  function suggestionText(idx, S, qid, targeted) {
    var sg = targeted ? { funding: idx.questions[qid].q.suggest.funding || [], methods: idx.questions[qid].q.suggest.methods || [] } : suggestionsFor(idx, qid);
    var titles = function (ls) { return ls.map(function (l) { return l.title; }).join(", "); };
    return sentences([sg.funding.length ? S.ws_funding + ": " + titles(sg.funding) : "",
      sg.methods.length ? S.ws_methods + ": " + titles(sg.methods) : ""]);
  }

  /**
   * actionRows is the action table: one row per weak or unknown answer,
   * with the suggestions content chose for that question or kjøreregel
   * (the theme's long lists stay in the worksheet and the gap list).
   */
  function actionRows(idx, sum, a, S) {
    return sum.actions.map(function (qid) {
      var e = idx.questions[qid], ans = a.answers[qid], x = a.actions[qid] || {};
      var sg = e.q.suggest ? suggestionText(idx, S, qid, true) : "";
      var measure = [x.measure, sg ? S.ws_suggestions + ": " + sg : ""].filter(Boolean).join("\n");
      var who = [x.size ? S.ws_size + ": " + S["ws_size_" + x.size].toLowerCase() : "", x.owner ? S.ws_owner + ": " + x.owner : "", x.due ? S.ws_due + ": " + x.due : ""];
      return [e.theme.title, sentences([e.q.text, answerText(idx, S, ans), ans.comment]), measure, who.filter(Boolean).join("\n")];
    });
  }

  function gapText(idx, a, S, qid) {
    var e = idx.questions[qid], ans = a.answers[qid];
    return sentences([e.theme.title + ": " + e.q.text, ans.comment, suggestionText(idx, S, qid), a.todo[qid] ? "(" + S.ws_done + ")" : ""]);
  }

  var MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

  /**
   * formatDate writes "2. desember 2026". Bokmål and nynorsk share the
   * month names; formatting here rather than with toLocaleDateString means
   * a browser without nn-NO never falls back to English.
   */
  function formatDate(d) {
    return d.getDate() + ". " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  /** xml escapes text for XML element content and attributes. */
  function xml(s) {
    return cleanText(String(s), Infinity).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // --- Table layout --------------------------------------------------------

  /** Text width of an A4 page with 2 cm margins, in points. */
  var PAGE_PT = 481.9;
  /** Table text size and cell padding (left + right), in points. */
  var TABLE_PT = 10, CELL_PAD_PT = 12;

  /**
   * wordWidth estimates the printed width of a word in ems, for a wide
   * sans-serif (DejaVu Sans, which LibreOffice uses when Calibri is
   * missing), so the estimate errs on the wide side.
   */
  function wordWidth(w, bold) {
    var e = 0;
    for (var i = 0; i < w.length; i++) {
      var c = w.charAt(i);
      if ("iljf.,:;'|!·".indexOf(c) >= 0) e += 0.34;
      else if ("trI()[]-–".indexOf(c) >= 0) e += 0.45;
      else if ("mwMWæÆœŒ—".indexOf(c) >= 0) e += 1.02;
      else if (c !== c.toLowerCase()) e += 0.86;
      else e += 0.66;
    }
    return e * (bold ? 1.12 : 1);
  }

  /**
   * columnWidths fits a table's columns to a page PAGE_PT wide: each
   * column first gets room for its longest word, so no word is split
   * inside it, and the rest of the width is shared by how much text the
   * column holds. Returns widths in points.
   */
  function columnWidths(table) {
    var n = table.head.length, min = [], weight = [];
    for (var i = 0; i < n; i++) {
      var longest = 0, chars = 0;
      [table.head].concat(table.rows).forEach(function (r, ri) {
        var t = String(r[i] == null ? "" : r[i]);
        t.split(/\s+/).forEach(function (w) { longest = Math.max(longest, wordWidth(w, ri === 0)); });
        chars += Math.min(t.length, 400);
      });
      min.push(longest * TABLE_PT + CELL_PAD_PT);
      weight.push(Math.sqrt(chars / (table.rows.length + 1)) + 1);
    }
    var used = min.reduce(function (x, y) { return x + y; }, 0);
    if (used >= PAGE_PT) return min.map(function (w) { return w * PAGE_PT / used; });
    var wsum = weight.reduce(function (x, y) { return x + y; }, 0);
    return min.map(function (w, i) { return w + (PAGE_PT - used) * weight[i] / wsum; });
  }

  // --- DOCX (WordprocessingML) -------------------------------------------

  var W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  var XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  function docxRuns(text, bold) {
    var rpr = bold ? "<w:rPr><w:b/></w:rPr>" : "";
    return String(text).split(/\r\n|\r|\n/).map(function (line, i) {
      return "<w:r>" + rpr + (i ? "<w:br/>" : "") + '<w:t xml:space="preserve">' + xml(line) + "</w:t></w:r>";
    }).join("");
  }
  function docxPara(text, style, bold, extra) {
    return "<w:p>" + (style || extra ? "<w:pPr>" + (style ? '<w:pStyle w:val="' + style + '"/>' : "") + (extra || "") + "</w:pPr>" : "") + docxRuns(text, bold) + "</w:p>";
  }

  /** docxTable renders a table with fitted column widths and a repeated header row. */
  function docxTable(table) {
    var tw = columnWidths(table).map(function (w) { return Math.floor(w * 20); });
    var cell = function (t, i, bold) {
      return '<w:tc><w:tcPr><w:tcW w:w="' + tw[i] + '" w:type="dxa"/></w:tcPr>' + docxPara(t, "TableText", bold) + "</w:tc>";
    };
    var row = function (cells, head) {
      return "<w:tr>" + (head ? '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' : '<w:trPr><w:cantSplit/></w:trPr>') +
        cells.map(function (c, i) { return cell(c, i, head); }).join("") + "</w:tr>";
    };
    var total = tw.reduce(function (x, y) { return x + y; }, 0);
    return '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="' + total + '" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>' +
      tw.map(function (w) { return '<w:gridCol w:w="' + w + '"/>'; }).join("") + "</w:tblGrid>" +
      row(table.head, true) + table.rows.map(function (r) { return row(r, false); }).join("") + "</w:tbl>" + docxPara("");
  }

  /** docxDocument renders blocks as word/document.xml. */
  function docxDocument(blocks) {
    var body = blocks.map(function (b) {
      if (b.h) return docxPara(b.text, b.h === 1 ? "Title" : "Heading" + (b.h - 1));
      if (b.p !== undefined) return docxPara(b.p);
      if (b.list) return b.list.map(function (t) { return docxPara(t, "ListParagraph", false, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'); }).join("");
      return docxTable(b.table);
    }).join("");
    return XML_HEAD + "<w:document " + W_NS + "><w:body>" + body +
      '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>';
  }

  function docxStyle(id, name, size, extra) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
      '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/>' + (extra || "") + '</w:pPr><w:rPr><w:b/><w:sz w:val="' + size + '"/></w:rPr></w:style>';
  }

  /**
   * pageParts splits a footer template such as "Side {page} av {pages}"
   * into text and field parts: [{text} | {field: "PAGE" | "NUMPAGES"}].
   */
  function pageParts(tpl) {
    return String(tpl || "{page}").split(/(\{page\}|\{pages\})/).filter(Boolean).map(function (p) {
      return p === "{page}" ? { field: "PAGE" } : p === "{pages}" ? { field: "NUMPAGES" } : { text: p };
    });
  }

  function docxFooter(tpl) {
    return XML_HEAD + "<w:ftr " + W_NS + '><w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + pageParts(tpl).map(function (p) {
      return p.field ? '<w:fldSimple w:instr=" ' + p.field + ' "><w:r><w:t>1</w:t></w:r></w:fldSimple>' : '<w:r><w:t xml:space="preserve">' + xml(p.text) + "</w:t></w:r>";
    }).join("") + "</w:p></w:ftr>";
  }

  var DOCX_NUMBERING = XML_HEAD + "<w:numbering " + W_NS + '><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>' +
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>' +
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

  function docxRel(id, type, target) {
    return '<Relationship Id="' + id + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/' + type + '" Target="' + target + '"/>';
  }

  /**
   * docx returns the bytes of a .docx file with the given blocks: styled
   * headings, bullet lists from numbering.xml, tables with fitted columns
   * and a footer with page numbers (footer: "Side {page} av {pages}").
   */
  function docx(blocks, lang, footer) {
    var l = lang === "nn" ? "nn-NO" : "nb-NO";
    var ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    var styles = XML_HEAD + "<w:styles " + W_NS + ">" +
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="' + l + '"/></w:rPr></w:rPrDefault>' +
      '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>' +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
      docxStyle("Title", "Title", 36) + docxStyle("Heading1", "heading 1", 30, '<w:outlineLvl w:val="0"/>') +
      docxStyle("Heading2", "heading 2", 26, '<w:outlineLvl w:val="1"/>') +
      '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="' + TABLE_PT * 2 + '"/></w:rPr></w:style>' +
      '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="' + CELL_PAD_PT * 10 + '" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="' + CELL_PAD_PT * 10 + '" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
      '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>' +
      ["top", "left", "bottom", "right", "insideH", "insideV"].map(function (s) { return "<w:" + s + ' w:val="single" w:sz="4" w:space="0" w:color="808080"/>'; }).join("") +
      "</w:tblBorders></w:tblPr></w:style></w:styles>";
    return zip([
      { name: "[Content_Types].xml", data: XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="' + ct + 'document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="' + ct + 'styles+xml"/>' +
        '<Override PartName="/word/numbering.xml" ContentType="' + ct + 'numbering+xml"/>' +
        '<Override PartName="/word/footer1.xml" ContentType="' + ct + 'footer+xml"/></Types>' },
      { name: "_rels/.rels", data: XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        docxRel("rId1", "officeDocument", "word/document.xml") + "</Relationships>" },
      { name: "word/_rels/document.xml.rels", data: XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        docxRel("rId1", "styles", "styles.xml") + docxRel("rId2", "numbering", "numbering.xml") + docxRel("rId3", "footer", "footer1.xml") + "</Relationships>" },
      { name: "word/document.xml", data: docxDocument(blocks) },
      { name: "word/styles.xml", data: styles },
      { name: "word/numbering.xml", data: DOCX_NUMBERING },
      { name: "word/footer1.xml", data: docxFooter(footer) }
    ]);
  }

  // --- ODT (OpenDocument text) --------------------------------------------

  var ODF_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"';

  function odtText(t) {
    return String(t).split(/\r\n|\r|\n/).map(xml).join("<text:line-break/>");
  }

  /** odtContent renders blocks as content.xml. */
  function odtContent(blocks) {
    var nt = 0, colStyles = "";
    var body = blocks.map(function (b) {
      if (b.h) return '<text:h text:style-name="Heading_20_' + b.h + '" text:outline-level="' + b.h + '">' + odtText(b.text) + "</text:h>";
      if (b.p !== undefined) return '<text:p text:style-name="Text_20_body">' + odtText(b.p) + "</text:p>";
      if (b.list) return '<text:list text:style-name="L1">' + b.list.map(function (t) { return '<text:list-item><text:p text:style-name="List_20_Contents">' + odtText(t) + "</text:p></text:list-item>"; }).join("") + "</text:list>";
      var name = "Tabell" + (++nt);
      var cell = function (t, head) {
        return '<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="' + (head ? "Table_20_Heading" : "Table_20_Contents") + '">' + odtText(t) + "</text:p></table:table-cell>";
      };
      var widths = columnWidths(b.table);
      colStyles += '<style:style style:name="' + name + '" style:family="table"><style:table-properties style:width="' +
        widths.reduce(function (x, y) { return x + y; }, 0).toFixed(1) + 'pt" table:align="left"/></style:style>' +
        widths.map(function (w, i) { return '<style:style style:name="' + name + "." + i + '" style:family="table-column"><style:table-column-properties style:column-width="' + w.toFixed(1) + 'pt"/></style:style>'; }).join("");
      return '<table:table table:name="' + name + '" table:style-name="' + name + '">' +
        widths.map(function (w, i) { return '<table:table-column table:style-name="' + name + "." + i + '"/>'; }).join("") +
        "<table:table-header-rows><table:table-row>" + b.table.head.map(function (c) { return cell(c, true); }).join("") + "</table:table-row></table:table-header-rows>" +
        b.table.rows.map(function (r) { return "<table:table-row>" + r.map(function (c) { return cell(c, false); }).join("") + "</table:table-row>"; }).join("") + "</table:table>";
    }).join("");
    return '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ' + ODF_NS + ">" +
      "<office:automatic-styles>" + colStyles +
      '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding-left="' + CELL_PAD_PT / 2 + 'pt" fo:padding-right="' + CELL_PAD_PT / 2 + 'pt" fo:padding-top="2pt" fo:padding-bottom="2pt" fo:border="0.5pt solid #808080"/></style:style>' +
      '<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment">' +
      '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>' +
      "</office:automatic-styles><office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
  }

  function odtFooter(tpl) {
    return '<style:footer><text:p text:style-name="Footer">' + pageParts(tpl).map(function (p) {
      return p.field === "PAGE" ? '<text:page-number text:select-page="current">1</text:page-number>' : p.field ? "<text:page-count>1</text:page-count>" : xml(p.text);
    }).join("") + "</text:p></style:footer>";
  }

  /** odt returns the bytes of an .odt file with the given blocks (see docx). */
  function odt(blocks, lang, footer) {
    var para = function (name, display, size, bold, extra) {
      return '<style:style style:name="' + name + '" style:display-name="' + display + '" style:family="paragraph"' + (extra || "") + ">" +
        '<style:paragraph-properties fo:margin-top="' + (size > 11 ? "0.4cm" : "0cm") + '" fo:margin-bottom="' + (size > 10 ? "0.2cm" : "0cm") + '"' + (size > 11 ? ' fo:keep-with-next="always"' : "") + (name === "Footer" ? ' fo:text-align="center"' : "") + "/>" +
        '<style:text-properties fo:font-size="' + size + 'pt"' + (bold ? ' fo:font-weight="bold"' : "") + "/></style:style>";
    };
    var country = "NO", language = lang === "nn" ? "nn" : "nb";
    var styles = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ' + ODF_NS + "><office:styles>" +
      '<style:default-style style:family="paragraph"><style:text-properties fo:language="' + language + '" fo:country="' + country + '" fo:font-size="11pt"/></style:default-style>' +
      para("Standard", "Standard", 11, false) + para("Text_20_body", "Text body", 11, false) + para("List_20_Contents", "List Contents", 11, false) +
      para("Heading_20_1", "Heading 1", 18, true, ' style:default-outline-level="1"') +
      para("Heading_20_2", "Heading 2", 15, true, ' style:default-outline-level="2"') +
      para("Heading_20_3", "Heading 3", 13, true, ' style:default-outline-level="3"') +
      para("Table_20_Contents", "Table Contents", TABLE_PT, false) + para("Table_20_Heading", "Table Heading", TABLE_PT, true) +
      para("Footer", "Footer", 9, false) +
      "</office:styles><office:automatic-styles>" +
      '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.4cm" fo:margin-left="2cm" fo:margin-right="2cm"/>' +
      '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>' +
      '</office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">' + odtFooter(footer) + "</style:master-page></office:master-styles></office:document-styles>";
    var manifest = '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
      '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
      '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>';
    return zip([
      { name: "mimetype", data: "application/vnd.oasis.opendocument.text" },
      { name: "META-INF/manifest.xml", data: manifest },
      { name: "content.xml", data: odtContent(blocks) },
      { name: "styles.xml", data: styles }
    ]);
  }

  // --- Markdown and CSV ---------------------------------------------------

  function mdCell(s) {
    return String(s).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\r\n|\r|\n/g, " ");
  }
  function mdLine(s) { return String(s).replace(/</g, "&lt;").replace(/\r\n|\r/g, "\n"); }

  /** markdown renders blocks as CommonMark with GitHub tables. */
  function markdown(blocks) {
    return blocks.map(function (b) {
      if (b.h) return "#".repeat(b.h) + " " + mdCell(b.text);
      if (b.p !== undefined) return mdLine(b.p);
      if (b.list) return b.list.map(function (t) { return "- " + mdCell(t); }).join("\n");
      var row = function (r) { return "| " + r.map(mdCell).join(" | ") + " |"; };
      return [row(b.table.head), "|" + b.table.head.map(function () { return " --- |"; }).join("")].concat(b.table.rows.map(row)).join("\n");
    }).join("\n\n") + "\n";
  }

  /**
   * csvField quotes one CSV field for Excel with Norwegian settings: fields
   * with ';', '"', CR, LF or edge spaces are quoted with '"' doubled. Text
   * that Excel would run as a formula (=, +, -, @, tab, CR first) gets a
   * leading apostrophe.
   */
  function csvField(v) {
    var s = v == null ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    if (/[;"\r\n]|^\s|\s$/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  }

  /** csv joins rows with ';' and CRLF, with a UTF-8 byte order mark. */
  function csv(rows) {
    return "\uFEFF" + rows.map(function (r) { return r.map(csvField).join(";"); }).join("\r\n") + "\r\n";
  }

  /** answerRows is the answer table of an assessment for CSV export. */
  function answerRows(ws, idx, a, S) {
    a = withDefaults(a);
    var rows = [[S.ws_dimension, S.ws_theme, S.ws_question_id, S.ws_question, S.ws_answer_code, S.ws_answer, S.ws_meaning, S.ws_comment_short,
      S.ws_size, S.ws_measure, S.ws_owner, S.ws_due]];
    ws.dimensions.forEach(function (d) {
      d.themes.forEach(function (t) {
        t.questions.forEach(function (q) {
          var ans = a.answers[q.id] || { option: "", comment: "" };
          var m = meaningOf(idx, ans.option);
          var x = a.actions[q.id] || {};
          rows.push([d.title, t.title, q.id, q.text, ans.option, ans.option ? answerText(idx, S, ans) : "", m ? stateLabel(S, m) : "", ans.comment,
            x.size ? S["ws_size_" + x.size] : "", x.measure || "", x.owner || "", x.due || ""]);
        });
      });
    });
    Object.keys(a.answers).forEach(function (qid) {
      if (idx.questions[qid]) return;
      var ans = a.answers[qid];
      rows.push([S.ws_obsolete, "", qid, ans.question || "", ans.option, "", "", ans.comment, "", "", "", ""]);
    });
    return rows;
  }

  // --- ZIP ----------------------------------------------------------------

  var CRC_TABLE = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  /** crc32 returns the CRC-32 (IEEE) of bytes as an unsigned number. */
  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  function utf8(s) { return new TextEncoder().encode(s); }

  /**
   * zip writes a ZIP archive of stored (uncompressed) entries, in the given
   * order, with UTF-8 names and no extra fields. entries: [{name, data}]
   * where data is a string or Uint8Array. Returns a Uint8Array.
   */
  function zip(entries, date) {
    var d = date || new Date();
    var dosTime = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    var dosDate = ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
    var files = entries.map(function (e) {
      var data = typeof e.data === "string" ? utf8(e.data) : e.data;
      return { name: utf8(e.name), data: data, crc: crc32(data) };
    });
    var size = 22;
    files.forEach(function (f) { size += 30 + f.name.length + f.data.length + 46 + f.name.length; });
    var out = new Uint8Array(size), v = new DataView(out.buffer), p = 0;
    var u16 = function (x) { v.setUint16(p, x, true); p += 2; };
    var u32 = function (x) { v.setUint32(p, x >>> 0, true); p += 4; };
    var bytes = function (b) { out.set(b, p); p += b.length; };
    var common = function (f) {
      u16(10); u16(0x0800); u16(0); u16(dosTime); u16(dosDate); // version, UTF-8 flag, stored
      u32(f.crc); u32(f.data.length); u32(f.data.length); u16(f.name.length); u16(0);
    };
    files.forEach(function (f) {
      f.offset = p;
      u32(0x04034b50); common(f); bytes(f.name); bytes(f.data);
    });
    var cd = p;
    files.forEach(function (f) {
      u32(0x02014b50); u16(20); common(f);
      u16(0); u16(0); u16(0); u32(0); u32(f.offset); bytes(f.name);
    });
    var cdSize = p - cd;
    u32(0x06054b50); u16(0); u16(0); u16(files.length); u16(files.length);
    u32(cdSize); u32(cd); u16(0);
    return out;
  }

  var api = {
    FORMAT: FORMAT, MAX_FILE_BYTES: MAX_FILE_BYTES, MEANINGS: MEANINGS, COLUMNS: COLUMNS,
    SYMBOLS: SYMBOLS, HANDLING: HANDLING,
    fmt: fmt, joinList: joinList, indexWorksheet: indexWorksheet, meaningOf: meaningOf, themeResult: themeResult,
    findConflicts: findConflicts, groupConflicts: groupConflicts, decisionOf: decisionOf, needsAction: needsAction,
    suggestionsFor: suggestionsFor, legacyDecisions: legacyDecisions, assessmentText: assessmentText, saksframlegg: assessmentText,
    sentences: sentences, actionRows: actionRows, STATUS: STATUS, SIZES: SIZES, summarize: summarize, newAssessment: newAssessment, newId: newId,
    normalize: normalize, toFile: toFile, parseFile: parseFile, fileName: fileName, stateLabel: stateLabel,
    answerText: answerText, reportBlocks: reportBlocks, conflictText: conflictText,
    gapText: gapText, formatDate: formatDate, xml: xml, docx: docx, odt: odt, markdown: markdown,
    columnWidths: columnWidths, wordWidth: wordWidth, csvField: csvField, csv: csv, answerRows: answerRows, crc32: crc32, zip: zip, utf8: utf8, cleanText: cleanText,
    extend: extend
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.HjelperenWS = api;
})(typeof self !== "undefined" ? self : globalThis);
