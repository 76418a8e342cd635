// Worksheet form: enables the controls once the script runs.
(function () {
  "use strict";
  var form = document.getElementById("ws-form");
  if (!form) return;
  form.querySelectorAll("select, textarea").forEach(function (el) { el.disabled = false; });
})();
