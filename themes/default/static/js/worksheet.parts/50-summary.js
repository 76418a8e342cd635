// Worksheet UI: the summary's frame, count tables and update().
//
// The summary is built once, after the form works, in small steps (see
// 80-start.js); update() then changes only what differs, so an answer
// change costs well under one frame.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h, setText = W.setText, t = W.t;

  var countCells = Object.create(null), answerCells = Object.create(null);
  W.chips = Object.create(null); // theme id → diagram chip (60-diagram.js)
  W.summaryReady = false; // true once the summary is in the page and filled

  /**
   * summarySteps returns the construction of the summary as a list of
   * small steps. Each adds one part at the end of the summary (below the
   * form, so usually off screen), which keeps every style and layout pass
   * small too; the last fills in the current assessment.
   */
  W.summarySteps = function () {
    var summaryEl = W.summaryEl;
    var steps = [function () {
      // The diagram's frame now, its layers as the next steps.
      var d = W.buildDiagram();
      summaryEl.appendChild(d.figure);
      W.queue.unshift.apply(W.queue, d.layers);
    }];
    W.ws.dimensions.forEach(function (d) {
      var sec;
      steps.push(function () { sec = dimensionCounts(d); summaryEl.appendChild(sec); });
      steps.push(function () { sec.appendChild(dimensionAnswers(d)); });
    });
    steps.push(W.buildSummaryLists);
    W.extras.forEach(function (x) { if (x.summary) steps.push(x.summary); });
    steps.push(function () { summaryEl.appendChild(W.buildPrivacy()); });
    steps.push(function () {
      W.summaryReady = true;
      W.update(null);
      summaryEl.removeAttribute("aria-busy");
      W.app.setAttribute("data-ready", "all");
    });
    return steps;
  };

  /** summaryShell puts the summary's heading below the form; summarySteps fill it. */
  W.summaryShell = function () {
    var el = W.summaryEl = h("section", { id: "ws-summary", class: "ws-summary", "aria-labelledby": "ws-summary-h", tabindex: "-1", "aria-busy": "true" });
    W.printName = h("span", { class: "ws-print-name", text: W.current.name });
    W.printDate = h("span", { class: "ws-print-date" });
    el.appendChild(h("p", { class: "ws-print-head" }, [W.printName, " – " + W.ws.title + " – ", W.printDate]));
    el.appendChild(h("h2", { id: "ws-summary-h", text: W.S.ws_summary }));
    W.form.parentNode.insertBefore(el, W.form.nextSibling);
  };

  /** dimensionCounts makes a dimension's section with its count table. */
  function dimensionCounts(d) {
    var S = W.S;
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
    var S = W.S;
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

  /**
   * update recomputes the summary and changes the page where it differs.
   * changed lists the question IDs whose answers changed, or is null when
   * everything must be refreshed (switching assessments, imports).
   */
  W.update = function (changed) {
    var sum = W.sum = C.summarize(W.ws, W.idx, W.current.answers);
    updateProgress(sum);
    W.extras.forEach(function (x) { if (x.update) x.update(sum, changed); });
    if (!W.summaryReady) return; // the summary's last start-up step fills it in
    updateCounts(sum);
    W.updateLists(sum, changed);
    // Printed answers.
    (changed || Object.keys(answerCells)).forEach(function (qid) {
      var c = answerCells[qid];
      if (!c) return;
      var a = W.current.answers[qid];
      setText(c.answer, C.answerText(W.idx, W.S, a));
      setText(c.comment, a ? a.comment : "");
    });
    W.renderSF();
  };

  function updateProgress(sum) {
    sum.dims.concat([{ answered: sum.answered, total: sum.total }]).forEach(function (d, i) {
      var r = W.progressRows[i];
      if (!r) return; // the toolbar is not built yet
      r.bar.max = d.total || 1;
      r.bar.value = d.answered;
      setText(r.text, t("ws_progress_of", { n: d.answered, total: d.total }));
    });
  }

  /** updateCounts updates the count tables and the diagram's chips. */
  function updateCounts(sum) {
    var S = W.S;
    sum.dims.forEach(function (d) {
      d.themes.concat([{ id: "dim:" + d.id, counts: d.counts }]).forEach(function (ts) {
        var cells = countCells[ts.id];
        C.COLUMNS.forEach(function (m) { setText(cells[m], String(ts.counts[m])); });
        var chip = W.chips[ts.id];
        if (chip && chip.result !== ts.result) {
          chip.result = ts.result;
          chip.g.setAttribute("class", "ws-chip state-" + ts.result);
          setText(chip.state, C.SYMBOLS[ts.result] + " " + C.stateLabel(S, ts.result));
          setText(chip.li, chip.title + ": " + C.stateLabel(S, ts.result));
        }
      });
    });
  }
})();
