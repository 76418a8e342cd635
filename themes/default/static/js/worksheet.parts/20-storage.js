// Worksheet UI: storage.
//
// Assessments are kept in localStorage, one key per assessment plus an
// index per worksheet, all under the "hjelperen." prefix. Every change is
// saved at once. Every access is wrapped: localStorage may be missing,
// blocked (file:// or privacy settings) or full.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C;

  W.storage = null;
  W.storageOK = true;

  /** openStorage checks that localStorage can be written. */
  W.openStorage = function () {
    try {
      W.storage = window.localStorage;
      W.storage.setItem(W.PREFIX + "probe", "1");
      W.storage.removeItem(W.PREFIX + "probe");
    } catch (e) { W.storage = null; W.storageOK = false; }
  };

  /** readJSON returns the parsed value of key, or null. */
  W.readJSON = function (key) {
    if (!W.storage) return null;
    try { var v = W.storage.getItem(key); return v ? JSON.parse(v) : null; } catch (e) { return null; }
  };
  /** writeKey stores value under key and reports whether it could. */
  W.writeKey = function (key, value) {
    if (!W.storage) { W.storageFailed(); return false; }
    try { W.storage.setItem(key, value); } catch (e) { W.storageFailed(); return false; }
    if (!W.storageOK) { W.storageOK = true; W.setText(W.alertBox, ""); }
    return true;
  };
  /** removeKey removes key; failures are ignored. */
  W.removeKey = function (key) { try { if (W.storage) W.storage.removeItem(key); } catch (e) { /* ignore */ } };

  /** loadAll reads the saved assessments and picks the current one. */
  W.loadAll = function () {
    var ws = W.ws, S = W.S;
    var index = W.readJSON(W.KEY_INDEX);
    var ids = index && Array.isArray(index.ids) ? index.ids : [];
    ids.forEach(function (id) {
      if (typeof id !== "string") return;
      var r = C.normalize(W.readJSON(W.KEY_A + id), ws, W.idx, S, false);
      if (r.ok && r.assessment.id === id) W.list.push(r.assessment);
    });
    var cur = index && W.list.filter(function (a) { return a.id === index.current; })[0];
    W.current = cur || W.list[0] || null;
    if (!W.current) {
      W.current = C.newAssessment(ws, S.ws_first_name);
      W.list.push(W.current);
    }
  };
  /**
   * savedOf returns the assessments saved in this browser for another
   * worksheet, as stored (the red thread cleans what it takes from them),
   * newest first.
   */
  W.savedOf = function (worksheet) {
    var key = W.PREFIX + "ws." + worksheet + ".";
    var index = W.readJSON(key + "index");
    var out = [];
    (index && Array.isArray(index.ids) ? index.ids : []).forEach(function (id) {
      var a = typeof id === "string" ? W.readJSON(key + "a." + id) : null;
      if (a && typeof a === "object" && a.id === id) out.push(a);
    });
    return out.sort(function (x, y) { return String(y.updated).localeCompare(String(x.updated)); });
  };
  /** saveIndex stores the list of assessments and which is current. */
  W.saveIndex = function () {
    return W.writeKey(W.KEY_INDEX, JSON.stringify({ ids: W.list.map(function (a) { return a.id; }), current: W.current.id }));
  };
  /** saveAssessment stores assessment a and the index, and says so in the status line. */
  W.saveAssessment = function (a) {
    a.updated = new Date().toISOString();
    var ok = W.writeKey(W.KEY_A + a.id, JSON.stringify(a)) && W.saveIndex();
    if (ok) {
      var d = new Date();
      W.setText(W.statusBox, W.t("ws_saved_at", { time: (d.getHours() < 10 ? "0" : "") + d.getHours() + ":" + (d.getMinutes() < 10 ? "0" : "") + d.getMinutes() }));
    }
    return ok;
  };
  /** storageFailed tells the reader that changes are not being saved. */
  W.storageFailed = function () {
    W.storageOK = false;
    W.setText(W.statusBox, W.S.ws_not_saved);
    W.showMessages(W.alertBox, [W.S.ws_storage_failed], "error");
  };

  /** deleteAllStored removes every key of the toolbox from localStorage. */
  W.deleteAllStored = function () {
    try {
      if (!W.storage) return;
      var keys = [];
      for (var i = 0; i < W.storage.length; i++) { var k = W.storage.key(i); if (k && k.indexOf(W.PREFIX) === 0) keys.push(k); }
      keys.forEach(W.removeKey);
    } catch (e) { /* nothing stored */ }
  };
})();
