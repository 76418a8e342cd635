// Funding overview: filters the rows of the funding table by dimension,
// theme, owner and who may apply, in the browser. Without JavaScript the
// form stays hidden and the whole table shows.
(function () {
  "use strict";

  var LETTERS = { "æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "á": "a", "č": "c", "š": "s", "ž": "z", "đ": "d", "ŋ": "n", "ŧ": "t" };

  // fold lowers case and folds Norwegian letters and the spellings
  // "ae", "oe", "aa", like the site search.
  function fold(s) {
    return s.toLowerCase().replace(/aa|ae|oe/g, function (m) { return m.charAt(0); })
      .replace(/[^\u0000-\u007f]/g, function (c) { return LETTERS[c] || c; });
  }

  function init() {
    var form = document.getElementById("funding-filter");
    var status = document.getElementById("funding-status");
    if (!form || !status) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll(".funding-table tbody tr"));
    var dim = form.elements.dimensjon;
    var theme = form.elements.tema;
    var owner = form.elements.eier;
    var applicants = form.elements.soker;
    var data = rows.map(function (tr) {
      var o = tr.querySelector(".f-owner");
      var a = tr.querySelector(".f-applicants");
      return {
        tr: tr,
        dims: (tr.getAttribute("data-dimensions") || "").split(" "),
        themes: (tr.getAttribute("data-themes") || "").split(" "),
        owner: fold(o ? o.textContent : ""),
        applicants: fold(a ? a.textContent : "")
      };
    });

    function apply() {
      var d = dim.value;
      var t = theme.value;
      var ow = fold(owner.value.trim());
      var ap = fold(applicants.value.trim());
      var n = 0;
      data.forEach(function (r) {
        var show = (!d || r.dims.indexOf(d) >= 0) && (!t || r.themes.indexOf(t) >= 0) &&
          (!ow || r.owner.indexOf(ow) >= 0) && (!ap || r.applicants.indexOf(ap) >= 0);
        r.tr.hidden = !show;
        if (show) n++;
      });
      status.textContent = n === 0 ? status.getAttribute("data-none") :
        status.getAttribute("data-count").replace("{n}", n).replace("{total}", data.length);
      try {
        var u = new URL(window.location.href);
        [["dimensjon", d], ["tema", t]].forEach(function (kv) {
          if (kv[1]) u.searchParams.set(kv[0], kv[1]);
          else u.searchParams.delete(kv[0]);
        });
        window.history.replaceState(null, "", u.href);
      } catch (e) {
        // file:// URLs may refuse rewriting; the filter still works.
      }
    }

    // Start from ?tema=...&dimensjon=... so other pages can link to a
    // filtered list.
    var params = new URLSearchParams(window.location.search);
    [[dim, "dimensjon"], [theme, "tema"]].forEach(function (sp) {
      var v = params.get(sp[1]);
      if (v && sp[0].querySelector('option[value="' + v.replace(/[^a-z0-9-]/g, "") + '"]')) sp[0].value = v;
    });

    var timer = 0;
    form.addEventListener("change", apply);
    form.addEventListener("input", function (e) {
      if (e.target.tagName !== "INPUT") return;
      clearTimeout(timer);
      timer = setTimeout(apply, 200);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
