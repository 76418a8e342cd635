// Worksheet UI: the red thread and the municipality's goals.
//
// «Hent svar fra et tidligere steg» takes a saved assessment of an
// earlier plan level (from this browser or a .json file) and keeps a
// snapshot of it in the current assessment; each theme then shows that
// level's answers and comments, and a flag when it was taken care of
// there but is weakened now. The samfunnsdel worksheet lets the
// municipality write its goals; worksheets with goals = "assess" rate
// each fetched goal. The summary gets a «Rød tråd» section built from the
// same report blocks as the exports (ws-thread.js, window.HjelperenThread).
(function () {
  "use strict";
  var W = window.HjelperenWorksheet, T = window.HjelperenThread;
  if (!W || !T) return;
  var C = W.C, h = W.h, t = W.t, setText = W.setText;

  /**
   * blocksToDom renders report blocks into el with headings shifted down
   * by shift levels: tables get header cells and a caption (the heading
   * before them), rows marked by mark(row) get the class ws-diff. Text
   * only ever goes in as text.
   */
  // A cell that starts with a sign (a result, a rating, a grade) gets a
  // coloured edge too; the sign itself stays the cue that counts.
  var SIGN = { "+": "ws-sign-pos", "−": "ws-sign-neg" };
  W.blocksToDom = function (el, blocks, shift, mark) {
    var last = "";
    el.textContent = "";
    blocks.forEach(function (b) {
      if (b.h) { last = b.text; el.appendChild(h("h" + Math.min(6, b.h + shift), { text: b.text })); } else if (b.p !== undefined) el.appendChild(h("p", { text: b.p })); else if (b.list) el.appendChild(h("ul", null, b.list.map(function (x) { return h("li", { text: x }); }))); else {
        var body = h("tbody", null, b.table.rows.map(function (r) {
          return h("tr", { class: mark && mark(r) ? "ws-diff" : null }, r.map(function (c, i) {
            return h(i ? "td" : "th", { scope: i ? null : "row", text: c, class: i ? SIGN[c.charAt(0)] : null });
          }));
        }));
        el.appendChild(h("div", { class: "ws-table-wrap", role: "region", tabindex: "0", "aria-label": last }, [h("table", { class: "ws-counts ws-text-table" }, [
          h("caption", { class: "visually-hidden", text: last }),
          h("thead", null, [h("tr", null, b.table.head.map(function (c) { return h("th", { scope: "col", text: c }); }))]), body
        ])]));
      }
    });
  };

  /**
   * readJSONFile reads a chosen .json file as text, refusing files that
   * are too large or not JSON; done(errorLine, text) gets one of the two.
   */
  W.readJSONFile = function (f, done) {
    if (f.size > C.MAX_FILE_BYTES) { done(t("ws_imp_too_big", { size: (f.size / 1048576).toFixed(1) })); return; }
    if (!/\.json$/i.test(f.name) && f.type && f.type !== "application/json") { done(W.S.ws_imp_wrong_type); return; }
    var r = new FileReader();
    r.onerror = function () { done(W.S.ws_imp_read_error); };
    r.onload = function () { done("", String(r.result)); };
    r.readAsText(f);
  };

  /** fileField makes a labelled file input that calls onFile with the chosen file. */
  W.fileField = function (id, labelKey, onFile) {
    var input = h("input", { id: id, type: "file", accept: ".json,application/json" });
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      input.value = "";
      if (f) onFile(f);
    });
    return h("div", { class: "ws-field" }, [h("label", { for: id, text: W.S[labelKey] }), input]);
  };

  // ---------------------------------------------------------------------
  // The panel below the toolbar.

  var panel, msg, status, removeBtn, staleBox, levelSel, pickSel, pickEmpty, useBtn, goalsBox, loads = 0;
  var beside = Object.create(null); // theme id → {box, text, flag}
  var sumBox, sumCache = "";

  function build() {
    var ws = W.ws, S = W.S;
    var levels = ws.levels || [];
    if (!levels.length && !ws.goals) return;
    panel = h("section", { class: "ws-panel ws-rt", id: "ws-rt", "aria-labelledby": "ws-rt-h" }, [h("h2", { id: "ws-rt-h", text: S.ws_rt_heading })]);
    msg = h("div", { class: "ws-alert", role: "alert" });
    status = h("p", { class: "ws-rt-status", role: "status", tabindex: "-1" });
    if (levels.length) {
      removeBtn = W.button("ws_rt_remove");
      var removeBox = h("div", { class: "ws-confirm", hidden: true });
      removeBtn.addEventListener("click", function () {
        W.confirm(removeBox, S.ws_rt_remove_confirm, S.ws_rt_remove, function () { setThread(null); setText(status, S.ws_rt_removed); status.focus(); }, removeBtn);
      });
      levelSel = h("select", { id: "ws-rt-level" }, levels.map(function (l) { return h("option", { value: l.id, text: l.title }); }));
      levelSel.value = defaultLevel(levels);
      pickSel = h("select", { id: "ws-rt-pick" });
      pickEmpty = h("p", { class: "hint", text: S.ws_rt_none_saved, hidden: true });
      useBtn = W.button("ws_rt_use", "ws-btn ws-primary");
      levelSel.addEventListener("change", fillPicks);
      useBtn.addEventListener("click", useSaved);
      panel.appendChild(h("p", { class: "hint", text: S.ws_rt_fetch_help }));
      staleBox = h("div", { class: "ws-rt-stale notice", hidden: true });
      panel.appendChild(status);
      panel.appendChild(staleBox);
      panel.appendChild(h("div", { class: "ws-buttons" }, [removeBtn]));
      panel.appendChild(removeBox);
      panel.appendChild(h("h3", { text: S.ws_rt_fetch }));
      panel.appendChild(h("div", { class: "ws-assess" }, [
        h("div", { class: "ws-field" }, [h("label", { for: "ws-rt-level", text: S.ws_rt_level }), levelSel]),
        h("div", { class: "ws-field" }, [h("label", { for: "ws-rt-pick", text: S.ws_rt_pick }), pickSel, pickEmpty]),
        h("div", { class: "ws-buttons" }, [useBtn])
      ]));
      panel.appendChild(W.fileField("ws-rt-file", "ws_rt_open_file", useFile));
      panel.appendChild(msg);
      fillPicks();
    }
    goalsBox = h("div", { class: "ws-goals" });
    panel.appendChild(goalsBox);
    W.app.appendChild(panel);
    W.form.querySelectorAll(".ws-theme").forEach(function (th) {
      var b = { text: h("p"), flag: h("p", { class: "ws-rt-flag", hidden: true }) };
      b.box = h("div", { class: "ws-rt-beside", hidden: true }, [b.text, b.flag]);
      th.insertBefore(b.box, th.querySelector(".ws-theme-body"));
      beside[th.getAttribute("data-theme")] = b;
    });
    renderPanel();
  }

  /** defaultLevel is the latest earlier level with goals, else the latest. */
  function defaultLevel(levels) {
    var withGoals = levels.filter(function (l) { return l.goals === "define"; });
    return (withGoals.length && W.ws.goals === "assess" ? withGoals[withGoals.length - 1] : levels[levels.length - 1]).id;
  }

  /** fillPicks lists this browser's saved assessments of the chosen level. */
  function fillPicks() {
    var saved = W.savedOf(levelSel.value);
    pickSel.textContent = "";
    saved.forEach(function (a) { pickSel.appendChild(h("option", { value: a.id, text: C.cleanText(a.name, 200) || W.S.ws_untitled })); });
    pickSel._saved = saved;
    pickSel.disabled = useBtn.disabled = !saved.length;
    pickEmpty.hidden = !!saved.length;
  }

  function useSaved() {
    var a = (pickSel._saved || []).filter(function (x) { return x.id === pickSel.value; })[0];
    if (a) setThread(T.snapshotOf(W.ws, levelSel.value, a));
  }

  function useFile(f) {
    W.readJSONFile(f, function (err, text) {
      var r = err ? { ok: false, errors: [err] } : T.parseEarlier(text, W.ws, W.S);
      if (r.ok) setThread(r.thread);
      else W.showMessages(msg, [W.S.ws_imp_refused].concat(r.errors), "error");
      panel.setAttribute("data-loads", String(++loads));
    });
  }

  /** setThread links the current assessment to an earlier step (or unlinks it) and saves. */
  function setThread(th) {
    setText(msg, "");
    if (th) W.current.thread = th; else delete W.current.thread;
    W.saveAssessment(W.current);
    W.update(null);
    if (th) setText(status, T.threadSource(W.S, T.levelOf(W.ws, th.worksheet), th, W.ws.lang));
  }

  // ---------------------------------------------------------------------
  // Goals: written here (define) or rated here (assess).

  var goalKey = null;

  /** renderGoals rebuilds the goal fields when the goals themselves changed. */
  function renderGoals() {
    var ws = W.ws, a = W.current;
    var key = ws.goals === "define" ? a.id : ws.goals === "assess" ? a.id + JSON.stringify(T.goalsToAssess(a)) : "";
    if (key === goalKey) return;
    goalKey = key;
    goalsBox.textContent = "";
    if (ws.goals === "define") defineGoals(goalsBox);
    else if (ws.goals === "assess") assessGoals(goalsBox);
  }

  function defineGoals(box) {
    var S = W.S, a = W.current;
    box.appendChild(h("h3", { text: S.ws_goals_heading }));
    box.appendChild(h("p", { class: "hint", text: S.ws_goals_help }));
    var ol = h("ol", { class: "ws-goal-list" });
    (a.goals || []).forEach(function (g, i) {
      var id = "ws-goal-" + g.id;
      var area = h("textarea", { id: id, rows: "2", maxlength: "2000" });
      area.value = g.text;
      area.addEventListener("input", function () { g.text = area.value; W.saveAssessment(a); W.update([]); });
      var rm = h("button", { type: "button", class: "ws-btn", text: t("ws_goal_remove", { n: i + 1 }) });
      var box = h("div", { class: "ws-confirm", hidden: true });
      rm.addEventListener("click", function () {
        W.confirm(box, t("ws_goal_remove_confirm", { n: i + 1 }), t("ws_goal_remove", { n: i + 1 }), function () {
          a.goals = a.goals.filter(function (x) { return x !== g; });
          if (!a.goals.length) delete a.goals;
          saveGoals(null);
        }, rm);
      });
      ol.appendChild(h("li", { class: "ws-field" }, [h("label", { for: id, text: t("ws_goal_n", { n: i + 1 }) }), area, h("div", { class: "ws-buttons" }, [rm]), box]));
    });
    box.appendChild(ol);
    var add = W.button("ws_goal_add");
    add.addEventListener("click", function () {
      var g = { id: T.newItemId("g-"), text: "" };
      (a.goals = a.goals || []).push(g);
      saveGoals("ws-goal-" + g.id);
    });
    box.appendChild(h("div", { class: "ws-buttons" }, [add]));
  }

  /** saveGoals saves after adding or removing a goal and moves focus to focusId (or the add button). */
  function saveGoals(focusId) {
    W.saveAssessment(W.current);
    goalKey = null;
    renderGoals();
    W.update([]);
    var el = focusId ? document.getElementById(focusId) : goalsBox.querySelector(".ws-buttons:last-child button");
    if (el) el.focus();
  }

  function assessGoals(box) {
    var S = W.S, a = W.current, goals = T.goalsToAssess(a);
    box.appendChild(h("h3", { text: S.ws_goal_assess_heading }));
    if (!goals.length) { box.appendChild(h("p", { class: "hint", text: S.ws_goal_no_goals })); return; }
    box.appendChild(h("p", { class: "hint", text: S.ws_goal_assess_help + " " + t("ws_goal_from", { name: a.thread.goalsFrom || a.thread.name }) }));
    goals.forEach(function (g, i) {
      var cur = (a.goalRatings || {})[g.id] || { effect: "", comment: "" };
      var name = "ws-gr-" + g.id;
      var radios = T.EFFECTS.map(function (e) {
        var id = name + "-" + e;
        var r = h("input", { type: "radio", name: name, id: id, value: e });
        r.checked = cur.effect === e;
        return h("span", { class: "ws-check" }, [r, " ", h("label", { for: id, text: T.EFFECT_SYMBOLS[e] + " " + S["ws_goal_" + e] })]);
      });
      var com = h("textarea", { id: name + "-c", rows: "2" });
      com.value = cur.comment;
      var fs = h("fieldset", { class: "ws-goal" }, [h("legend", { text: t("ws_goal_n", { n: i + 1 }) + ": " + (g.text || S.ws_untitled) }),
        h("div", { class: "ws-buttons" }, radios),
        h("label", { for: name + "-c", class: "comment-label", text: S.ws_comment_short }), com]);
      fs.addEventListener("change", function () { rate(g.id, fs, com); });
      com.addEventListener("input", function () { rate(g.id, fs, com); });
      box.appendChild(fs);
    });
  }

  function rate(id, fs, com) {
    var a = W.current, on = fs.querySelector("input:checked");
    var r = { effect: on ? on.value : "", comment: com.value };
    a.goalRatings = a.goalRatings || Object.create(null);
    if (r.effect || r.comment) a.goalRatings[id] = r; else delete a.goalRatings[id];
    W.saveAssessment(a);
    W.update([]);
  }

  // ---------------------------------------------------------------------
  // Keeping it up to date.

  /** renderPanel shows the link's state and the goals of the current assessment. */
  function renderPanel() {
    var th = W.current.thread;
    if (removeBtn) {
      removeBtn.hidden = !th;
      var l = th && T.levelOf(W.ws, th.worksheet);
      setText(status, l ? T.threadSource(W.S, l, th, W.ws.lang) : W.S.ws_rt_none);
      showStale(th);
    }
    renderGoals();
  }

  /**
   * showStale offers to fetch the earlier step again when the assessment
   * it came from is saved in this browser and has changed since.
   */
  function showStale(th) {
    var newer = th && th.id ? W.savedOf(th.worksheet).filter(function (x) { return x.id === th.id && x.updated > th.updated; })[0] : null;
    staleBox.hidden = !newer;
    staleBox.textContent = "";
    if (!newer) return;
    var again = W.button("ws_rt_again");
    again.addEventListener("click", function () { setThread(T.snapshotOf(W.ws, th.worksheet, newer)); status.focus(); });
    staleBox.appendChild(h("p", { text: t("ws_rt_stale", { name: th.name }) }));
    staleBox.appendChild(h("div", { class: "ws-buttons" }, [again]));
  }

  /** renderBeside shows the earlier step's answers and the flag beside each theme. */
  function renderBeside(sum) {
    var th = W.current.thread;
    var v = th ? T.threadView(W.ws, sum, th) : null;
    var rows = Object.create(null);
    if (v && v.level) v.rows.forEach(function (r) { rows[r.id] = r; });
    Object.keys(beside).forEach(function (id) {
      var b = beside[id], r = rows[id];
      b.box.hidden = !r;
      if (!r) return;
      setText(b.text, t("ws_rt_in", { level: v.level.title }) + ": " + T.earlierText(W.S, r));
      b.flag.hidden = !r.flag;
      setText(b.flag, "⚑ " + W.S.ws_rt_flag_text);
    });
  }

  function summary() {
    sumBox = h("section", { class: "ws-sum-rt", id: "ws-sum-rt" });
    W.summaryEl.appendChild(sumBox);
  }

  /** renderSummary redraws the summary's red-thread part when its content changed. */
  function renderSummary(sum) {
    var B = T.sections(W.ws, W.idx, sum, W.current, W.S);
    var key = JSON.stringify(B);
    if (key === sumCache) return;
    sumCache = key;
    sumBox.hidden = !B.length;
    W.blocksToDom(sumBox, B, 1, function (r) { return r[r.length - 1] === W.S.ws_rt_flag_text; });
  }

  W.extras.push({
    build: build,
    summary: summary,
    update: function (sum, changed) {
      if (panel) {
        if (changed === null) renderPanel();
        renderBeside(sum);
      }
      if (sumBox && W.summaryReady) renderSummary(sum);
    }
  });
})();
