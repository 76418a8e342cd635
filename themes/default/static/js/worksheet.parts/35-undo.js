// Worksheet UI: undoing a delete.
//
// A deleted assessment is kept, answers and all, for the rest of the
// session: in memory and in sessionStorage (so a reload of the tab keeps
// it too), with an «Angre» button beside the delete button that writes
// it back.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h;

  var deleted = null; // assessments deleted in this session, oldest first
  function key() { return W.PREFIX + "ws." + W.ws.worksheet + ".deleted"; }

  /** readDeleted reads the assessments deleted earlier in this tab's session. */
  function readDeleted() {
    deleted = [];
    var st = W.session(), raw = null;
    try { raw = st && JSON.parse(st.getItem(key()) || "null"); } catch (e) { raw = null; }
    (Array.isArray(raw) ? raw : []).forEach(function (x) {
      var r = C.normalize(x, W.ws, W.idx, W.S, false);
      if (r.ok && !W.find(r.assessment.id)) deleted.push(r.assessment);
    });
  }
  function writeDeleted() {
    var st = W.session();
    try {
      if (deleted.length) st.setItem(key(), JSON.stringify(deleted.map(plain)));
      else st.removeItem(key());
    } catch (e) { /* kept in memory for this page only */ }
  }
  /** plain returns a without the storage bookkeeping (the fields starting with _). */
  function plain(a) {
    var o = {};
    Object.keys(a).forEach(function (k) { if (k.charAt(0) !== "_") o[k] = a[k]; });
    return o;
  }

  /** rememberDeleted keeps a deleted assessment so «Angre» can bring it back. */
  W.rememberDeleted = function (a) {
    if (!deleted) readDeleted();
    deleted.push(a);
    writeDeleted();
    W.renderUndo();
  };
  /** forgetDeleted drops what could be undone (after «delete everything»). */
  W.forgetDeleted = function () {
    deleted = [];
    W.renderUndo();
  };

  /** renderUndo shows an «Angre» button for each assessment deleted in this session. */
  W.renderUndo = function () {
    if (!deleted) readDeleted();
    var box = W.undoBox;
    box.textContent = "";
    deleted.forEach(function (a) {
      var btn = h("button", { type: "button", class: "ws-btn", text: W.S.ws_undo, "aria-label": W.t("ws_undo_delete", { name: a.name }) });
      btn.addEventListener("click", function () { restore(a); });
      box.appendChild(h("p", null, [W.t("ws_deleted", { name: a.name }) + " ", btn]));
    });
    box.hidden = !deleted.length;
  };

  function restore(a) {
    deleted = deleted.filter(function (x) { return x !== a; });
    writeDeleted();
    if (W.find(a.id)) a.id = C.newId(); // brought back in another tab meanwhile
    var back = W.newAssessment(a.name);
    back.id = a.id;
    back.created = a.created;
    W.copyContent(a, back);
    W.list.push(back);
    W.switchTo(back, true);
    W.saveAll(back, W.nameInput);
    W.renderUndo();
    W.setText(W.statusBox, W.t("ws_restored", { name: back.name }));
    W.nameInput.focus();
  }
})();
