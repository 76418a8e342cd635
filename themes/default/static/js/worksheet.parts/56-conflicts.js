// Worksheet UI: goal-conflict candidates, grouped by the weakened theme.
//
// Candidates come from C.summarize (declared theme pairs with one theme
// improved and the other weakened; docs/goal-conflicts.md). For each the
// user says whether it is a real conflict, which consideration weighs most
// and why, and how it is handled. The visible text of each item says all
// of it, so print shows every reason; the form fields are in a <details>,
// made when it is first opened.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h, setText = W.setText, t = W.t;

  var box, empty, items = new Map(), groupKey = "", legacyList, legacySection;

  /** buildConflicts adds the goal-conflict section to the summary. */
  W.buildConflicts = function (summaryEl) {
    var S = W.S, ws = W.ws;
    box = h("div", { class: "ws-conflict-groups" });
    empty = h("p", { text: S.ws_no_conflicts });
    var help = [h("p", { class: "hint", text: ws.scale.conflicts === false ? S.ws_conflicts_off : S.ws_conflicts_help })];
    if (ws.dilemmaUrl) help.push(h("p", { class: "no-print" }, [h("a", { href: ws.dilemmaUrl, text: S.ws_dilemma_link })]));
    legacyList = h("ul", { class: "ws-legacy" });
    legacySection = h("section", { class: "ws-legacy-sec", hidden: true, "aria-labelledby": "ws-legacy-h" }, [
      h("h4", { id: "ws-legacy-h", text: S.ws_legacy }), h("p", { class: "hint", text: S.ws_legacy_help }), legacyList
    ]);
    summaryEl.appendChild(h("section", { class: "ws-sum-conflicts", "aria-labelledby": "ws-conf-h" },
      [h("h3", { id: "ws-conf-h", text: S.ws_conflicts })].concat(help, [empty, box, legacySection])));
    box.addEventListener("change", onEdit);
    box.addEventListener("input", onEdit);
  };

  /** updateConflicts shows the candidates of sum (see W.update). */
  W.updateConflicts = function (sum, changed) {
    var keys = sum.conflicts.map(function (c) { return c.key; });
    var byKey = new Map();
    sum.conflicts.forEach(function (c) { byKey.set(c.key, c); });
    items.forEach(function (li, k) { if (!byKey.has(k)) items.delete(k); });
    sum.conflicts.forEach(function (c) { if (!items.has(c.key)) items.set(c.key, item(c)); });
    // Regroup only when the candidates changed; items are reused.
    if (keys.join() !== groupKey) {
      groupKey = keys.join();
      box.textContent = "";
      sum.groups.forEach(function (g) {
        var hid = "ws-cg-" + g.theme;
        var ul = h("ul", { class: "ws-conflicts", "aria-labelledby": hid });
        g.items.forEach(function (c) { ul.appendChild(items.get(c.key)); });
        box.appendChild(h("section", { class: "ws-conflict-group" }, [h("h4", { id: hid, text: t("ws_weakened_group", { theme: W.idx.themes[g.theme].theme.title }) }), ul]));
      });
    }
    sum.conflicts.forEach(function (c) {
      var li = items.get(c.key);
      if (changed === null || li._fresh) { fill(li); li._fresh = false; }
    });
    empty.hidden = sum.conflicts.length > 0;
    if (changed === null || W.current.conflicts && Object.keys(W.current.conflicts).length !== legacySection._n) showLegacy(sum);
  };

  function showLegacy(sum) {
    var S = W.S, old = C.legacyDecisions(W.current, sum, W.idx);
    legacySection._n = Object.keys(W.current.conflicts).length;
    legacyList.textContent = "";
    old.forEach(function (o) {
      legacyList.appendChild(h("li", { text: C.sentences([o.a + " – " + o.b, o.decision.handling ? S["ws_handling_" + o.decision.handling] : "", o.decision.note]) }));
    });
    legacySection.hidden = !old.length;
  }

  function title(id) { return W.idx.themes[id].theme.title; }

  /** item makes a candidate's list item; the form comes on first open. */
  function item(c) {
    var S = W.S;
    var state = h("p", { class: "ws-conflict-state" });
    var sumEl = h("summary", { text: S.ws_conflict_assess });
    var details = h("details", { class: "ws-handling no-print" }, [sumEl]);
    var li = h("li", { class: "ws-conflict" + (c.across ? " ws-across" : ""), "data-key": c.key }, [
      h("p", { class: "ws-conflict-desc", text: t("ws_vb_conflict", { improved: title(c.improved), weakened: title(c.weakened) }) }),
      c.across ? h("p", { class: "ws-badge", text: "⇅ " + S.ws_across }) : null,
      c.reason ? h("p", { class: "ws-conflict-reason" }, [h("strong", { text: S.ws_conflict_reason + ": " }), c.reason]) : null,
      state,
      c.dilemma ? h("p", { class: "ws-conflict-dilemma" }, [h("a", { href: c.dilemma.url, text: t("ws_dilemma_practice", { title: c.dilemma.title }) })]) : null,
      details
    ]);
    li._c = c; li._state = state; li._fresh = true;
    details.addEventListener("toggle", function () { if (details.open && !li._f) fields(li); });
    return li;
  }

  /** fields makes the form of a candidate inside its <details>. */
  function fields(li) {
    var S = W.S, c = li._c, id = "cf-" + c.improved + "--" + c.weakened;
    var radios = function (name, legend, opts) {
      return h("fieldset", { class: "ws-radios" }, [h("legend", { text: legend })].concat(opts.map(function (o, i) {
        var rid = id + "-" + name + i;
        return h("div", { class: "ws-radio" }, [h("input", { type: "radio", id: rid, name: id + "-" + name, value: o[0], "data-field": name }), h("label", { for: rid, text: o[1] })]);
      })));
    };
    var status = radios("status", S.ws_status_label, [["", S.ws_status_open], ["confirmed", S.ws_status_confirmed], ["dismissed", S.ws_status_dismissed]]);
    var weighs = radios("weighs", S.ws_weighs_label, [[c.improved, title(c.improved)], [c.weakened, title(c.weakened)], ["", S.ws_weighs_open]]);
    var note = h("textarea", { id: id + "-n", rows: "3", "data-field": "note" });
    var sel = h("select", { id: id + "-h", "data-field": "handling" }, [h("option", { value: "", text: S.ws_handling_open })].concat(C.HANDLING.map(function (k) {
      return h("option", { value: k, text: S["ws_handling_" + k] });
    })));
    var d = li.querySelector("details");
    d.appendChild(status);
    d.appendChild(weighs);
    d.appendChild(h("div", { class: "ws-field" }, [h("label", { for: id + "-n", text: S.ws_why_label }), note]));
    d.appendChild(h("div", { class: "ws-field" }, [h("label", { for: id + "-h", text: t("ws_handling_label", { a: title(c.improved), b: title(c.weakened) }) }), sel]));
    li._f = { status: status, weighs: weighs, note: note, handling: sel };
    fill(li);
  }

  function decision(c) {
    var d = C.decisionOf(W.current, c);
    return { status: d && d.status || "", weighs: d && d.weighs || "", handling: d && d.handling || "", note: d && d.note || "" };
  }

  /** fill shows the saved assessment in the item's text and fields. */
  function fill(li) {
    var S = W.S, d = decision(li._c);
    setText(li._state, C.sentences([S.ws_status + ": " + S["ws_status_" + (d.status || "open")],
      d.weighs ? S.ws_weighs + ": " + title(d.weighs) : "", d.note ? S.ws_why + ": " + d.note : "",
      d.handling ? S.ws_handling + ": " + S["ws_handling_" + d.handling] : ""]));
    li.setAttribute("data-status", d.status || "open");
    var f = li._f;
    if (!f) return;
    ["status", "weighs"].forEach(function (k) {
      f[k].querySelectorAll("input").forEach(function (r) { r.checked = r.value === d[k]; });
    });
    if (f.note.value !== d.note) f.note.value = d.note;
    f.handling.value = d.handling;
  }

  function onEdit(e) {
    var field = e.target.getAttribute("data-field");
    var li = e.target.closest(".ws-conflict");
    if (!field || !li || !li._f) return;
    var f = li._f, c = li._c;
    var checked = function (fs) { var r = fs.querySelector("input:checked"); return r ? r.value : ""; };
    var v = { status: checked(f.status), weighs: checked(f.weighs), handling: f.handling.value, note: f.note.value };
    // The entry moves to the candidate's own key; an old schema 1 entry of
    // the pair stays for the other direction and the exports.
    if (v.status || v.weighs || v.handling || v.note) W.current.conflicts[c.key] = v; else { delete W.current.conflicts[c.key]; v = null; }
    W.saveItem(W.current, "c", c.key, v, e.target);
    fill(li);
    if (e.type === "change") W.renderSF();
  }
})();
