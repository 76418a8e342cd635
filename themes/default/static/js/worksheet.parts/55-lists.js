// Worksheet UI: the summary's lists (knowledge gaps, the «Vurdering av
// bærekraft» text, obsolete answers) and the privacy section. Goal
// conflicts are in 56-conflicts.js, actions in 57-actions.js.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h, setText = W.setText, t = W.t;

  var gapList, gapItems = new Map(), gapEmpty;
  var sfBox, sfCache = "", obsoleteSection, obsoleteList;
  var MAX_OBSOLETE_SHOWN = 50;

  /** buildSummaryLists adds the goal conflicts, actions, knowledge gaps, the «Vurdering av bærekraft» text and obsolete answers. */
  W.buildSummaryLists = function () {
    var S = W.S, summaryEl = W.summaryEl;
    W.buildConflicts(summaryEl);
    W.buildActions(summaryEl);

    gapList = h("ul", { class: "ws-gaps" });
    gapEmpty = h("p", { text: S.ws_no_gaps });
    summaryEl.appendChild(h("section", { class: "ws-sum-gaps", "aria-labelledby": "ws-gaps-h" }, [
      h("h3", { id: "ws-gaps-h", text: S.ws_gaps }), h("p", { class: "hint", text: S.ws_gaps_help }), gapEmpty, gapList
    ]));

    sfBox = h("div", { class: "ws-sf", id: "ws-sf" });
    summaryEl.appendChild(h("section", { class: "ws-sum-sf", "aria-labelledby": "ws-sf-h" }, [
      h("h3", { id: "ws-sf-h", text: S.ws_vb_heading }), h("p", { class: "hint no-print", text: S.ws_vb_help }), sfBox
    ]));

    obsoleteList = h("ul", { class: "ws-obsolete" });
    obsoleteSection = h("section", { class: "ws-sum-obsolete", "aria-labelledby": "ws-obs-h", hidden: true }, [
      h("h3", { id: "ws-obs-h", text: S.ws_obsolete }), h("p", { class: "hint", text: S.ws_obsolete_help }), obsoleteList
    ]);
    summaryEl.appendChild(obsoleteSection);

    gapList.addEventListener("change", function (e) {
      var qid = e.target.getAttribute("data-todo");
      if (!qid) return;
      if (e.target.checked) W.current.todo[qid] = true; else delete W.current.todo[qid];
      W.saveItem(W.current, "d", qid, e.target.checked || null, e.target);
    });
  };

  /** updateLists brings the conflicts, gaps and obsolete answers up to date (see update). */
  W.updateLists = function (sum, changed) {
    var current = W.current;
    W.updateConflicts(sum, changed);
    W.updateActions(sum, changed);
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

  /** renderSF rewrites the «Vurdering av bærekraft» text when it changed. */
  W.renderSF = function () {
    if (!sfBox) return;
    var secs = C.assessmentText(W.ws, W.idx, W.sum, W.current, W.S);
    var key = JSON.stringify(secs);
    if (key === sfCache) return;
    sfCache = key;
    sfBox.textContent = "";
    secs.forEach(function (s) {
      if (s.heading) sfBox.appendChild(h("h4", { text: s.heading }));
      s.paragraphs.forEach(function (p) { sfBox.appendChild(h("p", { text: p })); });
    });
  };

  function gapItem(qid) {
    var S = W.S, e = W.idx.questions[qid], sg = C.suggestionsFor(W.idx, qid);
    var cb = h("input", { type: "checkbox", id: "todo-" + qid, "data-todo": qid });
    var com = h("p", { class: "ws-gap-comment" });
    var links = [];
    var linkList = function (label, ls) {
      if (!ls.length) return;
      var p = h("p", { class: "ws-gap-links" }, [label + ": "]);
      ls.forEach(function (l, i) { if (i) p.appendChild(document.createTextNode(", ")); p.appendChild(h("a", { href: l.url, text: l.title })); });
      links.push(p);
    };
    linkList(S.ws_funding, sg.funding);
    linkList(S.ws_methods, sg.methods);
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
