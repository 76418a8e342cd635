// Worksheet UI: the summary's lists (goal conflicts, knowledge
// gaps, saksframlegg text, obsolete answers) and the privacy section.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h, setText = W.setText, t = W.t;

  var conflictList, conflictItems = new Map(), conflictEmpty, gapList, gapItems = new Map(), gapEmpty;
  var sfBox, sfCache = "", obsoleteSection, obsoleteList;
  var MAX_OBSOLETE_SHOWN = 50;

  /** buildSummaryLists adds the goal conflicts, knowledge gaps, saksframlegg text and obsolete answers. */
  W.buildSummaryLists = function () {
    var S = W.S, ws = W.ws, summaryEl = W.summaryEl;
    conflictList = h("ul", { class: "ws-conflicts" });
    conflictEmpty = h("p", { text: S.ws_no_conflicts });
    var cHelp = [h("p", { class: "hint", text: ws.scale.conflicts === false ? S.ws_conflicts_off : S.ws_conflicts_help })];
    if (ws.dilemmaUrl) cHelp.push(h("p", null, [h("a", { href: ws.dilemmaUrl, text: S.ws_dilemma_link })]));
    summaryEl.appendChild(h("section", { class: "ws-sum-conflicts", "aria-labelledby": "ws-conf-h" }, [h("h3", { id: "ws-conf-h", text: S.ws_conflicts })].concat(cHelp, [conflictEmpty, conflictList])));

    gapList = h("ul", { class: "ws-gaps" });
    gapEmpty = h("p", { text: S.ws_no_gaps });
    summaryEl.appendChild(h("section", { class: "ws-sum-gaps", "aria-labelledby": "ws-gaps-h" }, [
      h("h3", { id: "ws-gaps-h", text: S.ws_gaps }), h("p", { class: "hint", text: S.ws_gaps_help }), gapEmpty, gapList
    ]));

    if (ws.worksheet === "saksbehandling") {
      sfBox = h("div", { class: "ws-sf", id: "ws-sf" });
      summaryEl.appendChild(h("section", { class: "ws-sum-sf", "aria-labelledby": "ws-sf-h" }, [
        h("h3", { id: "ws-sf-h", text: S.ws_sf_heading }), h("p", { class: "hint no-print", text: S.ws_sf_help }), sfBox
      ]));
    }

    obsoleteList = h("ul", { class: "ws-obsolete" });
    obsoleteSection = h("section", { class: "ws-sum-obsolete", "aria-labelledby": "ws-obs-h", hidden: true }, [
      h("h3", { id: "ws-obs-h", text: S.ws_obsolete }), h("p", { class: "hint", text: S.ws_obsolete_help }), obsoleteList
    ]);
    summaryEl.appendChild(obsoleteSection);

    conflictList.addEventListener("change", onConflictEdit);
    conflictList.addEventListener("input", onConflictEdit);
    gapList.addEventListener("change", function (e) {
      var qid = e.target.getAttribute("data-todo");
      if (!qid) return;
      if (e.target.checked) W.current.todo[qid] = true; else delete W.current.todo[qid];
      W.saveItem(W.current, "d", qid, e.target.checked || null, e.target);
    });
  };

  /** updateLists brings the conflicts, gaps and obsolete answers up to date (see update). */
  W.updateLists = function (sum, changed) {
    var S = W.S, current = W.current;
    // Goal conflicts.
    var byKey = new Map();
    sum.conflicts.forEach(function (c) { byKey.set(c.key, c); });
    keyed(conflictList, conflictItems, sum.conflicts.map(function (c) { return c.key; }), function (k) {
      return conflictItem(byKey.get(k));
    });
    sum.conflicts.forEach(function (c) {
      var li = conflictItems.get(c.key);
      var ta = sum.themes[c.a], tb = sum.themes[c.b];
      // Rewrite the description only when a theme's result changed.
      if (li._results !== ta.result + tb.result) {
        li._results = ta.result + tb.result;
        setText(li._desc, t("ws_conflict_line", { a: ta.title, ar: C.stateLabel(S, ta.result).toLowerCase(), b: tb.title, br: C.stateLabel(S, tb.result).toLowerCase() }) + ".");
      }
      if (changed === null || li._fresh) {
        var h0 = current.conflicts[c.key] || { handling: "", note: "" };
        if (li._sel) { li._sel.value = h0.handling; li._note.value = h0.note; }
        conflictSummary(li, c.key);
        li._fresh = false;
      }
    });
    conflictEmpty.hidden = sum.conflicts.length > 0;
    // Knowledge gaps.
    keyed(gapList, gapItems, sum.gaps, gapItem);
    sum.gaps.forEach(function (qid) {
      var li = gapItems.get(qid);
      li._cb.checked = !!current.todo[qid];
      setText(li._com, current.answers[qid].comment);
    });
    gapEmpty.hidden = sum.gaps.length > 0;
    // Questions that no longer exist.
    if (changed === null) {
      obsoleteList.textContent = "";
      // A file may hold thousands: the first ones and a count.
      sum.obsolete.slice(0, MAX_OBSOLETE_SHOWN).forEach(function (qid) {
        var a = current.answers[qid];
        obsoleteList.appendChild(h("li", null, [
          h("strong", { text: (a.question || qid) }), h("br"),
          t("ws_obsolete_line", { code: a.option || "–", comment: a.comment || "–" })
        ]));
      });
      if (sum.obsolete.length > MAX_OBSOLETE_SHOWN) obsoleteList.appendChild(h("li", { text: t("ws_obsolete_more", { count: sum.obsolete.length - MAX_OBSOLETE_SHOWN }) }));
      obsoleteSection.hidden = !sum.obsolete.length;
    }
  };

  /** keyed reconciles a list: keys in order, existing items reused. */
  function keyed(ul, map, keys, make) {
    var want = new Set(keys);
    map.forEach(function (el, k) { if (!want.has(k)) { el.remove(); map.delete(k); } });
    var prev = null;
    keys.forEach(function (k) {
      var el = map.get(k);
      if (!el) { el = make(k); map.set(k, el); }
      var at = prev ? prev.nextSibling : ul.firstChild;
      if (at !== el) ul.insertBefore(el, at);
      prev = el;
    });
  }

  /** renderSF rewrites the saksframlegg text when it changed. */
  W.renderSF = function () {
    if (!sfBox) return;
    var secs = C.saksframlegg(W.ws, W.idx, W.sum, W.current, W.S);
    var key = JSON.stringify(secs);
    if (key === sfCache) return;
    sfCache = key;
    sfBox.textContent = "";
    secs.forEach(function (s) {
      sfBox.appendChild(h("h4", { text: s.heading }));
      s.paragraphs.forEach(function (p) { sfBox.appendChild(h("p", { text: p })); });
    });
  };

  function onConflictEdit(e) {
    var key = e.target.getAttribute("data-conflict");
    if (!key) return;
    var li = conflictItems.get(key);
    var v = { handling: li._sel.value, note: li._note.value };
    if (v.handling || v.note) W.current.conflicts[key] = v; else { delete W.current.conflicts[key]; v = null; }
    W.saveItem(W.current, "c", key, v, e.target);
    conflictSummary(li, key);
    if (e.type === "change") W.renderSF();
  }

  // A conflict's handling fields are made when its <details> is first
  // opened: a large worksheet can have hundreds of conflicts, and building
  // every form control up front would cost more than a frame.
  function conflictItem(c) {
    var desc = h("p", { class: "ws-conflict-desc" });
    var sumEl = h("summary");
    var details = h("details", { class: "ws-handling" }, [sumEl]);
    var li = h("li", { class: "ws-conflict" + (c.across ? " ws-across" : "") }, [
      desc, c.across ? h("p", { class: "ws-badge", text: "⇅ " + W.S.ws_across }) : null, details
    ]);
    li._desc = desc; li._sum = sumEl; li._fresh = true;
    details.addEventListener("toggle", function () {
      if (details.open && !li._sel) conflictFields(li, c);
    });
    return li;
  }

  function conflictFields(li, c) {
    var S = W.S;
    var ta = W.idx.themes[c.a], tb = W.idx.themes[c.b];
    var id = "cf-" + c.a + "--" + c.b;
    var sel = h("select", { id: id + "-h", "data-conflict": c.key }, [h("option", { value: "", text: S.ws_handling_open })].concat(C.HANDLING.map(function (k) {
      return h("option", { value: k, text: S["ws_handling_" + k] });
    })));
    var note = h("textarea", { id: id + "-n", rows: "2", "data-conflict": c.key });
    var v = W.current.conflicts[c.key] || { handling: "", note: "" };
    sel.value = v.handling;
    note.value = v.note;
    li._sum.parentNode.appendChild(h("div", { class: "ws-field" }, [h("label", { for: id + "-h", text: t("ws_handling_label", { a: ta.theme.title, b: tb.theme.title }) }), sel]));
    li._sum.parentNode.appendChild(h("div", { class: "ws-field" }, [h("label", { for: id + "-n", text: S.ws_handling_note }), note]));
    li._sel = sel; li._note = note;
  }

  /** conflictSummary shows how a conflict is handled on its <details>. */
  function conflictSummary(li, key) {
    var S = W.S, v = W.current.conflicts[key];
    setText(li._sum, S.ws_handling + ": " + (v && v.handling ? S["ws_handling_" + v.handling] : S.ws_handling_open) + (v && v.note ? " …" : ""));
  }

  function gapItem(qid) {
    var S = W.S, e = W.idx.questions[qid];
    var cb = h("input", { type: "checkbox", id: "todo-" + qid, "data-todo": qid });
    var com = h("p", { class: "ws-gap-comment" });
    var links = [];
    var linkList = function (label, ls) {
      if (!ls.length) return;
      var p = h("p", { class: "ws-gap-links" }, [label + ": "]);
      ls.forEach(function (l, i) { if (i) p.appendChild(document.createTextNode(", ")); p.appendChild(h("a", { href: l.url, text: l.title })); });
      links.push(p);
    };
    linkList(S.ws_funding, e.theme.funding);
    linkList(S.ws_methods, e.theme.methods);
    links.push(h("p", { class: "ws-gap-links" }, [h("a", { href: e.theme.url, text: t("ws_read_theme", { name: e.theme.title }) })]));
    var li = h("li", { class: "ws-gap" }, [
      h("div", { class: "ws-check" }, [cb, h("label", { for: "todo-" + qid }, [h("strong", { text: e.theme.title + ": " }), e.q.text])]), com
    ].concat(links));
    li._cb = cb; li._com = com;
    return li;
  }

  /** buildPrivacy makes the section that says what is stored and deletes it all. */
  W.buildPrivacy = function () {
    var S = W.S;
    var box = h("div", { class: "ws-confirm", hidden: true });
    var btn = W.button("ws_delete_all", "ws-btn ws-danger");
    btn.addEventListener("click", function () {
      W.confirm(box, S.ws_delete_all_confirm, S.ws_delete_all_yes, function () {
        W.deleteAllStored();
        W.forgetDeleted();
        W.list = [W.newAssessment(S.ws_first_name)];
        W.switchTo(W.list[0], true);
        setText(W.statusBox, S.ws_deleted_all);
      }, btn);
    });
    return h("section", { class: "ws-privacy no-print", "aria-labelledby": "ws-priv-h" }, [
      h("h3", { id: "ws-priv-h", text: S.ws_privacy_heading }),
      h("p", { text: S.ws_privacy_text }), h("p", { text: S.ws_privacy_file }), btn, box
    ]);
  };
})();
