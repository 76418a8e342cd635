// Worksheet UI: turns the server-rendered form into a working tool.
//
// Assessments are kept in localStorage, one key per assessment plus an
// index per worksheet, all under the "hjelperen." prefix. Every change is
// saved at once. The summary (counts, diagram, goal conflicts, knowledge
// gaps, saksframlegg text) is kept up to date by updating only what
// changed, so an answer change costs well under one frame.
//
// Imported and stored text is only ever written with textContent or as
// form values, never as HTML. Needs ws-core.js (window.HjelperenWS).
//
// The questions of all but the first theme come as markup inside
// <noscript>, which is plain text when scripts run: while the page loads,
// the browser does not build, style and lay out hundreds of form controls
// the reader cannot see yet (Chromium's autofill visits every form control
// once the page is parsed, and forces style and layout of each one it
// visits). They are put in when their theme comes near the screen, when
// the reader moves into the form, or when the page is idle (see "Start"
// below). Without scripts the browser shows them all.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var C = window.HjelperenWS;
  var dataEl = document.getElementById("ws-data");
  var form = document.getElementById("ws-form");
  var app = document.getElementById("ws-app");
  if (!C || !dataEl || !form || !app) return;

  // Set by the first start-up step, readData().
  var ws, S, idx, KEY_INDEX, KEY_A;
  var PREFIX = "hjelperen.";
  var SVG_NS = "http://www.w3.org/2000/svg";

  function readData() {
    ws = JSON.parse(dataEl.textContent);
    S = ws.strings || {};
    idx = C.indexWorksheet(ws);
    KEY_INDEX = PREFIX + "ws." + ws.worksheet + ".index";
    KEY_A = PREFIX + "ws." + ws.worksheet + ".a.";
  }

  // ---------------------------------------------------------------------
  // Small DOM helpers. h() only ever sets text with textContent.

  /** h creates an element; attrs are attributes, kids strings or nodes. */
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === false || v == null) return;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (k) { if (k != null) el.appendChild(typeof k === "string" ? document.createTextNode(k) : k); });
    return el;
  }
  function svg(tag, attrs, text) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text != null) el.textContent = text;
    return el;
  }
  function setText(el, s) { if (el.textContent !== s) el.textContent = s; }
  function t(key, vars) { return C.fmt(S[key] || key, vars); }
  function button(key, cls) { return h("button", { type: "button", class: cls || "ws-btn", text: S[key] || key }); }

  // ---------------------------------------------------------------------
  // Storage. Every access is wrapped: localStorage may be missing, blocked
  // (file:// or privacy settings) or full.

  var storageOK = true;
  var storage = null;
  function openStorage() {
    try {
      storage = window.localStorage;
      storage.setItem(PREFIX + "probe", "1");
      storage.removeItem(PREFIX + "probe");
    } catch (e) { storage = null; storageOK = false; }
  }

  function readJSON(key) {
    if (!storage) return null;
    try { var v = storage.getItem(key); return v ? JSON.parse(v) : null; } catch (e) { return null; }
  }
  function writeKey(key, value) {
    if (!storage) { storageFailed(); return false; }
    try { storage.setItem(key, value); } catch (e) { storageFailed(); return false; }
    if (!storageOK) { storageOK = true; setText(alertBox, ""); }
    return true;
  }
  function removeKey(key) { try { if (storage) storage.removeItem(key); } catch (e) { /* ignore */ } }

  // ---------------------------------------------------------------------
  // State: the assessments of this worksheet and the current one.

  var list = [];     // assessments in creation order
  var current = null;
  var sum = null;    // summary of the current assessment

  function loadAll() {
    var index = readJSON(KEY_INDEX);
    var ids = index && Array.isArray(index.ids) ? index.ids : [];
    ids.forEach(function (id) {
      if (typeof id !== "string") return;
      var r = C.normalize(readJSON(KEY_A + id), ws, idx, S, false);
      if (r.ok && r.assessment.id === id) list.push(r.assessment);
    });
    var cur = index && list.filter(function (a) { return a.id === index.current; })[0];
    current = cur || list[0] || null;
    if (!current) {
      current = C.newAssessment(ws, S.ws_first_name);
      list.push(current);
    }
  }
  function saveIndex() {
    return writeKey(KEY_INDEX, JSON.stringify({ ids: list.map(function (a) { return a.id; }), current: current.id }));
  }
  function saveAssessment(a) {
    a.updated = new Date().toISOString();
    var ok = writeKey(KEY_A + a.id, JSON.stringify(a)) && saveIndex();
    if (ok) {
      var d = new Date();
      setText(statusBox, t("ws_saved_at", { time: (d.getHours() < 10 ? "0" : "") + d.getHours() + ":" + (d.getMinutes() < 10 ? "0" : "") + d.getMinutes() }));
    }
    return ok;
  }
  function storageFailed() {
    storageOK = false;
    setText(statusBox, S.ws_not_saved);
    showMessages(alertBox, [S.ws_storage_failed], "error");
  }

  // ---------------------------------------------------------------------
  // The toolbar: assessments, status, progress, filter, files.

  // Made by toolbarParts() before any question can be answered: saving
  // reports in statusBox even before the toolbar is in the page.
  var statusBox, alertBox, picker, nameInput, btnNew, btnCopy, btnDelete, confirmBox;
  var filterBox, progressList, fileInput, importBox, filterEmpty;
  var progressRows = [];
  function toolbarParts() {
    statusBox = h("p", { id: "ws-status", class: "ws-status", role: "status", "aria-live": "polite" });
    alertBox = h("div", { id: "ws-alert", class: "ws-alert", role: "alert" });
    picker = h("select", { id: "ws-current" });
    nameInput = h("input", { id: "ws-name", type: "text", autocomplete: "off", maxlength: "200" });
    btnNew = button("ws_new"); btnCopy = button("ws_duplicate"); btnDelete = button("ws_delete");
    confirmBox = h("div", { class: "ws-confirm", hidden: true });
    filterBox = h("input", { id: "ws-filter", type: "checkbox" });
    progressList = h("ul", { class: "ws-progress-list" });
    fileInput = h("input", { id: "ws-open", type: "file", accept: ".json,application/json" });
    importBox = h("div", { id: "ws-import", class: "ws-import", hidden: true });
    filterEmpty = h("p", { class: "ws-filter-empty notice", hidden: true, text: S.ws_filter_empty });
  }

  function progressRow(label) {
    var bar = h("progress", { max: "1", value: "0", "aria-hidden": "true" });
    var text = h("span", { class: "ws-progress-text" });
    var li = h("li", null, [h("span", { class: "ws-progress-label", text: label }), bar, text]);
    progressList.appendChild(li);
    var row = { bar: bar, text: text };
    progressRows.push(row);
    return row;
  }

  var toolbar;
  function buildToolbar() {
    var exportButtons = [
      ["ws_save_file", "json"], ["ws_export_docx", "docx"], ["ws_export_odt", "odt"], ["ws_export_md", "md"], ["ws_export_csv", "csv"]
    ].map(function (x) {
      var b = button(x[0]);
      b.setAttribute("data-export", x[1]);
      return b;
    });
    var printBtn = button("ws_print");
    printBtn.addEventListener("click", function () { window.print(); });
    ws.dimensions.forEach(function (d) { progressRow(d.title); });
    progressRow(S.ws_progress_total).text.parentNode.className = "ws-progress-total";

    // Built detached; start-up puts it into #ws-app.
    toolbar = h("section", { class: "ws-toolbar", "aria-labelledby": "ws-tools-h" }, [
      h("h2", { id: "ws-tools-h", text: S.ws_assessment_heading }),
      h("div", { class: "ws-assess" }, [
        h("div", { class: "ws-field" }, [h("label", { for: "ws-current", text: S.ws_switch }), picker]),
        h("div", { class: "ws-field" }, [h("label", { for: "ws-name", text: S.ws_name }), nameInput]),
        h("div", { class: "ws-buttons" }, [btnNew, btnCopy, btnDelete]),
        confirmBox
      ]),
      statusBox, alertBox,
      h("div", { class: "ws-progress" }, [h("h3", { text: S.ws_progress }), progressList]),
      h("p", { class: "ws-filter" }, [filterBox, " ", h("label", { for: "ws-filter", text: S.ws_filter })]),
      h("div", { class: "ws-files" }, [
        h("h3", { text: S.ws_files }),
        h("div", { class: "ws-buttons" }, exportButtons.concat([printBtn])),
        h("div", { class: "ws-field" }, [h("label", { for: "ws-open", text: S.ws_open_file }), h("p", { class: "hint", id: "ws-open-hint", text: S.ws_open_hint }), fileInput]),
        importBox
      ]),
      h("p", null, [h("a", { href: "#ws-summary", text: S.ws_to_summary })])
    ]);
    fileInput.setAttribute("aria-describedby", "ws-open-hint");
    form.parentNode.insertBefore(filterEmpty, form);

    picker.addEventListener("change", function () {
      var a = list.filter(function (x) { return x.id === picker.value; })[0];
      if (a) switchTo(a);
    });
    nameInput.addEventListener("input", function () {
      current.name = nameInput.value.slice(0, 200);
      refreshPicker();
      if (printName) setText(printName, current.name);
      saveAssessment(current);
    });
    nameInput.addEventListener("blur", function () {
      if (!nameInput.value.trim()) { nameInput.value = current.name = S.ws_untitled; refreshPicker(); saveAssessment(current); }
    });
    btnNew.addEventListener("click", function () {
      var a = C.newAssessment(ws, t("ws_numbered_name", { n: list.length + 1 }));
      list.push(a);
      switchTo(a);
      saveAssessment(a);
      nameInput.focus();
      nameInput.select();
    });
    btnCopy.addEventListener("click", function () {
      var a = C.newAssessment(ws, t("ws_copy_of", { name: current.name }));
      var src = JSON.parse(JSON.stringify(current));
      a.answers = C.normalize(src, ws, idx, S, false).assessment.answers;
      a.conflicts = C.normalize(src, ws, idx, S, false).assessment.conflicts;
      a.todo = C.normalize(src, ws, idx, S, false).assessment.todo;
      list.push(a);
      switchTo(a);
      saveAssessment(a);
      nameInput.focus();
    });
    btnDelete.addEventListener("click", function () {
      confirm(confirmBox, t("ws_delete_confirm", { name: current.name }), S.ws_delete_yes, function () {
        var gone = current;
        removeKey(KEY_A + gone.id);
        list = list.filter(function (a) { return a !== gone; });
        if (!list.length) list.push(C.newAssessment(ws, S.ws_first_name));
        switchTo(list[0]);
        saveIndex();
        setText(statusBox, t("ws_deleted", { name: gone.name }));
      }, btnDelete);
    });
    filterBox.addEventListener("change", function () { finishForm(); applyFilter(); });
    app.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("[data-export]");
      if (b) exportAs(b.getAttribute("data-export"));
    });
    fileInput.addEventListener("change", function () {
      var f = fileInput.files && fileInput.files[0];
      fileInput.value = "";
      if (f) importFile(f);
    });
  }

  /**
   * confirm shows a yes/cancel question in box and moves focus to it;
   * back is focused again when the question is answered or cancelled.
   */
  function confirm(box, question, yesLabel, onYes, back) {
    box.textContent = "";
    var yes = h("button", { type: "button", class: "ws-btn ws-danger", text: yesLabel });
    var no = button("ws_cancel");
    var p = h("p", { text: question, tabindex: "-1" });
    box.appendChild(p);
    box.appendChild(h("div", { class: "ws-buttons" }, [yes, no]));
    box.hidden = false;
    var close = function () { box.hidden = true; box.textContent = ""; };
    yes.addEventListener("click", function () { close(); onYes(); if (back && back.isConnected) back.focus(); });
    no.addEventListener("click", function () { close(); if (back) back.focus(); });
    yes.focus();
  }

  function showMessages(box, lines, kind) {
    box.textContent = "";
    if (!lines.length) return;
    box.className = "ws-alert notice" + (kind === "error" ? " ws-error" : "");
    if (lines.length === 1) { box.appendChild(h("p", { text: lines[0] })); return; }
    box.appendChild(h("p", { text: lines[0] }));
    box.appendChild(h("ul", null, lines.slice(1).map(function (l) { return h("li", { text: l }); })));
  }

  function refreshPicker() {
    // Options carry names typed by the user: textContent only.
    while (picker.options.length > list.length) picker.remove(picker.options.length - 1);
    list.forEach(function (a, i) {
      var o = picker.options[i];
      if (!o) { o = document.createElement("option"); picker.appendChild(o); }
      o.value = a.id;
      setText(o, a.name || S.ws_untitled);
    });
    picker.value = current.id;
  }

  // ---------------------------------------------------------------------
  // The form.

  var qEls = Object.create(null); // question id → {select, comment, note, box}

  /**
   * enhanceTheme enables the questions of one server-rendered theme and
   * fills in the current assessment's answers.
   */
  function enhanceTheme(th) {
    th.querySelectorAll(".ws-question").forEach(enhanceQuestion);
  }

  // The themes whose questions are <noscript> markup, in page order:
  // {th: the fieldset, ns: the <noscript>, queued, done}. While its
  // questions are not in, a theme has the class ws-pending.
  var later = [];
  form.querySelectorAll(".ws-theme").forEach(function (th) {
    var ns = th.querySelector("noscript");
    if (ns) later.push({ th: th, ns: ns, queued: false, done: false });
  });
  var nearObserver = null;

  /**
   * reveal puts the questions of a theme, held as markup in a <noscript>,
   * into the form and enhances them. The markup is the page's own, as
   * written by the generator; nothing imported or stored goes through it.
   */
  function reveal(u) {
    if (u.done) return;
    u.done = true;
    if (nearObserver) nearObserver.unobserve(u.th);
    var tpl = document.createElement("template");
    tpl.innerHTML = u.ns.textContent;
    u.ns.parentNode.replaceChild(tpl.content, u.ns);
    u.th.classList.remove("ws-pending");
    enhanceTheme(u.th);
  }
  /** queueReveal queues the themes' questions to be put in, one theme per frame. */
  function queueReveal(list) {
    list.forEach(function (u) {
      if (u.queued || u.done) return;
      u.queued = true;
      var step = function () { reveal(u); };
      step.ownFrame = true;
      step.reveals = u;
      queue.push(step);
    });
    runSoon();
  }
  /** whenNear queues a theme's questions when it comes within a screen's height of the screen. */
  function whenNear() {
    if (!later.length) return;
    if (!("IntersectionObserver" in window)) { queueReveal(later); return; }
    nearObserver = new IntersectionObserver(function (es) {
      queueReveal(later.filter(function (u) {
        return es.some(function (e) { return e.isIntersecting && e.target === u.th; });
      }));
    }, { rootMargin: "100% 0px 100% 0px" });
    later.forEach(function (u) { nearObserver.observe(u.th); });
    // Moving into the form (Tab, a click, assistive technology) brings
    // in the rest, in order, so the next field is there when it is reached.
    form.addEventListener("focusin", function () { queueReveal(later); });
  }
  function enhanceQuestion(box) {
    var id = box.getAttribute("data-question");
    if (qEls[id]) return qEls[id];
    var q = qEls[id] = { select: box.querySelector("select"), comment: box.querySelector("textarea"), note: null, box: box };
    q.select.disabled = false;
    q.comment.disabled = false;
    fillQuestion(id);
    return q;
  }
  function listenForm() {
    form.addEventListener("change", onFormEdit);
    form.addEventListener("input", onFormEdit);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  /** onFormEdit stores an answer or comment and updates the page. */
  function onFormEdit(e) {
    var el = e.target;
    var box = el.closest && el.closest(".ws-question");
    if (!box) return;
    if (e.type === "input" && el.tagName === "SELECT") return; // handled by change
    var qid = box.getAttribute("data-question");
    var q = enhanceQuestion(box);
    var prev = current.answers[qid];
    var option = q.select.value || (prev && !idx.options[prev.option] ? prev.option : "");
    var entry = { option: option, comment: q.comment.value };
    if (entry.option || entry.comment) {
      entry.question = idx.questions[qid].q.text;
      current.answers[qid] = entry;
    } else delete current.answers[qid];
    if (el === q.select && q.select.value && q.note) q.note.hidden = true;
    saveAssessment(current);
    if (el === q.select || e.type === "change") update([qid]);
  }

  function fillForm() {
    Object.keys(qEls).forEach(fillQuestion);
  }
  /** fillQuestion shows the current answer; a changed option code gets a note. */
  function fillQuestion(qid) {
    var q = qEls[qid], a = current.answers[qid];
    var code = a ? a.option : "";
    var known = !code || idx.options[code];
    q.select.value = known ? code : "";
    q.comment.value = a ? a.comment : "";
    if (!known && !q.note) q.box.appendChild(q.note = h("p", { class: "ws-code-note" }));
    if (q.note) q.note.hidden = !!known;
    if (!known) setText(q.note, t("ws_code_changed", { code: code }));
  }

  function applyFilter() {
    var on = filterBox.checked, any = false;
    form.querySelectorAll(".ws-theme").forEach(function (th) {
      var shown = 0;
      th.querySelectorAll(".ws-question").forEach(function (box) {
        var a = current.answers[box.getAttribute("data-question")];
        var hide = on && !!(a && idx.options[a.option]);
        box.hidden = hide;
        if (!hide) shown++;
      });
      th.hidden = on && !shown;
      if (shown) any = true;
    });
    form.querySelectorAll(".ws-dimension").forEach(function (d) {
      d.hidden = on && !d.querySelector(".ws-theme:not([hidden])");
    });
    filterEmpty.hidden = !on || any;
  }

  // ---------------------------------------------------------------------
  // The summary. Built once, after the form works, in small steps (see
  // start-up below); update() then changes only what differs.

  var summaryEl, printName, printDate, countCells = Object.create(null), chips = Object.create(null);
  var conflictList, conflictItems = new Map(), conflictEmpty, gapList, gapItems = new Map(), gapEmpty;
  var sfBox, sfCache = "", obsoleteSection, obsoleteList, answerCells = Object.create(null);
  var summaryReady = false; // true once the summary is in the page and filled

  /**
   * summarySteps returns the construction of the summary as a list of
   * small steps. Each adds one part at the end of the summary (below the
   * form, so usually off screen), which keeps every style and layout pass
   * small too; the last fills in the current assessment.
   */
  function summarySteps() {
    var steps = [function () {
      // The diagram's frame now, its layers as the next steps.
      var d = buildDiagram();
      summaryEl.appendChild(d.figure);
      queue.unshift.apply(queue, d.layers);
    }];
    ws.dimensions.forEach(function (d) {
      var sec;
      steps.push(function () { sec = dimensionCounts(d); summaryEl.appendChild(sec); });
      steps.push(function () { sec.appendChild(dimensionAnswers(d)); });
    });
    steps.push(buildSummaryLists, function () { summaryEl.appendChild(buildPrivacy()); });
    steps.push(function () {
      summaryReady = true;
      update(null);
      summaryEl.removeAttribute("aria-busy");
      app.setAttribute("data-ready", "all");
    });
    return steps;
  }

  /** summaryShell puts the summary's heading below the form; summarySteps fill it. */
  function summaryShell() {
    summaryEl = h("section", { id: "ws-summary", class: "ws-summary", "aria-labelledby": "ws-summary-h", tabindex: "-1", "aria-busy": "true" });
    printName = h("span", { class: "ws-print-name", text: current.name });
    printDate = h("span", { class: "ws-print-date" });
    summaryEl.appendChild(h("p", { class: "ws-print-head" }, [printName, " – " + ws.title + " – ", printDate]));
    summaryEl.appendChild(h("h2", { id: "ws-summary-h", text: S.ws_summary }));
    form.parentNode.insertBefore(summaryEl, form.nextSibling);
  }

  /** dimensionCounts makes a dimension's section with its count table. */
  function dimensionCounts(d) {
    var sec = h("section", { class: "ws-sum-dim dim-" + d.id });
    sec.appendChild(h("h3", { id: "wss-" + d.id, text: d.title }));
    var head = h("tr", null, [h("th", { scope: "col", text: S.ws_theme })].concat(C.COLUMNS.map(function (m) {
      return h("th", { scope: "col" }, [h("span", { class: "ws-sym", "aria-hidden": "true", text: C.SYMBOLS[m] + " " }), C.stateLabel(S, m)]);
    })));
    var body = h("tbody");
    d.themes.concat([{ id: "dim:" + d.id, title: t("ws_total_for", { name: d.title }) }]).forEach(function (th) {
      var cells = {};
      var tr = h("tr", { class: th.id.indexOf("dim:") === 0 ? "ws-total-row" : "" }, [h("th", { scope: "row", text: th.title })].concat(C.COLUMNS.map(function (m) {
        return (cells[m] = h("td", { text: "0" }));
      })));
      countCells[th.id] = cells;
      body.appendChild(tr);
    });
    // The table may scroll sideways on a narrow screen: the wrapper is a
    // named, focusable region so keyboard users can scroll it too.
    sec.appendChild(h("div", { class: "ws-table-wrap", role: "region", tabindex: "0", "aria-labelledby": "wsc-" + d.id }, [h("table", { class: "ws-counts" }, [
      h("caption", { id: "wsc-" + d.id, text: t("ws_counts_caption", { name: d.title }) }), h("thead", null, [head]), body
    ])]));
    return sec;
  }

  /** dimensionAnswers makes the table of a dimension's answers, shown in print (the form is not printed). */
  function dimensionAnswers(d) {
    var rows = h("tbody");
    d.themes.forEach(function (th) {
      th.questions.forEach(function (q) {
        var ans = h("td"), com = h("td");
        answerCells[q.id] = { answer: ans, comment: com };
        rows.appendChild(h("tr", null, [h("td", { text: th.title }), h("td", { text: q.text }), ans, com]));
      });
    });
    return h("table", { class: "ws-print-only ws-answers" }, [
      h("caption", { text: t("ws_answers_for", { name: d.title }) }),
      h("thead", null, [h("tr", null, [S.ws_theme, S.ws_question, S.ws_answer, S.ws_comment_short].map(function (x) { return h("th", { scope: "col", text: x }); }))]),
      rows
    ]);
  }

  /** buildSummaryLists adds the goal conflicts, knowledge gaps, saksframlegg text and obsolete answers. */
  function buildSummaryLists() {
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
      if (e.target.checked) current.todo[qid] = true; else delete current.todo[qid];
      saveAssessment(current);
    });
  }

  // The layer-cake diagram: dimensions as layers, widest at the base, each
  // theme a chip with colour, symbol and text. Layout is fixed at build
  // time; updates only change a chip's state. buildDiagram returns the
  // figure and a function per layer that draws it.
  function buildDiagram() {
    var W = 760, chipW = 200, chipH = 44, gap = 8, pad = 12, y = 0;
    // Base (first dimension) is widest; each layer above is narrower.
    var layers = ws.dimensions.map(function (d, i) { return { d: d, width: W - i * 120 }; });
    layers.forEach(function (l) { l.perRow = Math.max(1, Math.floor((l.width - 2 * pad + gap) / (chipW + gap))); });
    layers.forEach(function (l) { l.rows = Math.max(1, Math.ceil(l.d.themes.length / l.perRow)); l.height = 30 + l.rows * (chipH + gap) + pad; });
    var total = layers.reduce(function (s, l) { return s + l.height + 6; }, 0);
    var g = svg("svg", { viewBox: "0 0 " + W + " " + total, class: "ws-cake", role: "img", "aria-labelledby": "ws-cake-title ws-cake-desc", focusable: "false" });
    g.appendChild(svg("title", { id: "ws-cake-title" }, S.ws_diagram_title));
    g.appendChild(svg("desc", { id: "ws-cake-desc" }, S.ws_diagram_desc));
    var textList = h("ul", { class: "ws-cake-text" });
    var figure = h("figure", { class: "ws-diagram" }, [
      g,
      h("figcaption", null, [h("p", { text: S.ws_diagram_caption }), h("details", { class: "ws-cake-details" }, [h("summary", { text: S.ws_diagram_as_text }), textList])])
    ]);
    // Draw from the top (last dimension) down to the base.
    return { figure: figure, layers: layers.slice().reverse().map(function (l) { return function () { layer(l); }; }) };
    function layer(l) {
      var x0 = (W - l.width) / 2;
      var grp = svg("g", { class: "ws-layer dim-" + l.d.id });
      grp.appendChild(svg("rect", { x: x0, y: y, width: l.width, height: l.height, rx: 8, class: "ws-layer-bg" }));
      grp.appendChild(svg("text", { x: x0 + pad, y: y + 20, class: "ws-layer-title" }, l.d.title));
      var items = h("ul");
      l.d.themes.forEach(function (th, k) {
        var cx = x0 + pad + (k % l.perRow) * (chipW + gap), cy = y + 28 + Math.floor(k / l.perRow) * (chipH + gap);
        var title = th.title.length > 30 ? th.title.slice(0, 29) + "…" : th.title;
        var chip = svg("g", { class: "ws-chip state-unanswered" });
        chip.appendChild(svg("rect", { x: cx, y: cy, width: chipW, height: chipH, rx: 4 }));
        chip.appendChild(svg("text", { x: cx + 8, y: cy + 17, class: "ws-chip-title" }, title));
        var state = svg("text", { x: cx + 8, y: cy + 35, class: "ws-chip-state" }, "");
        chip.appendChild(state);
        grp.appendChild(chip);
        var li = h("li");
        items.appendChild(li);
        chips[th.id] = { g: chip, state: state, result: "", li: li, title: th.title };
      });
      g.appendChild(grp);
      textList.insertBefore(h("li", null, [h("span", { text: l.d.title }), items]), textList.firstChild);
      y += l.height + 6;
    }
  }

  function buildPrivacy() {
    var box = h("div", { class: "ws-confirm", hidden: true });
    var btn = button("ws_delete_all", "ws-btn ws-danger");
    btn.addEventListener("click", function () {
      confirm(box, S.ws_delete_all_confirm, S.ws_delete_all_yes, function () {
        try {
          if (storage) {
            var keys = [];
            for (var i = 0; i < storage.length; i++) { var k = storage.key(i); if (k && k.indexOf(PREFIX) === 0) keys.push(k); }
            keys.forEach(removeKey);
          }
        } catch (e) { /* nothing stored */ }
        list = [C.newAssessment(ws, S.ws_first_name)];
        switchTo(list[0], true);
        setText(statusBox, S.ws_deleted_all);
      }, btn);
    });
    return h("section", { class: "ws-privacy no-print", "aria-labelledby": "ws-priv-h" }, [
      h("h3", { id: "ws-priv-h", text: S.ws_privacy_heading }),
      h("p", { text: S.ws_privacy_text }), h("p", { text: S.ws_privacy_file }), btn, box
    ]);
  }

  function onConflictEdit(e) {
    var key = e.target.getAttribute("data-conflict");
    if (!key) return;
    var li = conflictItems.get(key);
    var v = { handling: li._sel.value, note: li._note.value };
    if (v.handling || v.note) current.conflicts[key] = v; else delete current.conflicts[key];
    saveAssessment(current);
    conflictSummary(li, key);
    if (e.type === "change") renderSF();
  }

  // A conflict's handling fields are made when its <details> is first
  // opened: a large worksheet can have hundreds of conflicts, and building
  // every form control up front would cost more than a frame.
  function conflictItem(c) {
    var desc = h("p", { class: "ws-conflict-desc" });
    var sumEl = h("summary");
    var details = h("details", { class: "ws-handling" }, [sumEl]);
    var li = h("li", { class: "ws-conflict" + (c.across ? " ws-across" : "") }, [
      desc, c.across ? h("p", { class: "ws-badge", text: "⇅ " + S.ws_across }) : null, details
    ]);
    li._desc = desc; li._sum = sumEl; li._fresh = true;
    details.addEventListener("toggle", function () {
      if (details.open && !li._sel) conflictFields(li, c);
    });
    return li;
  }

  function conflictFields(li, c) {
    var ta = idx.themes[c.a], tb = idx.themes[c.b];
    var id = "cf-" + c.a + "--" + c.b;
    var sel = h("select", { id: id + "-h", "data-conflict": c.key }, [h("option", { value: "", text: S.ws_handling_open })].concat(C.HANDLING.map(function (k) {
      return h("option", { value: k, text: S["ws_handling_" + k] });
    })));
    var note = h("textarea", { id: id + "-n", rows: "2", "data-conflict": c.key });
    var v = current.conflicts[c.key] || { handling: "", note: "" };
    sel.value = v.handling;
    note.value = v.note;
    li._sum.parentNode.appendChild(h("div", { class: "ws-field" }, [h("label", { for: id + "-h", text: t("ws_handling_label", { a: ta.theme.title, b: tb.theme.title }) }), sel]));
    li._sum.parentNode.appendChild(h("div", { class: "ws-field" }, [h("label", { for: id + "-n", text: S.ws_handling_note }), note]));
    li._sel = sel; li._note = note;
  }

  /** conflictSummary shows how a conflict is handled on its <details>. */
  function conflictSummary(li, key) {
    var v = current.conflicts[key];
    setText(li._sum, S.ws_handling + ": " + (v && v.handling ? S["ws_handling_" + v.handling] : S.ws_handling_open) + (v && v.note ? " …" : ""));
  }

  function gapItem(qid) {
    var e = idx.questions[qid];
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

  function renderSF() {
    if (!sfBox) return;
    var secs = C.saksframlegg(ws, idx, sum, current, S);
    var key = JSON.stringify(secs);
    if (key === sfCache) return;
    sfCache = key;
    sfBox.textContent = "";
    secs.forEach(function (s) {
      sfBox.appendChild(h("h4", { text: s.heading }));
      s.paragraphs.forEach(function (p) { sfBox.appendChild(h("p", { text: p })); });
    });
  }

  /**
   * update recomputes the summary and changes the page where it differs.
   * changed lists the question IDs whose answers changed, or is null when
   * everything must be refreshed (switching assessments, imports).
   */
  function update(changed) {
    sum = C.summarize(ws, idx, current.answers);
    // Progress.
    sum.dims.concat([{ answered: sum.answered, total: sum.total }]).forEach(function (d, i) {
      var r = progressRows[i];
      if (!r) return; // the toolbar is not built yet
      r.bar.max = d.total || 1;
      r.bar.value = d.answered;
      setText(r.text, t("ws_progress_of", { n: d.answered, total: d.total }));
    });
    if (!summaryReady) return; // the summary's last start-up step fills it in
    // Counts and diagram.
    sum.dims.forEach(function (d) {
      d.themes.concat([{ id: "dim:" + d.id, counts: d.counts }]).forEach(function (ts) {
        var cells = countCells[ts.id];
        C.COLUMNS.forEach(function (m) { setText(cells[m], String(ts.counts[m])); });
        var chip = chips[ts.id];
        if (chip && chip.result !== ts.result) {
          chip.result = ts.result;
          chip.g.setAttribute("class", "ws-chip state-" + ts.result);
          setText(chip.state, C.SYMBOLS[ts.result] + " " + C.stateLabel(S, ts.result));
          setText(chip.li, chip.title + ": " + C.stateLabel(S, ts.result));
        }
      });
    });
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
    // Printed answers.
    (changed || Object.keys(answerCells)).forEach(function (qid) {
      var c = answerCells[qid];
      if (!c) return;
      var a = current.answers[qid];
      setText(c.answer, C.answerText(idx, S, a));
      setText(c.comment, a ? a.comment : "");
    });
    // Questions that no longer exist.
    if (changed === null) {
      obsoleteList.textContent = "";
      sum.obsolete.forEach(function (qid) {
        var a = current.answers[qid];
        obsoleteList.appendChild(h("li", null, [
          h("strong", { text: (a.question || qid) }), h("br"),
          t("ws_obsolete_line", { code: a.option || "–", comment: a.comment || "–" })
        ]));
      });
      obsoleteSection.hidden = !sum.obsolete.length;
    }
    renderSF();
  }

  /** switchTo makes a the current assessment and refreshes everything. */
  function switchTo(a, keepStorage) {
    current = a;
    refreshPicker();
    nameInput.value = a.name;
    if (printName) setText(printName, a.name);
    fillForm();
    update(null);
    applyFilter();
    if (storage && !keepStorage) saveIndex();
  }

  // ---------------------------------------------------------------------
  // Export and import.

  var TYPES = {
    json: "application/json", csv: "text/csv;charset=utf-8", md: "text/markdown;charset=utf-8",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    odt: "application/vnd.oasis.opendocument.text"
  };

  function exportAs(kind) {
    var now = new Date(), data;
    if (kind === "json") data = C.toFile(ws, current, now);
    else if (kind === "csv") data = C.csv(C.answerRows(ws, idx, current, S));
    else {
      var blocks = C.reportBlocks(ws, idx, current, S, now);
      data = kind === "md" ? C.markdown(blocks) : kind === "docx" ? C.docx(blocks, ws.lang) : C.odt(blocks, ws.lang);
    }
    var url = URL.createObjectURL(new Blob([data], { type: TYPES[kind] }));
    var a = h("a", { href: url, download: C.fileName(current.name, now, kind), hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    setText(statusBox, t("ws_exported", { file: a.download }));
  }

  // Every import ends in a message or the import panel; #ws-app's
  // data-imports counts those outcomes, so a test (or a script) can wait
  // for the result of its own import.
  var imports = 0;
  function importDone() { app.setAttribute("data-imports", String(++imports)); }

  function importFile(f) {
    importBox.hidden = true;
    importBox.textContent = "";
    if (f.size > C.MAX_FILE_BYTES) {
      showMessages(alertBox, [t("ws_imp_too_big", { size: (f.size / 1048576).toFixed(1) })], "error");
      importDone();
      return;
    }
    if (!/\.json$/i.test(f.name) && f.type && f.type !== "application/json") {
      showMessages(alertBox, [S.ws_imp_wrong_type], "error");
      importDone();
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () { showMessages(alertBox, [S.ws_imp_read_error], "error"); importDone(); };
    reader.onload = function () { offerImport(C.parseFile(String(reader.result), ws, idx, S)); importDone(); };
    reader.readAsText(f);
  }

  /** offerImport shows what the file holds and asks how to import it. */
  function offerImport(r) {
    if (!r.ok) { showMessages(alertBox, [S.ws_imp_refused].concat(r.errors), "error"); return; }
    setText(alertBox, "");
    var a = r.assessment;
    var same = list.filter(function (x) { return x.id === a.id; })[0];
    importBox.textContent = "";
    importBox.appendChild(h("h4", { text: t("ws_imp_ready", { name: a.name }), tabindex: "-1" }));
    if (r.notes.length) importBox.appendChild(h("ul", null, r.notes.map(function (n) { return h("li", { text: n }); })));
    var asNew = button("ws_imp_as_new", "ws-btn ws-primary");
    var kids = [asNew];
    asNew.addEventListener("click", function () {
      var copy = C.normalize(JSON.parse(JSON.stringify(a)), ws, idx, S, false).assessment;
      copy.id = C.newId();
      if (same) copy.name = t("ws_imported_name", { name: copy.name });
      finishImport(copy, r.notes);
    });
    if (same) {
      var replace = h("button", { type: "button", class: "ws-btn ws-danger", text: t("ws_imp_replace", { name: same.name }) });
      replace.addEventListener("click", function () {
        list = list.filter(function (x) { return x !== same; });
        finishImport(a, r.notes);
      });
      kids.push(replace);
    }
    var cancel = button("ws_cancel");
    cancel.addEventListener("click", function () { importBox.hidden = true; importBox.textContent = ""; fileInput.focus(); });
    kids.push(cancel);
    importBox.appendChild(h("div", { class: "ws-buttons" }, kids));
    importBox.hidden = false;
    importBox.firstChild.focus();
  }

  function finishImport(a, notes) {
    importBox.hidden = true;
    importBox.textContent = "";
    list.push(a);
    switchTo(a);
    saveAssessment(a);
    showMessages(alertBox, [t("ws_imp_done", { name: a.name })].concat(notes), "info");
    nameInput.focus();
  }

  // ---------------------------------------------------------------------
  // Start.
  //
  // Nothing here may block the page for long: a phone is several times
  // slower than a laptop, and a long task makes the page ignore taps. The
  // work is a queue of small steps, run a few milliseconds at a time with
  // the browser free to paint and handle input in between:
  //
  //  1. the embedded data is read and the saved assessments are loaded;
  //  2. the first theme's questions are enabled and filled in, and the
  //     toolbar appears (#ws-app gets data-ready="form"), with the
  //     summary's heading below the form;
  //  3. the other themes' questions are put in, one theme per frame, as
  //     they come within a screen's height of the screen or the reader
  //     moves into the form;
  //  4. the rest (any questions left, then the summary) is built when the
  //     summary comes near the screen, or some seconds after loading when
  //     the page is idle, whichever is first (#ws-app gets
  //     data-ready="all" when it is complete).
  //
  // What needs everything at once (printing, the link to the summary, an
  // address naming a question or #ws-summary, a reload) runs the queue
  // to the end first.

  var queue = [], queued = false, summaryQueued = false, formReady = false;
  function now() { return window.performance ? performance.now() : Date.now(); }
  function runSoon() {
    if (queued || !queue.length) return;
    queued = true;
    // A step that adds a theme waits for the next frame, so the theme
    // added before it has been drawn (a hidden page draws nothing).
    if (queue[0].ownFrame && window.requestAnimationFrame && !document.hidden) {
      requestAnimationFrame(function () { setTimeout(runSlice, 0); });
    } else setTimeout(runSlice, 0);
  }
  function runSlice() {
    queued = false;
    var end = now() + 2;
    while (queue.length) {
      queue.shift()();
      if (!queue.length || queue[0].ownFrame || now() >= end) break;
    }
    runSoon();
  }
  /** queueSummary adds the rest of the questions and then the summary's steps to the queue, once. */
  function queueSummary() {
    if (summaryQueued) return;
    summaryQueued = true;
    queueReveal(later);
    queue.push.apply(queue, summarySteps());
    runSoon();
  }
  /** finishForm runs the start-up steps up to the toolbar and puts in all questions, at once. */
  function finishForm() {
    while (queue.length && !formReady) queue.shift()();
    later.forEach(reveal);
    queue = queue.filter(function (f) { return !f.reveals; });
  }
  /** finishStart runs every start-up step left, at once. */
  function finishStart() {
    finishForm();
    queueSummary();
    while (queue.length) queue.shift()();
  }

  // Where the reader should be (see restorePlace). The browser cannot
  // scroll to a question that is still <noscript> text, nor back to where
  // the reader was before a reload: the page was longer then.
  var SCROLL_KEY = PREFIX + "ws.scroll." + location.pathname;
  window.addEventListener("pagehide", function () {
    try { window.sessionStorage.setItem(SCROLL_KEY, String(Math.round(window.scrollY))); } catch (e) { /* not kept */ }
  });
  var hashId = "";
  try { hashId = decodeURIComponent(location.hash.slice(1)); } catch (e) { /* not an id */ }
  var hashMissing = !!hashId && hashId !== "ws-summary" && !document.getElementById(hashId);
  var savedY = null;
  var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  if (nav && (nav.type === "reload" || nav.type === "back_forward")) {
    try { savedY = window.sessionStorage.getItem(SCROLL_KEY); } catch (e) { /* none kept */ }
    savedY = savedY !== null && isFinite(+savedY) && +savedY > 0 ? +savedY : null;
  }

  /**
   * restorePlace scrolls to where the reader was before a reload or going
   * back, or else to the element the address names (a search result links
   * to a question, #q-…) if it was not in the page when it loaded.
   */
  function restorePlace() {
    if (savedY !== null) {
      // Below the form is the summary: build it first.
      if (savedY + window.innerHeight > document.documentElement.scrollHeight) finishStart();
      window.scrollTo(0, savedY);
    } else if (hashMissing && document.getElementById(hashId)) {
      document.getElementById(hashId).scrollIntoView();
    }
  }

  listenForm();
  queue.push(readData, toolbarParts, openStorage, loadAll);
  form.querySelectorAll(".ws-theme").forEach(function (th) {
    if (!th.querySelector("noscript")) queue.push(function () { enhanceTheme(th); });
  });
  queue.push(buildToolbar, function () {
    refreshPicker();
    nameInput.value = current.name;
    update([]);
    if (filterBox.checked) applyFilter();
    if (!storage) storageFailed();
  }, function () {
    summaryShell();
    app.appendChild(toolbar);
    form.removeAttribute("aria-describedby");
    formReady = true;
    app.setAttribute("data-ready", "form");
    whenNear();
    whenSummaryNeeded(queueSummary);
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('a[href="#ws-summary"]');
    if (a) finishStart();
  });
  window.addEventListener("beforeprint", function () {
    finishStart();
    setText(printDate, C.formatDate(new Date(), ws.lang));
  });
  if (location.hash === "#ws-summary") {
    finishStart();
    summaryEl.scrollIntoView();
  } else if (hashMissing || savedY !== null) {
    finishForm();
    restorePlace();
    runSoon();
  } else runSoon();

  /** whenSummaryNeeded calls f when the summary nears the screen or the page is idle. */
  function whenSummaryNeeded(f) {
    var done = false, io = null;
    var go = function () {
      if (done) return;
      done = true;
      if (io) io.disconnect();
      f();
    };
    if ("IntersectionObserver" in window) {
      io = new IntersectionObserver(function (es) { if (es.some(function (e) { return e.isIntersecting; })) go(); }, { rootMargin: "0px 0px 100% 0px" });
      io.observe(summaryEl);
    }
    // Otherwise after loading has settled, so it never competes with it.
    setTimeout(function () {
      if (window.requestIdleCallback) window.requestIdleCallback(go, { timeout: 2000 }); else go();
    }, 5000);
  }
})();
