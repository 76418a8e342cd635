// Worksheet UI: start-up.
//
// Nothing here may block the page for long: a phone is several times
// slower than a laptop, and a long task makes the page ignore taps. The
// work is a queue of small steps (W.queue), run a few milliseconds at a
// time with the browser free to paint and handle input in between:
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
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var form = W.form, app = W.app;

  W.queue = [];
  var queued = false, summaryQueued = false, formReady = false;
  function now() { return window.performance ? performance.now() : Date.now(); }
  /** runSoon runs the queue's next slice after the browser has had its turn. */
  W.runSoon = function () {
    if (queued || !W.queue.length) return;
    queued = true;
    // A step that adds a theme waits for the next frame, so the theme
    // added before it has been drawn (a hidden page draws nothing).
    if (W.queue[0].ownFrame && window.requestAnimationFrame && !document.hidden) {
      requestAnimationFrame(function () { setTimeout(runSlice, 0); });
    } else setTimeout(runSlice, 0);
  };
  function runSlice() {
    queued = false;
    var end = now() + 2;
    while (W.queue.length) {
      W.queue.shift()();
      if (!W.queue.length || W.queue[0].ownFrame || now() >= end) break;
    }
    W.runSoon();
  }
  /** queueSummary adds the rest of the questions and then the summary's steps to the queue, once. */
  function queueSummary() {
    if (summaryQueued) return;
    summaryQueued = true;
    W.queueReveal(W.later);
    W.queue.push.apply(W.queue, W.summarySteps());
    W.runSoon();
  }
  /** finishForm runs the start-up steps up to the toolbar and puts in all questions, at once. */
  W.finishForm = function () {
    while (W.queue.length && !formReady) W.queue.shift()();
    W.later.forEach(W.reveal);
    W.queue = W.queue.filter(function (f) { return !f.reveals; });
  };
  /** finishStart runs every start-up step left, at once. */
  function finishStart() {
    W.finishForm();
    queueSummary();
    while (W.queue.length) W.queue.shift()();
  }

  // Where the reader should be (see restorePlace). The browser cannot
  // scroll to a question that is still <noscript> text, nor back to where
  // the reader was before a reload: the page was longer then.
  var SCROLL_KEY = W.PREFIX + "ws.scroll." + location.pathname;
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
      io.observe(W.summaryEl);
    }
    // Otherwise after loading has settled, so it never competes with it.
    setTimeout(function () {
      if (window.requestIdleCallback) window.requestIdleCallback(go, { timeout: 2000 }); else go();
    }, 5000);
  }

  W.listenForm();
  W.queue.push(W.readData, W.toolbarParts, W.openStorage, W.loadAll);
  form.querySelectorAll(".ws-theme").forEach(function (th) {
    if (!th.querySelector("noscript")) W.queue.push(function () { W.enhanceTheme(th); });
  });
  W.queue.push(W.buildToolbar, function () {
    W.refreshPicker();
    W.nameInput.value = W.current.name;
    W.update([]);
    if (W.filterBox.checked) W.applyFilter();
    if (!W.storage) W.storageFailed();
    W.renderUndo();
    W.showExported();
  }, function () {
    W.summaryShell();
    app.appendChild(W.toolbar);
    W.extras.forEach(function (x) { if (x.build) x.build(); });
    form.removeAttribute("aria-describedby");
    formReady = true;
    app.setAttribute("data-ready", "form");
    W.whenNear();
    whenSummaryNeeded(queueSummary);
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('a[href="#ws-summary"]');
    if (a) finishStart();
  });
  window.addEventListener("beforeprint", function () {
    finishStart();
    W.setText(W.printDate, W.C.formatDate(new Date(), W.ws.lang));
  });
  if (location.hash === "#ws-summary") {
    finishStart();
    W.summaryEl.scrollIntoView();
  } else if (hashMissing || savedY !== null) {
    W.finishForm();
    restorePlace();
    W.runSoon();
  } else W.runSoon();
  // site.js shows the questions and a notice when this is not set by
  // the time the page has loaded.
  W.started = true;
})();
