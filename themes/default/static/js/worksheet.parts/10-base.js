// Worksheet UI: the shared namespace, the embedded data and
// small DOM helpers.
//
// The worksheet UI turns the server-rendered form into a working tool. It
// is split by responsibility into the files of this folder, which the
// generator joins in name order into one script, js/worksheet.js (one
// request and one gzip stream for the reader; see joinParts in the
// generator). Each part is a classic script (ES modules do not load from
// file:// in Chromium) that reads and extends one namespace object,
// window.HjelperenWorksheet (W below), the way ws-core.js defines
// window.HjelperenWS. Parts define functions (and window listeners);
// 80-start.js, the last, runs the start-up.
//
// Imported and stored text is only ever written with textContent or as
// form values, never as HTML. Needs ws-core.js (window.HjelperenWS).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var C = window.HjelperenWS;
  var dataEl = document.getElementById("ws-data");
  var form = document.getElementById("ws-form");
  var app = document.getElementById("ws-app");
  // Not a worksheet page, or the core is missing: no part does anything.
  if (!C || !dataEl || !form || !app) return;

  var W = window.HjelperenWorksheet = {
    C: C, dataEl: dataEl, form: form, app: app,
    PREFIX: "hjelperen.",
    // Set by readData, the first start-up step.
    ws: null, S: null, idx: null,
    list: [],      // assessments in creation order
    current: null, // the assessment shown
    sum: null,     // summary of the current assessment
    // Optional parts (the red thread, goals, areas, comparison) register
    // here: {build()} runs once the toolbar is in the page, {update(sum,
    // changed)} with every update, {summary()} as one of the summary's
    // start-up steps.
    extras: []
  };
  var SVG_NS = "http://www.w3.org/2000/svg";

  /** readData reads the worksheet data the page carries in #ws-data. */
  W.readData = function () {
    var ws = W.ws = JSON.parse(dataEl.textContent);
    W.S = ws.strings || {};
    W.idx = C.indexWorksheet(ws);
  };

  /** h creates an element; attrs are attributes, kids strings or nodes. It only ever sets text with textContent. */
  W.h = function (tag, attrs, kids) {
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
  };
  /** svg creates an SVG element with attributes and optional text. */
  W.svg = function (tag, attrs, text) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text != null) el.textContent = text;
    return el;
  };
  /** setText changes an element's text only when it differs. */
  W.setText = function (el, s) { if (el.textContent !== s) el.textContent = s; };
  /** t returns the UI string key with {placeholders} filled in. */
  W.t = function (key, vars) { return C.fmt(W.S[key] || key, vars); };
  /** button makes a button labelled with the UI string key. */
  W.button = function (key, cls) { return W.h("button", { type: "button", class: cls || "ws-btn", text: W.S[key] || key }); };

  /** showMessages shows lines in box: the first as a paragraph, the rest as a list. */
  W.showMessages = function (box, lines, kind) {
    var h = W.h;
    box.textContent = "";
    if (!lines.length) return;
    box.className = "ws-alert notice" + (kind === "error" ? " ws-error" : "");
    box.appendChild(h("p", { text: lines[0] }));
    if (lines.length > 1) box.appendChild(h("ul", null, lines.slice(1).map(function (l) { return h("li", { text: l }); })));
  };

  /**
   * confirm shows a yes/cancel question in box and moves focus to the
   * safe choice, cancel (so Enter pressed twice cancels); back is focused
   * again when the question is answered or cancelled.
   */
  W.confirm = function (box, question, yesLabel, onYes, back) {
    var h = W.h;
    box.textContent = "";
    var yes = h("button", { type: "button", class: "ws-btn ws-danger", text: yesLabel });
    var no = W.button("ws_cancel");
    var p = h("p", { text: question, tabindex: "-1" });
    box.appendChild(p);
    box.appendChild(h("div", { class: "ws-buttons" }, [yes, no]));
    box.hidden = false;
    var close = function () { box.hidden = true; box.textContent = ""; };
    yes.addEventListener("click", function () { close(); onYes(); if (back && back.isConnected) back.focus(); });
    no.addEventListener("click", function () { close(); if (back) back.focus(); });
    no.focus();
  };
})();
