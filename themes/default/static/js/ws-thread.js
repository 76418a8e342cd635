// Worksheet red thread, goals, areas and comparison: the logic without a DOM.
//
// The red thread: an assessment can carry a snapshot of an assessment of
// an earlier plan level ("thread"), shown beside each theme; a theme that
// was assessed positively there and has a negative answer now is flagged.
// The samfunnsdel worksheet lets the municipality write its own goals
// ("goals"); later worksheets assess a case or plan against the goals the
// snapshot carries ("goalRatings"). The arealplan worksheet grades
// development areas per theme ("areas"), shown as a consequence table.
// Two assessments of one worksheet can be compared answer by answer.
//
// The fields are optional additions to the assessment (file schema 2, see
// docs/worksheet-schema.md); they join ws-core.js's normalize, toFile,
// report and saksframlegg through its extension hooks (C.extend).
//
// Classic script after ws-core.js. It defines window.HjelperenThread, or
// module.exports under Node.
(function (root) {
  "use strict";
  var C = typeof module === "object" && module.exports ? require("./ws-core.js") : root.HjelperenWS;
  if (!C) return;

  /** How an assessment relates to one of the municipality's goals. */
  var EFFECTS = ["supports", "weakens", "neutral"];
  /** Symbols of the effects, so colour is never the only cue. */
  var EFFECT_SYMBOLS = { supports: "+", weakens: "−", neutral: "0" };
  /**
   * The graded consequence scale of the area table, from very large
   * positive to very large negative, as impact assessments grade each
   * theme per area (with a grade for "not known yet").
   */
  var GRADES = ["p4", "p3", "p2", "p1", "0", "m1", "m2", "m3", "m4", "u"];
  var GRADE_SYMBOLS = { p4: "++++", p3: "+++", p2: "++", p1: "+", "0": "0", m1: "−", m2: "−−", m3: "−−−", m4: "−−−−", u: "?" };
  var MAX_GOALS = 100, MAX_AREAS = 50, MAX_TEXT = 20000, MAX_SHORT = 2000, MAX_NAME = 200, MAX_ENTRIES = 20000;
  var ID_RE = /^[a-z0-9][a-z0-9-]{0,99}$/;

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function dict() { return Object.create(null); }
  function text(v, max) { return C.cleanText(v, max); }

  /** newGoalId returns a random ID for a goal or an area, with a prefix. */
  function newItemId(prefix) { return prefix + C.newId().slice(2, 12); }

  // ---------------------------------------------------------------------
  // Validation of the optional fields. Each returns clean data and counts
  // what it had to leave out in drop.n.

  /** cleanAnswers keeps {option, comment, question} entries with ID keys. */
  function cleanAnswers(raw, drop) {
    var out = dict(), n = 0;
    if (!isObj(raw)) { if (raw !== undefined) drop.n++; return out; }
    Object.keys(raw).forEach(function (qid) {
      var v = raw[qid];
      if (++n > MAX_ENTRIES || !ID_RE.test(qid) || !isObj(v)) { drop.n++; return; }
      var option = typeof v.option === "string" && ID_RE.test(v.option) ? v.option : "";
      var e = { option: option, comment: text(v.comment, MAX_TEXT) };
      var q = text(v.question, MAX_SHORT);
      if (q) e.question = q;
      if (e.option || e.comment) out[qid] = e;
    });
    return out;
  }

  /** cleanGoals keeps a list of {id, text} goals with unique IDs. */
  function cleanGoals(raw, drop) {
    var out = [], seen = dict();
    if (!Array.isArray(raw)) { if (raw !== undefined) drop.n++; return out; }
    raw.forEach(function (g) {
      if (out.length >= MAX_GOALS || !isObj(g) || typeof g.id !== "string" || !ID_RE.test(g.id) || seen[g.id]) { drop.n++; return; }
      seen[g.id] = true;
      out.push({ id: g.id, text: text(g.text, MAX_SHORT) });
    });
    return out;
  }

  /** cleanRatings keeps {effect, comment} per goal ID. */
  function cleanRatings(raw, drop) {
    var out = dict();
    if (!isObj(raw)) { if (raw !== undefined) drop.n++; return out; }
    Object.keys(raw).forEach(function (id) {
      var v = raw[id];
      if (!ID_RE.test(id) || !isObj(v)) { drop.n++; return; }
      var e = { effect: EFFECTS.indexOf(v.effect) >= 0 ? v.effect : "", comment: text(v.comment, MAX_TEXT) };
      if (v.effect !== undefined && v.effect !== "" && !e.effect) drop.n++;
      if (e.effect || e.comment) out[id] = e;
    });
    return out;
  }

  /** cleanAreas keeps a list of areas with a name, grades and notes per theme. */
  function cleanAreas(raw, drop) {
    var out = [], seen = dict();
    if (!Array.isArray(raw)) { if (raw !== undefined) drop.n++; return out; }
    raw.forEach(function (r) {
      if (out.length >= MAX_AREAS || !isObj(r) || typeof r.id !== "string" || !ID_RE.test(r.id) || seen[r.id]) { drop.n++; return; }
      seen[r.id] = true;
      var area = { id: r.id, name: text(r.name, MAX_NAME), grades: dict(), notes: dict() };
      if (isObj(r.grades)) Object.keys(r.grades).forEach(function (t) {
        if (ID_RE.test(t) && GRADES.indexOf(r.grades[t]) >= 0) area.grades[t] = r.grades[t]; else drop.n++;
      });
      if (isObj(r.notes)) Object.keys(r.notes).forEach(function (t) {
        var s = text(r.notes[t], MAX_TEXT);
        if (!ID_RE.test(t)) drop.n++; else if (s) area.notes[t] = s;
      });
      out.push(area);
    });
    return out;
  }

  /**
   * cleanThread validates the snapshot of an earlier step: the level must
   * be one this worksheet knows as earlier. Returns null if there is none.
   */
  function cleanThread(raw, ws, drop) {
    if (raw === undefined || raw === null) return null;
    if (!isObj(raw) || !levelOf(ws, raw.worksheet)) { drop.n++; return null; }
    return {
      worksheet: raw.worksheet,
      id: typeof raw.id === "string" && /^v-[a-z0-9-]{1,64}$/.test(raw.id) ? raw.id : "",
      name: text(raw.name, MAX_NAME).trim() || "–",
      updated: typeof raw.updated === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(raw.updated) ? raw.updated : "",
      answers: cleanAnswers(raw.answers, drop),
      goals: cleanGoals(raw.goals, drop),
      goalsFrom: text(raw.goalsFrom, MAX_NAME)
    };
  }

  /** levelOf returns the earlier level with an ID, or null. */
  function levelOf(ws, id) {
    var ls = ws.levels || [];
    for (var i = 0; i < ls.length; i++) if (ls[i].id === id) return ls[i];
    return null;
  }

  // ---------------------------------------------------------------------
  // Hooks into ws-core.js.

  /** normalizeExtra copies the optional fields of raw into the assessment a. */
  function normalizeExtra(raw, a, ctx) {
    var drop = { n: 0 };
    var goals = cleanGoals(raw.goals, drop);
    if (goals.length) a.goals = goals;
    var thread = cleanThread(raw.thread, ctx.ws, drop);
    if (thread) a.thread = thread;
    var ratings = cleanRatings(raw.goalRatings, drop);
    if (Object.keys(ratings).length) a.goalRatings = ratings;
    var areas = cleanAreas(raw.areas, drop);
    if (areas.length) a.areas = areas;
    ctx.drop(drop.n);
  }

  function sorted(o) {
    var out = {};
    Object.keys(o).sort().forEach(function (k) { out[k] = o[k]; });
    return out;
  }

  /** fileExtra adds the optional fields that hold anything to the file object. */
  function fileExtra(a, out) {
    if (a.goals && a.goals.length) out.goals = a.goals;
    if (a.thread) {
      var th = {};
      Object.keys(a.thread).forEach(function (k) { th[k] = k === "answers" ? sorted(a.thread.answers) : a.thread[k]; });
      out.thread = th;
    }
    if (a.goalRatings && Object.keys(a.goalRatings).length) out.goalRatings = sorted(a.goalRatings);
    if (a.areas && a.areas.length) {
      out.areas = a.areas.map(function (r) { return { id: r.id, name: r.name, grades: sorted(r.grades), notes: sorted(r.notes) }; });
    }
  }

  // ---------------------------------------------------------------------
  // The red thread.

  /**
   * snapshotOf makes the thread snapshot of an assessment (as stored or
   * imported) of the earlier level levelId. Its goals are its own (the
   * samfunnsdel) or else the goals its own thread carried, so goals pass
   * from step to step.
   */
  function snapshotOf(ws, levelId, a) {
    var drop = { n: 0 };
    var mine = cleanGoals(a.goals, drop);
    var carried = isObj(a.thread) ? cleanGoals(a.thread.goals, drop) : [];
    var from = mine.length ? text(a.name, MAX_NAME) : isObj(a.thread) ? text(a.thread.goalsFrom || a.thread.name, MAX_NAME) : "";
    return cleanThread({
      worksheet: levelId, id: a.id, name: a.name, updated: a.updated, answers: a.answers,
      goals: mine.length ? mine : carried, goalsFrom: (mine.length || carried.length) ? from : ""
    }, ws, drop);
  }

  /**
   * parseEarlier reads an exported .json file as the earlier step of ws:
   * {ok, thread, errors}. Files of the same worksheet, of a later level or
   * a newer schema are refused with a message.
   */
  function parseEarlier(textIn, ws, S) {
    var raw, res = { ok: false, thread: null, errors: [] };
    try { raw = JSON.parse(textIn); } catch (e) { res.errors.push(S.ws_imp_not_json); return res; }
    if (!isObj(raw) || raw.format !== C.FORMAT || typeof raw.schema !== "number" || raw.schema < 1) {
      res.errors.push(S.ws_imp_not_assessment); return res;
    }
    if (raw.schema > ws.schema) { res.errors.push(C.fmt(S.ws_imp_newer, { version: raw.schema, supported: ws.schema })); return res; }
    if (!levelOf(ws, raw.worksheet)) {
      res.errors.push(C.fmt(S.ws_rt_not_earlier, { other: text(String(raw.worksheet), 100), current: ws.title }));
      return res;
    }
    if (raw.answers !== undefined && !isObj(raw.answers)) { res.errors.push(S.ws_imp_bad_answers); return res; }
    res.thread = snapshotOf(ws, raw.worksheet, raw);
    res.ok = true;
    return res;
  }

  /** optionOf returns the scale option of a level with a code, or null. */
  function optionOf(level, code) {
    var os = level.scale.options;
    for (var i = 0; i < os.length; i++) if (os[i].code === code) return os[i];
    return null;
  }

  /**
   * threadView lines up the earlier step with this worksheet's themes:
   * {level, rows, flagged}. Each row: {id, title, answers: [{question,
   * label, meaning, comment}], earlier (theme result there), now (theme
   * result here), flag}. A theme is flagged when it had a positive answer
   * in the earlier step (it was taken care of or given priority there)
   * and has a negative answer now. sum is C.summarize of this assessment.
   */
  function threadView(ws, sum, thread) {
    var level = levelOf(ws, thread.worksheet);
    var view = { level: level, rows: [], flagged: [] };
    if (!level) return view;
    ws.dimensions.forEach(function (d) {
      d.themes.forEach(function (t) {
        var counts = dict(), answers = [];
        C.COLUMNS.forEach(function (m) { counts[m] = 0; });
        (level.themes[t.id] || []).forEach(function (qid) {
          var ans = thread.answers[qid];
          var o = ans ? optionOf(level, ans.option) : null;
          if (o) counts[o.meaning]++; else counts.unanswered++;
          if (ans) answers.push({ question: ans.question || qid, label: o ? o.label : "", meaning: o ? o.meaning : "", comment: ans.comment });
        });
        var now = sum.themes[t.id];
        var row = {
          id: t.id, title: t.title, inLevel: own(level.themes, t.id), answers: answers,
          earlier: C.themeResult(counts), now: now.result,
          flag: counts.positive > 0 && now.counts.negative > 0
        };
        view.rows.push(row);
        if (row.flag) view.flagged.push(t.id);
      });
    });
    return view;
  }

  /** goalsToAssess returns the goals an assessment is weighed against. */
  function goalsToAssess(a) { return a.thread ? a.thread.goals : []; }

  /** goalRows pairs each goal with its rating: [{id, text, effect, comment}]. */
  function goalRows(a) {
    var r = a.goalRatings || {};
    return goalsToAssess(a).map(function (g) {
      var x = r[g.id] || { effect: "", comment: "" };
      return { id: g.id, text: g.text, effect: x.effect, comment: x.comment };
    });
  }

  /** effectLabel is the label of a goal effect, or "not assessed". */
  function effectLabel(S, effect) { return effect ? S["ws_goal_" + effect] : S.ws_goal_open; }

  // ---------------------------------------------------------------------
  // Areas.

  /** gradeText is the symbol and label of a grade ("−− Middels negativ konsekvens"), or of no grade. */
  function gradeText(S, code) { return (code ? GRADE_SYMBOLS[code] : "·") + " " + S["ws_grade_" + (code || "none")]; }

  /**
   * areaTable is the consequence table: a row per theme, a column per
   * area, each cell {code, symbol, note}. Ungraded cells have code "".
   */
  function areaTable(ws, a) {
    var areas = a.areas || [];
    var rows = [];
    ws.dimensions.forEach(function (d) {
      d.themes.forEach(function (t) {
        rows.push({ id: t.id, title: t.title, cells: areas.map(function (r) {
          var code = r.grades[t.id] || "";
          return { code: code, symbol: code ? GRADE_SYMBOLS[code] : "·", note: r.notes[t.id] || "" };
        }) });
      });
    });
    return { areas: areas.map(function (r) { return { id: r.id, name: r.name }; }), rows: rows };
  }

  // ---------------------------------------------------------------------
  // Comparison.

  /**
   * compare sets two assessments of one worksheet side by side:
   * {themes: [{id, title, a, b, diff}], questions: [{id, theme, text, a,
   * b, diff}], goals: [{text, a, b, diff}], areas: [{area, theme, a, b,
   * diff}], changed}. a and b of a question are {label, comment}; a
   * question differs when its answer or its comment differs. Goals are
   * matched by ID and areas by ID (a copy keeps them), their ratings and
   * grades shown as text; changed counts the differing answers.
   */
  function compare(ws, idx, A, B, S) {
    var sa = C.summarize(ws, idx, A.answers), sb = C.summarize(ws, idx, B.answers);
    var out = { themes: [], questions: [], goals: [], areas: [], changed: 0 };
    var side = function (x) { return { option: x ? x.option : "", label: C.answerText(idx, S, x), comment: x ? x.comment : "" }; };
    ws.dimensions.forEach(function (d) {
      d.themes.forEach(function (t) {
        var ra = sa.themes[t.id].result, rb = sb.themes[t.id].result;
        out.themes.push({ id: t.id, title: t.title, a: ra, b: rb, diff: ra !== rb });
        t.questions.forEach(function (q) {
          var ax = side(A.answers[q.id]), by = side(B.answers[q.id]);
          var diff = ax.option !== by.option || ax.comment !== by.comment;
          if (diff) out.changed++;
          out.questions.push({ id: q.id, theme: t.title, text: q.text, a: ax, b: by, diff: diff });
        });
      });
    });
    var rate = function (X, id) {
      var r = (X.goalRatings || {})[id];
      return r && r.effect ? EFFECT_SYMBOLS[r.effect] + " " + effectLabel(S, r.effect) + (r.comment ? " – " + r.comment : "") : effectLabel(S, "") + (r && r.comment ? " – " + r.comment : "");
    };
    union(goalsToAssess(A), goalsToAssess(B)).forEach(function (g) {
      var a = rate(A, g.id), b = rate(B, g.id);
      out.goals.push({ text: g.text, a: a, b: b, diff: a !== b });
    });
    var grade = function (r, tid) {
      if (!r) return "–";
      return gradeText(S, r.grades[tid]) + (r.notes[tid] ? " – " + r.notes[tid] : "");
    };
    union(A.areas || [], B.areas || []).forEach(function (area) {
      var ra = (A.areas || []).filter(function (x) { return x.id === area.id; })[0];
      var rb = (B.areas || []).filter(function (x) { return x.id === area.id; })[0];
      ws.dimensions.forEach(function (d) {
        d.themes.forEach(function (t) {
          var a = grade(ra, t.id), b = grade(rb, t.id);
          out.areas.push({ area: area.name, theme: t.title, a: a, b: b, diff: a !== b });
        });
      });
    });
    return out;
  }

  /** union lists the items of two lists with IDs, each ID once, in order. */
  function union(xs, ys) {
    var seen = dict(), out = [];
    xs.concat(ys).forEach(function (x) { if (!seen[x.id]) { seen[x.id] = true; out.push(x); } });
    return out;
  }

  /** compareBlocks is the comparison as report blocks for the file formats. */
  function compareBlocks(ws, idx, A, B, S, now) {
    var cmp = compare(ws, idx, A, B, S);
    var mark = function (diff) { return diff ? S.ws_cmp_changed : ""; };
    var res = function (m) { return C.SYMBOLS[m] + " " + C.stateLabel(S, m); };
    var side = function (x) { return x.label + (x.comment ? " – " + x.comment : ""); };
    var changed = function (x) { return x.diff; };
    var B2 = [
      { h: 1, text: C.fmt(S.ws_cmp_title, { a: A.name, b: B.name }) },
      { p: C.fmt(S.ws_report_meta, { worksheet: ws.title, date: C.formatDate(now || new Date(), ws.lang) }) },
      { p: C.fmt(S.ws_cmp_count, { count: cmp.changed }) },
      { h: 2, text: S.ws_cmp_themes },
      { table: { head: [S.ws_theme, A.name, B.name, S.ws_cmp_diff], rows: cmp.themes.map(function (t) {
        return [t.title, res(t.a), res(t.b), mark(t.diff)];
      }) } }
    ];
    var qs = cmp.questions.filter(changed);
    if (qs.length) {
      B2.push({ h: 2, text: S.ws_cmp_answers }, { table: { head: [S.ws_theme, S.ws_question, A.name, B.name, S.ws_cmp_diff], rows: qs.map(function (q) {
        return [q.theme, q.text, side(q.a), side(q.b), S.ws_cmp_changed];
      }) } });
    }
    if (cmp.goals.length) {
      B2.push({ h: 2, text: S.ws_goal_assess_heading }, { table: { head: [S.ws_goal, A.name, B.name, S.ws_cmp_diff], rows: cmp.goals.map(function (g) {
        return [g.text, g.a, g.b, mark(g.diff)];
      }) } });
    }
    var as = cmp.areas.filter(changed);
    if (as.length) {
      B2.push({ h: 2, text: S.ws_cmp_areas }, { table: { head: [S.ws_area_name, S.ws_theme, A.name, B.name, S.ws_cmp_diff], rows: as.map(function (x) {
        return [x.area, x.theme, x.a, x.b, S.ws_cmp_changed];
      }) } });
    }
    return B2;
  }

  // ---------------------------------------------------------------------
  // Report sections.

  /** reportExtra adds the red thread, goals and area table to the report blocks B. */
  function reportExtra(B, ctx) {
    var ws = ctx.ws, a = ctx.a, S = ctx.S;
    if (ws.goals === "define") {
      B.push({ h: 2, text: S.ws_goals_heading });
      if (a.goals && a.goals.length) B.push({ list: a.goals.map(function (g) { return g.text || S.ws_untitled; }) });
      else B.push({ p: S.ws_goals_none });
    }
    if (a.thread || ws.goals === "assess") B.push({ h: 2, text: S.ws_rt_heading });
    if (a.thread) {
      var v = threadView(ws, ctx.sum, a.thread);
      B.push({ p: threadSource(S, v.level, a.thread, ws.lang) });
      B.push({ p: v.flagged.length ? C.fmt(S.ws_rt_flagged, { themes: C.joinList(v.rows.filter(function (r) { return r.flag; }).map(function (r) { return r.title; }), S.ws_and) }) : S.ws_rt_no_flags });
      // Themes neither step has answered are left out.
      var shown = v.rows.filter(function (r) { return r.answers.length || r.now !== "unanswered"; });
      B.push({ h: 3, text: S.ws_rt_table });
      B.push({ table: { head: [S.ws_theme, C.fmt(S.ws_rt_in, { level: v.level.title }), S.ws_rt_now, S.ws_rt_flag], rows: shown.map(function (r) {
        return [r.title, earlierText(S, r), C.SYMBOLS[r.now] + " " + C.stateLabel(S, r.now), r.flag ? S.ws_rt_flag_text : ""];
      }) } });
    } else if (ws.goals === "assess") B.push({ p: S.ws_rt_none });
    if (ws.goals === "assess") {
      var rows = goalRows(a);
      B.push({ h: 3, text: S.ws_goal_assess_heading });
      if (!rows.length) B.push({ p: S.ws_goal_no_goals });
      else B.push({ table: { head: [S.ws_goal, S.ws_goal_effect, S.ws_comment_short], rows: rows.map(function (g) {
        return [g.text, (g.effect ? EFFECT_SYMBOLS[g.effect] + " " : "") + effectLabel(S, g.effect), g.comment];
      }) } });
    }
    if (ws.areas && a.areas && a.areas.length) {
      var tab = areaTable(ws, a);
      B.push({ h: 2, text: S.ws_area_table });
      B.push({ p: S.ws_area_table_help });
      B.push({ table: { head: [S.ws_theme].concat(tab.areas.map(function (r) { return r.name; })), rows: tab.rows.map(function (r) {
        return [r.title].concat(r.cells.map(function (c) { return c.symbol + (c.note ? " " + c.note : ""); }));
      }) } });
      // Word joiners keep a sign sequence such as −−−− on one line.
      B.push({ p: S.ws_area_legend + " " + GRADES.map(function (g) { return GRADE_SYMBOLS[g].split("").join("\u2060") + " = " + S["ws_grade_" + g].toLowerCase(); }).join(", ") + ", · = " + S.ws_grade_none.toLowerCase() + "." });
    }
  }

  /** threadSource says which assessment the red thread was fetched from. */
  function threadSource(S, level, th, lang) {
    return C.fmt(S.ws_rt_source, { name: th.name, level: level.title, date: th.updated ? C.formatDate(new Date(th.updated), lang) : "–" });
  }

  /** earlierText is an earlier step's answers to a theme as one line. */
  function earlierText(S, r) {
    if (!r.inLevel) return S.ws_rt_not_in_level;
    if (!r.answers.length) return S.ws_m_unanswered;
    return r.answers.map(function (x) { return (x.label || "–") + (x.comment ? " (" + x.comment + ")" : ""); }).join("; ");
  }

  /** sfExtra adds the red thread and goals to the saksframlegg text. */
  function sfExtra(out, ctx) {
    var a = ctx.a, S = ctx.S, ps = [];
    if (!a.thread) return;
    var v = threadView(ctx.ws, ctx.sum, a.thread);
    if (!v.level) return;
    ps.push(threadSource(S, v.level, a.thread, ctx.ws.lang));
    if (v.flagged.length) ps.push(C.fmt(S.ws_rt_flagged, { themes: C.joinList(v.rows.filter(function (r) { return r.flag; }).map(function (r) { return r.title; }), S.ws_and) }));
    var by = { supports: [], weakens: [], neutral: [] };
    goalRows(a).forEach(function (g) { if (g.effect) by[g.effect].push("«" + g.text + "»"); });
    EFFECTS.forEach(function (e) {
      if (by[e].length) ps.push(C.fmt(S["ws_sf_goal_" + e], { goals: C.joinList(by[e], S.ws_and) }));
    });
    out.push({ heading: S.ws_rt_heading, paragraphs: ps });
  }

  /** sections returns the report blocks of the red thread, goals and areas of assessment a. */
  function sections(ws, idx, sum, a, S) {
    var B = [];
    reportExtra(B, { ws: ws, idx: idx, S: S, a: a, sum: sum });
    return B;
  }

  var api = {
    EFFECTS: EFFECTS, EFFECT_SYMBOLS: EFFECT_SYMBOLS, GRADES: GRADES, GRADE_SYMBOLS: GRADE_SYMBOLS,
    newItemId: newItemId, levelOf: levelOf, snapshotOf: snapshotOf, parseEarlier: parseEarlier,
    threadView: threadView, goalsToAssess: goalsToAssess, goalRows: goalRows, effectLabel: effectLabel,
    gradeText: gradeText, areaTable: areaTable, compare: compare, compareBlocks: compareBlocks,
    earlierText: earlierText, threadSource: threadSource, sections: sections
  };
  C.extend({ normalize: normalizeExtra, file: fileExtra, report: reportExtra, saksframlegg: sfExtra });
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.HjelperenThread = api;
})(typeof self !== "undefined" ? self : globalThis);
