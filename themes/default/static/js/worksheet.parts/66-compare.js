// Worksheet UI: comparing two assessments of the worksheet.
//
// The current assessment is set beside another one saved in this browser
// or opened from a .json file (alternative 1 and 2, or before and after
// the public hearing). Answers that differ are marked with a sign and a
// word, not colour alone, and the comparison can be downloaded. Nothing
// is saved; the comparison follows the current assessment as it changes.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet, T = window.HjelperenThread;
  if (!W || !T) return;
  var C = W.C, h = W.h;

  var sel, result, msg, other = null, loads = 0, cache = "", panel;

  function build() {
    var S = W.S;
    sel = h("select", { id: "ws-cmp-with" });
    var show = W.button("ws_cmp_show", "ws-btn ws-primary");
    show.addEventListener("click", function () {
      var a = W.list.filter(function (x) { return x.id === sel.value; })[0];
      if (a) showWith(a);
    });
    msg = h("div", { class: "ws-alert", role: "alert" });
    result = h("div", { class: "ws-cmp-result", id: "ws-cmp-result", tabindex: "-1", hidden: true });
    panel = h("details", { class: "ws-panel ws-cmp", id: "ws-cmp" }, [
      h("summary", null, [h("h2", { class: "summary-title", text: S.ws_cmp_heading })]),
      h("p", { class: "hint", text: S.ws_cmp_help }),
      h("div", { class: "ws-assess" }, [h("div", { class: "ws-field" }, [h("label", { for: "ws-cmp-with", text: S.ws_cmp_with }), sel]), h("div", { class: "ws-buttons" }, [show])]),
      W.fileField("ws-cmp-file", "ws_cmp_file", fromFile), msg, result
    ]);
    panel.addEventListener("toggle", fillChoices);
    W.app.appendChild(panel);
    fillChoices();
  }

  /** fillChoices lists the other saved assessments of this worksheet. */
  function fillChoices() {
    var keep = sel.value;
    sel.textContent = "";
    sel.appendChild(h("option", { value: "", text: W.S.ws_cmp_pick }));
    W.list.forEach(function (a) { if (a !== W.current) sel.appendChild(h("option", { value: a.id, text: a.name })); });
    sel.value = keep;
    if (sel.value !== keep) sel.value = "";
  }

  function fromFile(f) {
    W.readJSONFile(f, function (err, text) {
      var r = err ? { ok: false, errors: [err] } : C.parseFile(text, W.ws, W.idx, W.S);
      if (r.ok) showWith(r.assessment); else W.showMessages(msg, [W.S.ws_imp_refused].concat(r.errors), "error");
      panel.setAttribute("data-loads", String(++loads));
    });
  }

  function showWith(a) {
    W.setText(msg, "");
    other = a;
    cache = "";
    render();
    result.hidden = false;
    result.focus();
  }

  /** render shows the comparison of the current assessment with the other one, if it changed. */
  function render() {
    if (!other) return;
    var S = W.S, blocks = T.compareBlocks(W.ws, W.idx, W.current, other, S);
    var key = JSON.stringify(blocks.slice(2));
    if (key === cache) return;
    cache = key;
    W.blocksToDom(result, blocks.filter(function (b) { return b.h !== 1; }), 1, function (r) { return r[r.length - 1] === S.ws_cmp_changed; });
    result.insertBefore(h("h3", { text: blocks[0].text }), result.firstChild);
    var buttons = [["ws_export_docx", "docx"], ["ws_export_odt", "odt"], ["ws_export_md", "md"]].map(function (x) {
      var b = W.button(x[0]);
      b.setAttribute("data-cmp-export", x[1]);
      b.addEventListener("click", function () { download(x[1]); });
      return b;
    });
    var close = W.button("ws_cmp_close");
    close.addEventListener("click", function () { other = null; result.hidden = true; result.textContent = ""; sel.focus(); });
    result.appendChild(h("p", { text: S.ws_cmp_export }));
    result.appendChild(h("div", { class: "ws-buttons" }, buttons.concat([close])));
  }

  function download(kind) {
    var now = new Date(), ws = W.ws;
    var blocks = T.compareBlocks(ws, W.idx, W.current, other, W.S, now);
    var data = kind === "md" ? C.markdown(blocks) : kind === "docx" ? C.docx(blocks, ws.lang) : C.odt(blocks, ws.lang);
    W.download(data, kind, C.fileName(blocks[0].text, now, kind));
  }

  W.extras.push({
    build: build,
    update: function (sum, changed) {
      if (!sel) return;
      if (changed === null) fillChoices();
      if (other) render();
    }
  });
})();
