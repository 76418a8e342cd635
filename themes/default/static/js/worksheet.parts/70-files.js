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
      data = kind === "md" ? C.markdown(blocks) : kind === "docx" ? C.docx(blocks, ws.lang, W.S.ws_page_of) : C.odt(blocks, ws.lang, W.S.ws_page_of);
    }
    W.download(data, kind, C.fileName(current.name, now, kind));
    if (kind === "json") { W.markExported(current); W.showExported(); }
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

  /** showExported reminds, gently, when the current assessment was last saved to a file. */
  W.showExported = function () {
    var a = W.current, el = W.exportedNote;
    if (!el || !a) return;
    var s = "";
    if (a.exported) {
      var d = new Date(a.exported);
      s = t("ws_last_exported", { date: C.formatDate(d, W.ws.lang), time: (d.getHours() < 10 ? "0" : "") + d.getHours() + ":" + (d.getMinutes() < 10 ? "0" : "") + d.getMinutes() });
      if (Date.parse(a.updated) > a.exported) s += " " + W.S.ws_changed_since_export;
    } else if (Object.keys(a.answers).length) s = W.S.ws_never_exported;
    W.setText(el, s);
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

  /**
   * offerImport shows what the file holds and asks how to import it: as a
   * new assessment, or in place of the one it came from (same ID), else
   * the one with the same name, else the current one.
   */
  function offerImport(r) {
    var S = W.S, box = W.importBox;
    if (!r.ok) { W.showMessages(W.alertBox, [S.ws_imp_refused].concat(r.errors), "error"); return; }
    W.setText(W.alertBox, "");
    var a = r.assessment;
    var target = W.find(a.id) || W.list.filter(function (x) { return x.name === a.name; })[0] || W.current;
    box.textContent = "";
    box.appendChild(h("h4", { text: t("ws_imp_ready", { name: a.name }), tabindex: "-1" }));
    if (r.notes.length) box.appendChild(h("ul", null, r.notes.map(function (n) { return h("li", { text: n }); })));
    var asNew = W.button("ws_imp_as_new", "ws-btn ws-primary");
    var replace = h("button", { type: "button", class: "ws-btn ws-danger", text: t("ws_imp_replace", { name: target.name }) });
    var cancel = W.button("ws_cancel");
    var confirmBox = h("div", { class: "ws-confirm", hidden: true });
    asNew.addEventListener("click", function () { importAsNew(a, r.notes); });
    replace.addEventListener("click", function () {
      W.confirm(confirmBox, t("ws_imp_replace_confirm", { name: target.name }), t("ws_imp_replace_yes", { name: target.name }), function () {
        importInstead(a, target, r.notes);
      }, replace);
    });
    cancel.addEventListener("click", function () { box.hidden = true; box.textContent = ""; W.fileInput.focus(); });
    box.appendChild(h("div", { class: "ws-buttons" }, [asNew, replace, cancel]));
    box.appendChild(confirmBox);
    box.hidden = false;
    box.firstChild.focus();
  }

  /** importAsNew adds the file's assessment; it keeps the file's ID unless that is taken. */
  function importAsNew(a, notes) {
    var copy = W.newAssessment(W.list.some(function (x) { return x.name === a.name; }) ? t("ws_imported_name", { name: a.name }) : a.name);
    if (!W.find(a.id)) copy.id = a.id;
    copy.created = a.created;
    W.copyContent(a, copy);
    W.list.push(copy);
    finishImport(copy, [t("ws_imp_done", { name: copy.name })].concat(notes));
  }

  /**
   * importInstead puts the file's assessment in the place of target. What
   * it replaces is kept as an assessment of its own, named as a backup,
   * so nothing is lost.
   */
  function importInstead(a, target, notes) {
    var stamp = new Date();
    var backup = W.newAssessment(t("ws_backup_name", { name: target.name, date: C.formatDate(stamp, W.ws.lang) }));
    backup.created = target.created;
    W.copyContent(target, backup);
    var fresh = W.newAssessment(a.name);
    fresh.id = target.id;
    fresh.created = a.created;
    W.copyContent(a, fresh);
    var i = W.list.indexOf(target);
    W.list.splice(i, 1, fresh, backup);
    W.saveAll(backup);
    W.removeStored(target.id);
    finishImport(fresh, [t("ws_imp_replaced", { name: fresh.name, backup: backup.name })].concat(notes));
  }

  function finishImport(a, lines) {
    W.importBox.hidden = true;
    W.importBox.textContent = "";
    W.switchTo(a, true);
    W.saveAll(a);
    W.showMessages(W.alertBox, lines, "info");
    W.nameInput.focus();
  }
})();
