// Worksheet UI: the form.
//
// The questions of all but the first theme come as markup inside
// <noscript>, which is plain text when scripts run: while the page loads,
// the browser does not build, style and lay out hundreds of form controls
// the reader cannot see yet (Chromium's autofill visits every form control
// once the page is parsed, and forces style and layout of each one it
// visits). They are put in when their theme comes near the screen, when
// the reader moves into the form, or when the page is idle (see
// 80-start.js). Without scripts the browser shows them all.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var form = W.form;

  var qEls = Object.create(null); // question id → {select, comment, note, box}

  /**
   * enhanceTheme enables the questions of one server-rendered theme and
   * fills in the current assessment's answers.
   */
  W.enhanceTheme = function (th) {
    th.querySelectorAll(".ws-question").forEach(enhanceQuestion);
  };

  // The themes whose questions are <noscript> markup, in page order:
  // {th: the fieldset, ns: the <noscript>, queued, done}. While its
  // questions are not in, a theme has the class ws-pending.
  var later = W.later = [];
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
  W.reveal = function (u) {
    if (u.done) return;
    u.done = true;
    if (nearObserver) nearObserver.unobserve(u.th);
    var tpl = document.createElement("template");
    tpl.innerHTML = u.ns.textContent;
    u.ns.parentNode.replaceChild(tpl.content, u.ns);
    u.th.classList.remove("ws-pending");
    W.enhanceTheme(u.th);
  };
  /** queueReveal queues the themes' questions to be put in, one theme per frame. */
  W.queueReveal = function (units) {
    units.forEach(function (u) {
      if (u.queued || u.done) return;
      u.queued = true;
      var step = function () { W.reveal(u); };
      step.ownFrame = true;
      step.reveals = u;
      W.queue.push(step);
    });
    W.runSoon();
  };
  /** whenNear queues a theme's questions when it comes within a screen's height of the screen. */
  W.whenNear = function () {
    if (!later.length) return;
    if (!("IntersectionObserver" in window)) { W.queueReveal(later); return; }
    nearObserver = new IntersectionObserver(function (es) {
      W.queueReveal(later.filter(function (u) {
        return es.some(function (e) { return e.isIntersecting && e.target === u.th; });
      }));
    }, { rootMargin: "100% 0px 100% 0px" });
    later.forEach(function (u) { nearObserver.observe(u.th); });
    // Moving into the form (Tab, a click, assistive technology) brings
    // in the rest, in order, so the next field is there when it is reached.
    form.addEventListener("focusin", function () { W.queueReveal(later); });
  };
  function enhanceQuestion(box) {
    var id = box.getAttribute("data-question");
    if (qEls[id]) return qEls[id];
    var q = qEls[id] = { select: box.querySelector("select"), comment: box.querySelector("textarea"), note: null, box: box };
    q.select.disabled = false;
    q.comment.disabled = false;
    fillQuestion(id);
    return q;
  }
  /** listenForm handles edits in the form; it runs before anything else. */
  W.listenForm = function () {
    form.addEventListener("change", onFormEdit);
    form.addEventListener("input", onFormEdit);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  };

  /** onFormEdit stores an answer or comment and updates the page. */
  function onFormEdit(e) {
    var el = e.target;
    var box = el.closest && el.closest(".ws-question");
    if (!box) return;
    if (e.type === "input" && el.tagName === "SELECT") return; // handled by change
    var qid = box.getAttribute("data-question");
    var q = enhanceQuestion(box);
    var current = W.current, idx = W.idx;
    var prev = current.answers[qid];
    var option = q.select.value || (prev && !idx.options[prev.option] ? prev.option : "");
    var entry = { option: option, comment: q.comment.value };
    if (entry.option || entry.comment) {
      entry.question = idx.questions[qid].q.text;
      current.answers[qid] = entry;
    } else {
      delete current.answers[qid];
      entry = null;
    }
    if (el === q.select && q.select.value && q.note) q.note.hidden = true;
    W.saveItem(current, "q", qid, entry, el);
    if (el === q.select || e.type === "change") W.update([qid]);
  }

  /** fillForm shows the current assessment's answers in every enabled question. */
  W.fillForm = function () {
    Object.keys(qEls).forEach(fillQuestion);
  };
  /** fillQuestion shows the current answer; a changed option code gets a note. */
  function fillQuestion(qid) {
    var q = qEls[qid], a = W.current.answers[qid];
    if (!q) return; // not in the page yet: filled in when it is
    var code = a ? a.option : "";
    var known = !code || W.idx.options[code];
    q.select.value = known ? code : "";
    q.comment.value = a ? a.comment : "";
    if (!known && !q.note) q.box.appendChild(q.note = W.h("p", { class: "ws-code-note" }));
    if (q.note) q.note.hidden = !!known;
    if (!known) W.setText(q.note, W.t("ws_code_changed", { code: code }));
  }

  W.fillQuestion = fillQuestion;

  /** applyFilter hides answered questions while "only unanswered" is on. */
  W.applyFilter = function () {
    var on = W.filterBox.checked, any = false;
    form.querySelectorAll(".ws-theme").forEach(function (th) {
      var shown = 0;
      th.querySelectorAll(".ws-question").forEach(function (box) {
        var a = W.current.answers[box.getAttribute("data-question")];
        var hide = on && !!(a && W.idx.options[a.option]);
        box.hidden = hide;
        if (!hide) shown++;
      });
      th.hidden = on && !shown;
      if (shown) any = true;
    });
    form.querySelectorAll(".ws-dimension").forEach(function (d) {
      d.hidden = on && !d.querySelector(".ws-theme:not([hidden])");
    });
    W.filterEmpty.hidden = !on || any;
  };
})();
