// Live reload for "hjelperen serve": reloads the page after every successful
// rebuild and shows build errors in an overlay until the next good build.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/reload\.js(\?.*)?$/, "");
  // The error page served before any good build is its own overlay.
  var overlay = document.getElementById("hjelperen-error");

  function showError(text) {
    if (!overlay) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = base + "overlay.css";
      document.head.appendChild(css);
      overlay = document.createElement("div");
      overlay.id = "hjelperen-error";
      overlay.setAttribute("role", "alert");
      var h = document.createElement("h2");
      h.textContent = "Bygget feilet – siden viser siste vellykkede bygg";
      var pre = document.createElement("pre");
      overlay.appendChild(h);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }

  var es = new EventSource(base + "events");
  es.addEventListener("reload", function () { window.location.reload(); });
  es.addEventListener("error", function (e) {
    if (e.data) showError(JSON.parse(e.data).message);
  });
  es.addEventListener("ok", function () {
    if (overlay) window.location.reload();
  });
})();
