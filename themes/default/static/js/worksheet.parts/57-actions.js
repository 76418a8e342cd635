// Worksheet UI: actions on weak answers.
//
// Every answer that weakens a theme, is «delvis» or shows a knowledge gap
// can carry an action: the size of the effect, an avbøtende tiltak, who is
// responsible and a deadline. The list shows each with its suggestions
// (chosen per question or kjøreregel where content says so, else the
// theme's); the visible line says the action, so print shows it.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h, setText = W.setText, t = W.t;

  var list, empty, items = new Map();

  /** buildActions adds the action section to the summary. */
  W.buildActions = function (summaryEl) {
    var S = W.S;
    list = h("ul", { class: "ws-actions" });
    empty = h("p", { text: S.ws_no_actions });
    summaryEl.appendChild(h("section", { class: "ws-sum-actions", "aria-labelledby": "ws-act-h" }, [
      h("h3", { id: "ws-act-h", text: S.ws_actions }), h("p", { class: "hint", text: S.ws_actions_help }), empty, list
    ]));
    list.addEventListener("change", onEdit);
    list.addEventListener("input", onEdit);
  };

  /** updateActions lists the answers that need an action (see W.update). */
  W.updateActions = function (sum, changed) {
    var want = new Set(sum.actions);
    items.forEach(function (li, k) { if (!want.has(k)) { li.remove(); items.delete(k); } });
    var prev = null;
    sum.actions.forEach(function (qid) {
      var li = items.get(qid);
      if (!li) { li = item(qid); items.set(qid, li); li._fresh = true; }
      var at = prev ? prev.nextSibling : list.firstChild;
      if (at !== li) list.insertBefore(li, at);
      prev = li;
      if (changed === null || li._fresh || changed.indexOf(qid) >= 0) { fill(li); li._fresh = false; }
    });
    empty.hidden = sum.actions.length > 0;
  };

  function links(label, ls) {
    if (!ls.length) return null;
    var p = h("p", { class: "ws-gap-links no-print" }, [label + ": "]);
    ls.forEach(function (l, i) { if (i) p.appendChild(document.createTextNode(", ")); p.appendChild(h("a", { href: l.url, text: l.title })); });
    return p;
  }

  /** item makes an answer's list item; the form comes on first open. */
  function item(qid) {
    var S = W.S, e = W.idx.questions[qid], sg = C.suggestionsFor(W.idx, qid);
    var answer = h("p", { class: "ws-action-answer" });
    var state = h("p", { class: "ws-action-state" });
    var details = h("details", { class: "ws-handling no-print" }, [h("summary", { text: S.ws_action_edit })]);
    var li = h("li", { class: "ws-action", "data-question": qid }, [
      h("p", { class: "ws-action-q" }, [h("strong", { text: e.theme.title + ": " }), e.q.text]),
      answer, state, links(S.ws_funding, sg.funding), links(S.ws_methods, sg.methods), details
    ]);
    li._qid = qid; li._answer = answer; li._state = state;
    details.addEventListener("toggle", function () { if (details.open && !li._f) fields(li); });
    return li;
  }

  function fields(li) {
    var S = W.S, id = "act-" + li._qid;
    var size = h("select", { id: id + "-s", "data-field": "size" }, [h("option", { value: "", text: S.ws_size_open })].concat(C.SIZES.map(function (k) {
      return h("option", { value: k, text: S["ws_size_" + k] });
    })));
    var measure = h("textarea", { id: id + "-m", rows: "3", "data-field": "measure" });
    var owner = h("input", { type: "text", id: id + "-o", "data-field": "owner", autocomplete: "off" });
    var due = h("input", { type: "text", id: id + "-d", "data-field": "due", autocomplete: "off", "aria-describedby": id + "-dh" });
    var d = li.querySelector("details");
    [[size, S.ws_size_label], [measure, S.ws_measure], [owner, S.ws_owner]].forEach(function (p) {
      d.appendChild(h("div", { class: "ws-field" }, [h("label", { for: p[0].id, text: p[1] }), p[0]]));
    });
    d.appendChild(h("div", { class: "ws-field" }, [h("label", { for: due.id, text: S.ws_due }), h("p", { class: "hint", id: id + "-dh", text: S.ws_due_help }), due]));
    li._f = { size: size, measure: measure, owner: owner, due: due };
    fill(li);
  }

  /** fill shows the answer and the saved action in the item. */
  function fill(li) {
    var S = W.S, a = W.current.answers[li._qid] || {}, x = (W.current.actions || {})[li._qid] || {};
    setText(li._answer, C.sentences([C.answerText(W.idx, S, a), a.comment]));
    setText(li._state, x.measure || x.size || x.owner || x.due ? C.sentences([
      x.size ? S.ws_size + ": " + S["ws_size_" + x.size].toLowerCase() : "", x.measure ? S.ws_measure + ": " + x.measure : "",
      x.owner ? S.ws_owner + ": " + x.owner : "", x.due ? S.ws_due + ": " + x.due : ""]) : S.ws_no_action_yet);
    li.setAttribute("data-has-action", x.measure ? "true" : "false");
    var f = li._f;
    if (!f) return;
    ["size", "measure", "owner", "due"].forEach(function (k) { if (f[k].value !== (x[k] || "")) f[k].value = x[k] || ""; });
  }

  function onEdit(e) {
    var li = e.target.closest(".ws-action");
    if (!e.target.getAttribute("data-field") || !li || !li._f) return;
    var f = li._f, cur = W.current;
    var v = { size: f.size.value, measure: f.measure.value, owner: f.owner.value, due: f.due.value };
    if (!cur.actions) cur.actions = {};
    if (v.size || v.measure || v.owner || v.due) cur.actions[li._qid] = v; else delete cur.actions[li._qid];
    // Actions are one of the fields stored beside the answers (20-storage.js).
    W.saveAssessment(cur, e.target);
    fill(li);
    if (e.type === "change") W.renderSF();
  }
})();
