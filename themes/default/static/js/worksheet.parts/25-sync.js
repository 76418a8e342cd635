// Worksheet UI: keeping answers safe.
//
// - Other tabs: every key another tab writes arrives here as a storage
//   event; a change newer than what this tab has is shown at once, an
//   older one is ignored, and an assessment created in another tab is
//   added to the list.
// - Failed saves are shown next to the field being edited (not only in
//   the toolbar, which may be far above), with a button to save to a file.
// - Leaving the page while something is not saved asks first.
// - The browser is asked to keep the storage (navigator.storage.persist)
//   after the first answer is saved.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h;

  /** find returns the assessment with id in the list, or null. */
  W.find = function (id) {
    for (var i = 0; i < W.list.length; i++) if (W.list[i].id === id) return W.list[i];
    return null;
  };

  // ---------------------------------------------------------------------
  // Save status.

  var persistAsked = false;

  /**
   * saveStatus shows the outcome of a save: when it failed, a message
   * next to field (the control edited), scrolled into view, and in the
   * toolbar; when everything is saved again, the messages go.
   */
  W.saveStatus = function (ok, field) {
    if (ok) {
      if (!persistAsked) askPersist();
      return;
    }
    W.setText(W.statusBox, W.S.ws_not_saved);
    field = field || document.activeElement; // the other parts save without naming the field
    var box = field && field.closest && field.closest(".ws-question, .ws-field, .ws-check, li");
    if (!box) { W.showMessages(W.alertBox, [W.S.ws_storage_failed], "error"); return; }
    var msg = box.querySelector(".ws-save-error");
    if (!msg) {
      var save = W.button("ws_save_file_now");
      save.addEventListener("click", function () { W.exportAs("json"); });
      msg = h("div", { class: "ws-save-error", role: "alert" }, [h("p", { text: W.S.ws_save_failed_here }), save]);
      box.appendChild(msg);
    }
    msg.scrollIntoView({ block: "nearest" });
  };
  /** storageRecovered removes the failure messages once everything is saved. */
  W.storageRecovered = function () {
    document.querySelectorAll(".ws-save-error").forEach(function (m) { m.remove(); });
    if (W.alertBox) W.setText(W.alertBox, "");
  };
  /** storageFailed tells the reader that the browser does not let the page save at all. */
  W.storageFailed = function () {
    W.storageOK = false;
    W.setText(W.statusBox, W.S.ws_not_saved);
    W.showMessages(W.alertBox, [W.S.ws_storage_failed], "error");
  };

  function askPersist() {
    persistAsked = true;
    var st = navigator.storage;
    if (!st || !st.persist || !st.persisted) return;
    st.persisted().then(function (yes) { return yes || st.persist(); }).catch(function () { /* not offered */ });
  }

  window.addEventListener("beforeunload", function (e) {
    if (!Object.keys(W.unsaved).length) return;
    e.preventDefault();
    e.returnValue = ""; // older browsers need a value to ask
  });

  // ---------------------------------------------------------------------
  // Other tabs.

  var pending = null; // question IDs to update, or true for everything
  var pickerStale = false;
  /** later batches the page updates of many storage events into one. */
  function later(qid) {
    if (pending === null && !pickerStale) setTimeout(flush, 50);
    if (qid === undefined) pickerStale = true;
    else if (qid === null || pending === true) pending = true;
    else (pending = pending || []).push(qid);
  }
  function flush() {
    var p = pending;
    pending = null;
    if (pickerStale) { pickerStale = false; W.refreshPicker(); }
    if (p === true) { W.fillForm(); W.update(null); } else if (p) { p.forEach(W.fillQuestion); W.update(p); }
  }

  /** validItem checks an item another tab wrote, as an import would. */
  function validItem(kind, item, v) {
    var raw = { id: "v-check", answers: {}, conflicts: {}, todo: {} };
    if (kind === "q") raw.answers[item] = { option: v.option, comment: v.comment, question: v.question };
    else if (kind === "c") raw.conflicts[item] = { handling: v.handling, note: v.note };
    else if (kind === "e") raw[item] = v.v;
    else if (v.v === true) raw.todo[item] = true;
    var a = C.normalize(raw, W.ws, W.idx, W.S, false).assessment;
    return kind === "q" ? a.answers[item] : kind === "c" ? a.conflicts[item] : kind === "e" ? a[item] : a.todo[item];
  }
  function parse(s) { try { return s ? JSON.parse(s) : null; } catch (e) { return null; } }
  function stamp(v) { return v && typeof v.t === "number" && isFinite(v.t) ? v.t : 0; }

  /** onStorage applies a change another tab made to localStorage. */
  function onStorage(e) {
    if (!W.current || (e.storageArea && e.storageArea !== W.storage)) return;
    if (e.key === null) { dropAll(); return; } // cleared
    var k = W.parseKey(e.key);
    // Whole-assessment keys are old; what no field can change (o) comes
    // only with an assessment's name key (new, imported, restored).
    if (!k || k.kind === "a" || k.kind === "o") return;
    var a = W.find(k.id), v = parse(e.newValue);
    if (k.kind === "m") {
      if (!v) { if (a) drop(a); return; }
      if (!a) { a = W.loadOne(k.id); if (a) add(a); return; }
      if (stamp(v) <= a._t.m) return;
      a._t.m = stamp(v);
      a.name = C.cleanText(v.name, 200).trim() || W.S.ws_untitled;
      if (a === W.current && document.activeElement !== W.nameInput) W.nameInput.value = a.name;
      later();
      return;
    }
    if (!a) return; // an assessment arrives with its name key first
    if (k.kind === "x") { a.exported = stamp(v); W.showExported(); return; }
    var tk = k.kind + "." + k.item;
    if (v && stamp(v) <= (a._t[tk] || 0)) return; // not newer than what this tab has
    var map = k.kind === "q" ? a.answers : k.kind === "c" ? a.conflicts : k.kind === "e" ? a : a.todo;
    var val = v ? validItem(k.kind, k.item, v) : null;
    if (val) map[k.item] = val; else delete map[k.item];
    a._t[tk] = stamp(v);
    if (a === W.current) later(k.kind === "q" ? k.item : null);
  }

  /**
   * add lists an assessment made in another tab. If this tab shows only
   * the empty assessment a first visit starts with, never saved, it shows
   * the new one instead.
   */
  function add(a) {
    var c = W.current;
    if (W.list.length === 1 && !c._stored && !Object.keys(c.answers).length) {
      W.list = [a];
      W.switchTo(a, true);
      return;
    }
    W.list.push(a);
    later();
  }

  /** drop removes an assessment deleted in another tab from the list. */
  function drop(a) {
    W.list = W.list.filter(function (x) { return x !== a; });
    if (a !== W.current) { later(); return; }
    if (!W.list.length) W.list.push(W.newAssessment(W.S.ws_first_name));
    W.switchTo(W.list[0], true);
  }
  function dropAll() {
    W.list = [W.newAssessment(W.S.ws_first_name)];
    W.switchTo(W.list[0], true);
  }

  window.addEventListener("storage", onStorage);
})();
