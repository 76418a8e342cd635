// Runs on every page (a classic script, loaded with defer).
(function () {
  "use strict";
  var root = document.documentElement;
  // Marks that scripts run, so the stylesheet can hide no-script notices.
  root.classList.add("js");

  var http = location.protocol === "http:" || location.protocol === "https:";

  // The download link makes no sense in a copy opened from disk (which
  // is the download, and does not hold the zip itself).
  if (!http) {
    var links = document.querySelectorAll("[data-site-download]");
    for (var i = 0; i < links.length; i++) links[i].hidden = true;
  }

  watchWorksheet();

  // The service worker keeps pages for use without a network (see the
  // theme's sw.js). It is registered only over http(s), never from disk,
  // and not by the live-reload preview of `hjelperen serve`. This script
  // lives in <root>/js/, so the site root is the folder above its own
  // URL; that keeps the worker right when the site is hosted under a
  // subpath.
  var me = document.currentScript;
  if (!http || !("serviceWorker" in navigator) || !me || !me.src) return;
  if (document.querySelector('script[src$="_hjelperen/reload.js"]')) return;
  var scope = new URL("../", me.src).href;
  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", scope).href, { scope: scope, updateViaCache: "none" })
      .catch(function (err) {
        console.warn("Bærekrafthjelperen: offline use is not available:", err);
      });
  }
  // Registering leads to the download of the shell (the worksheets and
  // what they need), so it waits until the page has loaded and the
  // browser is idle: the page the reader opened comes first, above all on
  // a slow phone or connection.
  var idle = window.requestIdleCallback || function (f) { setTimeout(f, 0); };
  function later() {
    setTimeout(function () { idle(register); }, 3000);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
  offlinePanel();
  // Once the worker runs, the page says hello with the files it has
  // loaded: the worker then keeps them and the shell of the page's
  // language (and on the search page the search index) unless the
  // browser asks to save data.
  navigator.serviceWorker.ready.then(function (reg) {
    var c = navigator.connection;
    reg.active.postMessage({
      type: "hello",
      saveData: !!(c && c.saveData),
      index: !!document.querySelector('script[src*="js/search/"]'),
      assets: performance.getEntriesByType("resource").map(function (e) { return e.name; })
        .filter(function (u) { return u.indexOf(scope) === 0; })
    });
  });

  // offlinePanel shows, once the worker runs, how much of the toolbox is
  // kept for use without a network, and lets the reader keep all of it.
  function offlinePanel() {
    var panel = document.querySelector("[data-offline-panel]");
    if (!panel) return;
    var status = panel.querySelector("[data-offline-status]");
    var button = panel.querySelector("[data-offline-all]");
    var d = panel.dataset;
    navigator.serviceWorker.addEventListener("message", function (e) {
      var s = e.data;
      if (!s || s.type !== "offline-status") return;
      panel.hidden = false;
      var text = d.status.replace("{n}", s.pagesCached).replace("{total}", s.pages);
      if (s.busy) text += " " + d.busy;
      else if (s.failed) text += " " + d.failed;
      else if (s.saveData && s.pagesCached < s.pages) text += " " + d.saveData;
      status.textContent = text;
      var mb = (s.bytes / 1e6).toFixed(1).replace(".", ",");
      button.textContent = d.all.replace("{mb}", mb);
      button.hidden = s.pagesCached >= s.pages && !s.failed;
      button.disabled = s.busy;
    });
    navigator.serviceWorker.ready.then(function (reg) {
      button.addEventListener("click", function () {
        button.disabled = true;
        (navigator.serviceWorker.controller || reg.active).postMessage({ type: "all" });
      });
    });
  }

  // watchWorksheet shows, on a worksheet page whose script did not start
  // (blocked, not loaded or failed), a notice saying so and every
  // question, which the page holds as <noscript> markup for the script
  // to put in (see worksheet.parts/40-form.js), so they can be read and
  // printed.
  function watchWorksheet() {
    var form = document.getElementById("ws-form");
    if (!form) return;
    var ready = function () { var app = document.getElementById("ws-app"); return app && app.hasAttribute("data-ready"); };
    window.addEventListener("error", function (e) {
      if (/\/(worksheet|ws-core|ws-thread)\.[0-9a-f]+\.js$/.test(e.filename || "") && !ready()) broken(form);
    });
    // Deferred scripts have all run when "load" fires.
    window.addEventListener("load", function () {
      var w = window.HjelperenWorksheet;
      if (!w || !w.started) broken(form);
    });
  }

  function broken(form) {
    if (root.classList.contains("ws-broken")) return;
    root.classList.add("ws-broken");
    var note = document.getElementById("ws-nojs");
    if (note && note.dataset.failed) note.textContent = note.dataset.failed;
    var hidden = form.querySelectorAll(".ws-theme noscript");
    for (var i = 0; i < hidden.length; i++) {
      var t = document.createElement("template");
      t.innerHTML = hidden[i].textContent; // the page's own markup
      hidden[i].parentNode.replaceChild(t.content, hidden[i]);
    }
    var pending = form.querySelectorAll(".ws-pending");
    for (var j = 0; j < pending.length; j++) pending[j].classList.remove("ws-pending");
  }
})();
