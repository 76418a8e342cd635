// Worksheet UI: storage.
//
// Everything is kept in localStorage under "hjelperen.ws.<worksheet>.",
// one key per answer, so that two tabs typing in different fields never
// overwrite each other (a tab writes only the keys of what was edited in
// it). Keys after the prefix:
//
//   m.<id>          an assessment's name and creation time
//   q.<id>.<qid>    one answer: {option, comment, question, t}
//   c.<id>.<a>b>    how one goal conflict is assessed: {status, weighs,
//                   handling, note, t} (schema 1 keys were <a|b>)
//   d.<id>.<qid>    a knowledge gap on the to-do list: {v, t}
//   e.<id>.<field>  a field other parts add (thread, goals, goalRatings,
//                   areas): {v, t}
//   x.<id>          when it was last exported to a file: {t}
//   o.<id>          answers, conflicts and to-do marks of questions and
//                   themes the worksheet no longer has (no field can
//                   change them), together: {answers, conflicts, todo, t}
//   index           the order of the assessments and the last one shown
//   a.<id>          an assessment saved whole by an earlier version; read,
//                   split into the keys above and removed (see migrate)
//
// t is the time of the edit in milliseconds. A removed answer is kept as
// an entry without text and with its time, so an older copy (another tab,
// an old whole-assessment key) can never bring it back. The list of
// assessments is rebuilt from the keys on every load: an assessment with
// any key left is listed, whatever the index says.
//
// Every access is wrapped: localStorage may be missing, blocked (file://
// or privacy settings) or full. What could not be written is kept in
// W.unsaved and written again with the next save that succeeds.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C;

  W.storage = null;
  W.storageOK = true;
  W.unsaved = Object.create(null); // key → value that could not be written
  var P = ""; // key prefix of this worksheet, set by openStorage

  /** openStorage checks that localStorage can be written. */
  W.openStorage = function () {
    P = W.PREFIX + "ws." + W.ws.worksheet + ".";
    try {
      W.storage = window.localStorage;
      W.storage.setItem(W.PREFIX + "probe", "1");
      W.storage.removeItem(W.PREFIX + "probe");
    } catch (e) {
      // A full storage refuses the probe too; it can still be read.
      try { W.storage = window.localStorage; W.storage.getItem(W.PREFIX + "probe"); } catch (e2) { W.storage = null; }
      W.storageOK = false;
    }
  };

  /** parseKey splits a storage key of this worksheet into {kind, id, item}, or returns null. */
  W.parseKey = function (key) { return parseKeyIn(P, key); };
  function parseKeyIn(prefix, key) {
    if (typeof key !== "string" || key.indexOf(prefix) !== 0) return null;
    var m = /^([amoqcdex])\.(v-[a-z0-9-]{1,64})(?:\.(.+))?$/.exec(key.slice(prefix.length));
    if (!m || (/[qcde]/.test(m[1]) !== !!m[3])) return null;
    return { kind: m[1], id: m[2], item: m[3] || "" };
  }
  function keyOf(kind, id, item) { return P + kind + "." + id + (item ? "." + item : ""); }

  function readRaw(key) {
    try { return W.storage ? W.storage.getItem(key) : null; } catch (e) { return null; }
  }
  function parse(v) {
    if (!v) return null;
    try { return JSON.parse(v); } catch (e) { return null; }
  }
  /** stamp returns a valid edit time from a stored value, or 0. */
  function stamp(v) { return v && typeof v.t === "number" && isFinite(v.t) && v.t > 0 ? v.t : 0; }

  /**
   * writeKey stores value under key and reports whether it could. What
   * fails is remembered; a write that succeeds writes those again.
   */
  W.writeKey = function (key, value) {
    try {
      if (!W.storage) throw new Error("no storage");
      W.storage.setItem(key, value);
    } catch (e) {
      W.unsaved[key] = value;
      W.storageOK = false;
      return false;
    }
    delete W.unsaved[key];
    if (!W.storageOK) retryUnsaved();
    return true;
  };
  function retryUnsaved() {
    var keys = Object.keys(W.unsaved);
    for (var i = 0; i < keys.length; i++) {
      try { W.storage.setItem(keys[i], W.unsaved[keys[i]]); } catch (e) { return; }
      delete W.unsaved[keys[i]];
    }
    W.storageOK = true;
    W.storageRecovered();
  }
  /** removeKey removes key; failures are ignored. */
  W.removeKey = function (key) {
    delete W.unsaved[key];
    try { if (W.storage) W.storage.removeItem(key); } catch (e) { /* ignore */ }
  };

  // ---------------------------------------------------------------------
  // Loading.

  /**
   * scan reads every key of a worksheet (prefix) and groups them by
   * assessment: id → {legacy, meta, rest, x, answers, conflicts, todo,
   * extras, t}. only limits it to one assessment.
   */
  function scan(prefix, only) {
    var by = Object.create(null);
    if (!W.storage) return by;
    var keys = [];
    try { for (var i = 0; i < W.storage.length; i++) keys.push(W.storage.key(i)); } catch (e) { return by; }
    keys.forEach(function (key) {
      var k = parseKeyIn(prefix, key);
      if (!k || (only && k.id !== only)) return;
      var g = by[k.id] || (by[k.id] = { legacy: null, meta: null, rest: null, x: 0, answers: {}, conflicts: {}, todo: {}, extras: {}, t: Object.create(null) });
      var v = parse(readRaw(key));
      if (!v || typeof v !== "object") return;
      if (k.kind === "a") g.legacy = v;
      else if (k.kind === "o") g.rest = v;
      else if (k.kind === "m") g.meta = v;
      else if (k.kind === "x") g.x = stamp(v);
      else {
        g.t[k.kind + "." + k.item] = stamp(v);
        if (k.kind === "q") g.answers[k.item] = { option: v.option, comment: v.comment, question: v.question };
        else if (k.kind === "c") g.conflicts[k.item] = { status: v.status, weighs: v.weighs, handling: v.handling, note: v.note };
        else if (k.kind === "e") g.extras[k.item] = v.v;
        else g.todo[k.item] = v.v === true;
      }
    });
    return by;
  }

  /**
   * rawOf merges what scan found for one assessment into one object, as
   * an older version stored it whole: the old whole-assessment key first,
   * then the key of what no field can change, then the keys of single
   * answers (newer). Entries left without text are removals.
   */
  function rawOf(id, g) {
    var old = isObj(g.legacy) ? g.legacy : {};
    var rest = isObj(g.rest) ? g.rest : {};
    var meta = g.meta || {};
    var part = function (name, own) {
      var o = Object.assign({}, isObj(old[name]) ? old[name] : {}, isObj(rest[name]) ? rest[name] : {}, own);
      Object.keys(o).forEach(function (k) { if (!o[k] || (isObj(o[k]) && !o[k].option && !o[k].comment && !o[k].handling && !o[k].note && !o[k].status && !o[k].weighs)) delete o[k]; });
      return o;
    };
    var raw = {};
    Object.keys(old).forEach(function (k) { if (!CORE[k]) raw[k] = old[k]; });
    Object.keys(g.extras).forEach(function (k) { if (g.extras[k] == null) delete raw[k]; else raw[k] = g.extras[k]; });
    raw.id = id;
    raw.name = meta.name !== undefined ? meta.name : old.name;
    raw.created = meta.created || old.created;
    raw.answers = part("answers", g.answers);
    raw.conflicts = part("conflicts", g.conflicts);
    raw.todo = part("todo", g.todo);
    var latest = Date.parse(old.updated) || 0;
    Object.keys(g.t).concat(["m", "o"]).forEach(function (k) {
      var t = k === "m" ? stamp(meta) : k === "o" ? stamp(rest) : g.t[k];
      if (t > latest) latest = t;
    });
    raw.updated = latest ? new Date(latest).toISOString() : old.updated;
    return raw;
  }
  // The fields every assessment has; other parts (the red thread, goals,
  // areas) add fields of their own, stored one key each (kind e).
  var CORE = { id: 1, name: 1, created: 1, updated: 1, answers: 1, conflicts: 1, todo: 1 };

  /** assemble makes a checked assessment of the keys scan found for id, or returns null. */
  function assemble(id, g) {
    var raw = rawOf(id, g);
    var r = C.normalize(raw, W.ws, W.idx, W.S, false);
    if (!r.ok || r.assessment.id !== id) return null;
    var a = r.assessment;
    a._t = g.t;
    a._t.o = stamp(g.rest);
    a._t.m = stamp(g.meta);
    a._stored = !!g.meta;
    a.exported = g.x;
    a.updated = raw.updated || a.updated;
    return a;
  }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  /**
   * savedOf returns the assessments saved in this browser for another
   * worksheet, as stored (the red thread cleans what it takes from them),
   * newest first.
   */
  W.savedOf = function (worksheet) {
    var by = scan(W.PREFIX + "ws." + worksheet + ".", null);
    return Object.keys(by).map(function (id) { return rawOf(id, by[id]); })
      .sort(function (x, y) { return String(y.updated).localeCompare(String(x.updated)); });
  };

  /** loadOne reads one assessment from storage, or returns null if nothing of it is stored. */
  W.loadOne = function (id) {
    var g = scan(P, id)[id];
    return g ? assemble(id, g) : null;
  };

  /** loadAll reads the saved assessments, moves whole-assessment keys to per-answer keys and picks the current one. */
  W.loadAll = function () {
    var by = scan(P, null);
    var index = parse(readRaw(P + "index")) || {};
    var order = Array.isArray(index.ids) ? index.ids.filter(function (id) { return typeof id === "string" && by[id]; }) : [];
    var rest = Object.keys(by).filter(function (id) { return order.indexOf(id) < 0; });
    var list = [];
    order.concat(rest).forEach(function (id) {
      var a = assemble(id, by[id]);
      if (a) list.push(a);
      if (a && by[id].legacy) migrate(a, by[id]);
    });
    // Assessments the index did not know come after, oldest first.
    var known = order.length;
    W.list = list.slice(0, known).concat(list.slice(known).sort(function (x, y) { return x.created < y.created ? -1 : x.created > y.created ? 1 : 0; }));
    W.current = W.list.filter(function (a) { return a.id === index.current; })[0] || W.list[0] || null;
    if (!W.current) {
      W.current = W.newAssessment(W.S.ws_first_name);
      W.list.push(W.current);
    }
  };

  /**
   * migrate writes an assessment read from an old whole-assessment key as
   * per-answer keys, then removes the old key. If storage is full, the old
   * key stays and is read again next time: nothing is lost either way.
   */
  function migrate(a, g) {
    var t = Date.parse(g.legacy.updated) || 1;
    var ok = true;
    if (!g.meta) ok = writeMeta(a, t) && ok;
    eachItem(a, function (kind, item, value) {
      if (!(kind + "." + item in g.t)) ok = writeItem(a, kind, item, value, t) && ok;
    });
    if (!g.rest) ok = writeRest(a, t) && ok;
    if (ok) W.removeKey(keyOf("a", a.id));
  }

  // ---------------------------------------------------------------------
  // Saving.

  /** newAssessment returns an empty assessment with edit times. */
  W.newAssessment = function (name) {
    var a = C.newAssessment(W.ws, name);
    a._t = Object.create(null);
    a._t.m = Date.now();
    a._stored = false;
    a.exported = 0;
    return a;
  };

  /**
   * eachItem calls f(kind, item, value) for every answer, conflict
   * handling and to-do mark of a that the worksheet has a field for; the
   * rest is stored together by writeRest (a file may bring thousands,
   * and one key costs as much to write as a 100 kB value).
   */
  function eachItem(a, f) {
    Object.keys(a.answers).forEach(function (q) { if (known("q", q)) f("q", q, a.answers[q]); });
    Object.keys(a.conflicts).forEach(function (c) { if (known("c", c)) f("c", c, a.conflicts[c]); });
    Object.keys(a.todo).forEach(function (q) { if (known("d", q)) f("d", q, true); });
    extraFields(a).forEach(function (k) { f("e", k, a[k]); });
  }
  /** extraFields lists the fields other parts added to a (see CORE). */
  function extraFields(a) {
    return Object.keys(a).filter(function (k) { return !CORE[k] && k.charAt(0) !== "_" && k !== "exported"; });
  }
  /** copyContent copies everything but the identity (ID, name, times) from one assessment to another. */
  W.copyContent = function (from, to) {
    Object.keys(from).forEach(function (k) {
      if (!/^(id|name|created|updated|exported)$/.test(k) && k.charAt(0) !== "_") to[k] = from[k];
    });
  };
  function known(kind, item) {
    if (kind !== "c") return !!W.idx.questions[item];
    var ab = item.split(/[|>]/);
    return !!(W.idx.themes[ab[0]] && W.idx.themes[ab[1]]);
  }
  /** writeRest stores the parts of a that eachItem leaves out, or removes their key if there are none. */
  function writeRest(a, t) {
    var rest = { answers: {}, conflicts: {}, todo: {}, t: t }, any = false;
    [["answers", "q"], ["conflicts", "c"], ["todo", "d"]].forEach(function (x) {
      Object.keys(a[x[0]]).forEach(function (k) { if (!known(x[1], k)) { rest[x[0]][k] = a[x[0]][k]; any = true; } });
    });
    a._t.o = t;
    if (!any) { W.removeKey(keyOf("o", a.id)); return true; }
    return W.writeKey(keyOf("o", a.id), JSON.stringify(rest));
  }

  function itemValue(kind, value, t) {
    if (kind === "d") return { v: value === true, t: t };
    if (kind === "e") return { v: value === undefined ? null : value, t: t };
    var v = { t: t };
    if (value) Object.keys(value).forEach(function (k) { if (k !== "t") v[k] = value[k]; });
    return v;
  }
  function writeItem(a, kind, item, value, t) {
    a._t[kind + "." + item] = t;
    return W.writeKey(keyOf(kind, a.id, item), JSON.stringify(itemValue(kind, value, t)));
  }
  function writeMeta(a, t) {
    a._t.m = t;
    var ok = W.writeKey(keyOf("m", a.id), JSON.stringify({ name: a.name, created: a.created, t: t }));
    if (ok) a._stored = true;
    return ok;
  }
  /** touch marks a as changed now and says whether saving worked. */
  function touch(a, ok, field) {
    var now = new Date();
    a.updated = now.toISOString();
    W.saveStatus(ok, field);
    W.showExported();
    if (ok) W.setText(W.statusBox, W.t("ws_saved_at", { time: (now.getHours() < 10 ? "0" : "") + now.getHours() + ":" + (now.getMinutes() < 10 ? "0" : "") + now.getMinutes() }));
    return ok;
  }

  /**
   * saveItem stores one answer (kind "q"), conflict handling ("c") or
   * to-do mark ("d") of assessment a; value null removes it. field is the
   * form control it was edited in, next to which a failure is shown.
   */
  W.saveItem = function (a, kind, item, value, field) {
    var t = Date.now();
    // The first answer of an assessment never saved (the one a first
    // visit starts with) saves its name and the index too.
    var ok = a._stored || (writeMeta(a, t) && W.saveIndex());
    return touch(a, writeItem(a, kind, item, value, t) && ok, field);
  };
  /** saveMeta stores the name of a. */
  W.saveMeta = function (a, field) {
    return touch(a, writeMeta(a, Date.now()), field);
  };
  /**
   * saveAssessment stores the fields other parts add to a (the red
   * thread, goals, areas), one key each; a field removed from a is
   * removed from storage. Answers, conflict handling and to-do marks are
   * saved one by one with saveItem.
   */
  W.saveAssessment = function (a, field) {
    var t = Date.now();
    var ok = a._stored || (writeMeta(a, t) && W.saveIndex());
    var now = extraFields(a);
    now.forEach(function (k) { ok = writeItem(a, "e", k, a[k], t) && ok; });
    Object.keys(a._t).forEach(function (k) {
      if (k.indexOf("e.") === 0 && now.indexOf(k.slice(2)) < 0 && a._t[k]) ok = writeItem(a, "e", k.slice(2), null, t) && ok;
    });
    return touch(a, ok, field);
  };
  /** saveAll stores every part of a (a new, copied, imported or restored assessment) and the index. */
  W.saveAll = function (a, field) {
    var t = Date.now(), ok = writeMeta(a, t);
    eachItem(a, function (kind, item, value) { ok = writeItem(a, kind, item, value, t) && ok; });
    ok = writeRest(a, t) && ok;
    return touch(a, W.saveIndex() && ok, field);
  };
  /** saveIndex stores the order of the assessments and which is current. */
  W.saveIndex = function () {
    return W.writeKey(P + "index", JSON.stringify({ ids: W.list.map(function (a) { return a.id; }), current: W.current.id }));
  };
  /** markExported records that a was saved to a file now. */
  W.markExported = function (a) {
    a.exported = Date.now();
    W.writeKey(keyOf("x", a.id), JSON.stringify({ t: a.exported }));
  };

  /** removeStored removes every key of assessment id (its answers first, its name last). */
  W.removeStored = function (id) {
    var keys = [];
    try { for (var i = 0; i < W.storage.length; i++) keys.push(W.storage.key(i)); } catch (e) { /* none */ }
    keys.map(function (k) { return { key: k, p: W.parseKey(k) }; })
      .filter(function (x) { return x.p && x.p.id === id; })
      .sort(function (x, y) { return (x.p.kind === "m") - (y.p.kind === "m"); })
      .forEach(function (x) { W.removeKey(x.key); });
    Object.keys(W.unsaved).forEach(function (k) { var p = W.parseKey(k); if (p && p.id === id) delete W.unsaved[k]; });
  };

  /** deleteAllStored removes every key of the toolbox from localStorage and sessionStorage. */
  W.deleteAllStored = function () {
    [W.storage, W.session()].forEach(function (st) {
      try {
        if (!st) return;
        var keys = [];
        for (var i = 0; i < st.length; i++) { var k = st.key(i); if (k && k.indexOf(W.PREFIX) === 0) keys.push(k); }
        keys.forEach(function (k) { st.removeItem(k); });
      } catch (e) { /* nothing stored */ }
    });
    W.unsaved = Object.create(null);
  };
  /** session returns sessionStorage, or null where it is blocked. */
  W.session = function () { try { return window.sessionStorage; } catch (e) { return null; } };
})();
