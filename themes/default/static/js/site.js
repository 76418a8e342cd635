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

  // The service worker caches the whole site for use without a network.
  // It is registered only over http(s), never from disk, and not by the
  // live-reload preview of `hjelperen serve`. This script lives in
  // <root>/js/, so the site root is the folder above its own URL; that
  // keeps the worker right when the site is hosted under a subpath.
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
  // Precaching the whole site takes CPU and network, so it waits until
  // the page has loaded and the browser is idle: the page the reader
  // opened comes first, above all on a slow phone or connection.
  var idle = window.requestIdleCallback || function (f) { setTimeout(f, 0); };
  function later() {
    setTimeout(function () { idle(register); }, 3000);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
})();
