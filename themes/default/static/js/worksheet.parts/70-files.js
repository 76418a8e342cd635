// Worksheet UI: export to files and import from a file.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h, t = W.t;

  var TYPES = {
    json: "application/json", csv: "text/csv;charset=utf-8", md: "text/markdown;charset=utf-8",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    odt: "application/vnd.oasis.opendocument.text"
  };

  /** exportAs downloads the current assessment as a file of kind (json, csv, md, docx, odt). */
  W.exportAs = function (kind) {
    var ws = W.ws, idx = W.idx, S = W.S, current = W.current;
    var now = new Date(), data;
    if (kind === "json") data = C.toFile(ws, current, now);
    else if (kind === "csv") data = C.csv(C.answerRows(ws, idx, current, S));
    else {
      var blocks = C.reportBlocks(ws, idx, current, S, now);
      data = kind === "md" ? C.markdown(blocks) : kind === "docx" ? C.docx(blocks, ws.lang) : C.odt(blocks, ws.lang);
    }
    W.download(data, kind, C.fileName(current.name, now, kind));
  };

  /** download offers data as a file of kind (json, csv, md, docx, odt) named name. */
  W.download = function (data, kind, name) {
    var url = URL.createObjectURL(new Blob([data], { type: TYPES[kind] }));
    var a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    W.setText(W.statusBox, t("ws_exported", { file: name }));
  };

  // Every import ends in a message or the import panel; #ws-app's
  // data-imports counts those outcomes, so a test (or a script) can wait
  // for the result of its own import.
  var imports = 0;
  function importDone() { W.app.setAttribute("data-imports", String(++imports)); }

  /** importFile reads and checks a file the reader chose and offers to import it. */
  W.importFile = function (f) {
    var S = W.S;
    W.importBox.hidden = true;
    W.importBox.textContent = "";
    if (f.size > C.MAX_FILE_BYTES) {
      W.showMessages(W.alertBox, [t("ws_imp_too_big", { size: (f.size / 1048576).toFixed(1) })], "error");
      importDone();
      return;
    }
    if (!/\.json$/i.test(f.name) && f.type && f.type !== "application/json") {
      W.showMessages(W.alertBox, [S.ws_imp_wrong_type], "error");
      importDone();
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () { W.showMessages(W.alertBox, [S.ws_imp_read_error], "error"); importDone(); };
    reader.onload = function () { offerImport(C.parseFile(String(reader.result), W.ws, W.idx, S)); importDone(); };
    reader.readAsText(f);
  };

  /** offerImport shows what the file holds and asks how to import it. */
  function offerImport(r) {
    var S = W.S, box = W.importBox;
    if (!r.ok) { W.showMessages(W.alertBox, [S.ws_imp_refused].concat(r.errors), "error"); return; }
    W.setText(W.alertBox, "");
    var a = r.assessment;
    var same = W.list.filter(function (x) { return x.id === a.id; })[0];
    box.textContent = "";
    box.appendChild(h("h4", { text: t("ws_imp_ready", { name: a.name }), tabindex: "-1" }));
    if (r.notes.length) box.appendChild(h("ul", null, r.notes.map(function (n) { return h("li", { text: n }); })));
    var asNew = W.button("ws_imp_as_new", "ws-btn ws-primary");
    var kids = [asNew];
    asNew.addEventListener("click", function () {
      var copy = C.normalize(JSON.parse(JSON.stringify(a)), W.ws, W.idx, S, false).assessment;
      copy.id = C.newId();
      if (same) copy.name = t("ws_imported_name", { name: copy.name });
      finishImport(copy, r.notes);
    });
    if (same) {
      var replace = h("button", { type: "button", class: "ws-btn ws-danger", text: t("ws_imp_replace", { name: same.name }) });
      replace.addEventListener("click", function () {
        W.list = W.list.filter(function (x) { return x !== same; });
        finishImport(a, r.notes);
      });
      kids.push(replace);
    }
    var cancel = W.button("ws_cancel");
    cancel.addEventListener("click", function () { box.hidden = true; box.textContent = ""; W.fileInput.focus(); });
    kids.push(cancel);
    box.appendChild(h("div", { class: "ws-buttons" }, kids));
    box.hidden = false;
    box.firstChild.focus();
  }

  function finishImport(a, notes) {
    W.importBox.hidden = true;
    W.importBox.textContent = "";
    W.list.push(a);
    W.switchTo(a);
    W.saveAssessment(a);
    W.showMessages(W.alertBox, [t("ws_imp_done", { name: a.name })].concat(notes), "info");
    W.nameInput.focus();
  }
})();
