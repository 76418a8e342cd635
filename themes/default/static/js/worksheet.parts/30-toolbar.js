// Worksheet UI: the toolbar (assessments, status, progress,
// filter, files).
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var C = W.C, h = W.h;

  W.progressRows = [];

  /**
   * toolbarParts makes the toolbar's controls. It runs before any question
   * can be answered: saving reports in W.statusBox even before the
   * toolbar is in the page.
   */
  W.toolbarParts = function () {
    var S = W.S;
    W.statusBox = h("p", { id: "ws-status", class: "ws-status", role: "status", "aria-live": "polite" });
    W.alertBox = h("div", { id: "ws-alert", class: "ws-alert", role: "alert" });
    W.picker = h("select", { id: "ws-current" });
    W.nameInput = h("input", { id: "ws-name", type: "text", autocomplete: "off", maxlength: "200" });
    W.btnNew = W.button("ws_new"); W.btnCopy = W.button("ws_duplicate"); W.btnDelete = W.button("ws_delete");
    W.confirmBox = h("div", { class: "ws-confirm", hidden: true });
    W.undoBox = h("div", { class: "ws-undo", hidden: true });
    W.exportedNote = h("p", { class: "hint ws-exported", id: "ws-exported" });
    W.filterBox = h("input", { id: "ws-filter", type: "checkbox" });
    W.progressList = h("ul", { class: "ws-progress-list" });
    W.fileInput = h("input", { id: "ws-open", type: "file", accept: ".json,application/json" });
    W.importBox = h("div", { id: "ws-import", class: "ws-import", hidden: true });
    W.filterEmpty = h("p", { class: "ws-filter-empty notice", hidden: true, text: S.ws_filter_empty });
  };

  function progressRow(label) {
    var bar = h("progress", { max: "1", value: "0", "aria-hidden": "true" });
    var text = h("span", { class: "ws-progress-text" });
    var li = h("li", null, [h("span", { class: "ws-progress-label", text: label }), bar, text]);
    W.progressList.appendChild(li);
    var row = { bar: bar, text: text };
    W.progressRows.push(row);
    return row;
  }

  /** buildToolbar builds the toolbar, detached; start-up puts it into #ws-app. */
  W.buildToolbar = function () {
    var S = W.S;
    var exportButtons = [
      ["ws_save_file", "json"], ["ws_export_docx", "docx"], ["ws_export_odt", "odt"], ["ws_export_md", "md"], ["ws_export_csv", "csv"]
    ].map(function (x) {
      var b = W.button(x[0]);
      b.setAttribute("data-export", x[1]);
      return b;
    });
    var printBtn = W.button("ws_print");
    printBtn.addEventListener("click", function () { window.print(); });
    W.ws.dimensions.forEach(function (d) { progressRow(d.title); });
    progressRow(S.ws_progress_total).text.parentNode.className = "ws-progress-total";

    W.toolbar = h("section", { class: "ws-toolbar", "aria-labelledby": "ws-tools-h" }, [
      h("h2", { id: "ws-tools-h", text: S.ws_assessment_heading }),
      h("div", { class: "ws-assess" }, [
        h("div", { class: "ws-field" }, [h("label", { for: "ws-current", text: S.ws_switch }), W.picker]),
        h("div", { class: "ws-field" }, [h("label", { for: "ws-name", text: S.ws_name }), W.nameInput]),
        h("div", { class: "ws-buttons" }, [W.btnNew, W.btnCopy, W.btnDelete]),
        W.confirmBox, W.undoBox
      ]),
      W.statusBox, W.alertBox,
      h("div", { class: "ws-progress" }, [h("h3", { text: S.ws_progress }), W.progressList]),
      h("p", { class: "ws-filter" }, [W.filterBox, " ", h("label", { for: "ws-filter", text: S.ws_filter })]),
      h("div", { class: "ws-files" }, [
        h("h3", { text: S.ws_files }),
        h("div", { class: "ws-buttons" }, exportButtons.concat([printBtn])), W.exportedNote,
        h("div", { class: "ws-field" }, [h("label", { for: "ws-open", text: S.ws_open_file }), h("p", { class: "hint", id: "ws-open-hint", text: S.ws_open_hint }), W.fileInput]),
        W.importBox
      ]),
      h("p", null, [h("a", { href: "#ws-summary", text: S.ws_to_summary })])
    ]);
    W.fileInput.setAttribute("aria-describedby", "ws-open-hint");
    W.form.parentNode.insertBefore(W.filterEmpty, W.form);
    listen();
  };

  function listen() {
    var S = W.S;
    W.picker.addEventListener("change", function () {
      var a = W.list.filter(function (x) { return x.id === W.picker.value; })[0];
      if (a) W.switchTo(a);
    });
    W.nameInput.addEventListener("input", function () {
      W.current.name = W.nameInput.value.slice(0, 200);
      W.refreshPicker();
      if (W.printName) W.setText(W.printName, W.current.name);
      W.saveMeta(W.current, W.nameInput);
    });
    W.nameInput.addEventListener("blur", function () {
      if (!W.nameInput.value.trim()) { W.nameInput.value = W.current.name = S.ws_untitled; W.refreshPicker(); W.saveMeta(W.current, W.nameInput); }
    });
    W.btnNew.addEventListener("click", function () {
      var a = W.newAssessment(W.t("ws_numbered_name", { n: W.list.length + 1 }));
      W.list.push(a);
      W.switchTo(a, true);
      W.saveAll(a, W.nameInput);
      W.nameInput.focus();
      W.nameInput.select();
    });
    W.btnCopy.addEventListener("click", function () {
      var a = W.newAssessment(W.t("ws_copy_of", { name: W.current.name }));
      // Everything but the identity is copied: answers, conflicts, the
      // red thread, goals and areas.
      W.copyContent(C.normalize(JSON.parse(JSON.stringify(W.current)), W.ws, W.idx, S, false).assessment, a);
      W.list.push(a);
      W.switchTo(a, true);
      W.saveAll(a, W.nameInput);
      W.nameInput.focus();
    });
    W.btnDelete.addEventListener("click", function () {
      W.confirm(W.confirmBox, W.t("ws_delete_confirm", { name: W.current.name }), S.ws_delete_yes, function () {
        var gone = W.current;
        W.removeStored(gone.id);
        W.list = W.list.filter(function (a) { return a !== gone; });
        if (!W.list.length) W.list.push(W.newAssessment(S.ws_first_name));
        W.switchTo(W.list[0]);
        W.rememberDeleted(gone);
        W.setText(W.statusBox, W.t("ws_deleted", { name: gone.name }));
      }, W.btnDelete);
    });
    W.filterBox.addEventListener("change", function () { W.finishForm(); W.applyFilter(); });
    W.app.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("[data-export]");
      if (b) W.exportAs(b.getAttribute("data-export"));
    });
    W.fileInput.addEventListener("change", function () {
      var f = W.fileInput.files && W.fileInput.files[0];
      W.fileInput.value = "";
      if (f) W.importFile(f);
    });
  }

  /** refreshPicker lists the assessments in the picker. */
  W.refreshPicker = function () {
    var picker = W.picker;
    // Options carry names typed by the user: textContent only.
    while (picker.options.length > W.list.length) picker.remove(picker.options.length - 1);
    W.list.forEach(function (a, i) {
      var o = picker.options[i];
      if (!o) { o = document.createElement("option"); picker.appendChild(o); }
      o.value = a.id;
      W.setText(o, a.name || W.S.ws_untitled);
    });
    picker.value = W.current.id;
  };

  /** switchTo makes a the current assessment and refreshes everything. */
  W.switchTo = function (a, keepStorage) {
    W.current = a;
    W.refreshPicker();
    W.nameInput.value = a.name;
    if (W.printName) W.setText(W.printName, a.name);
    W.fillForm();
    W.update(null);
    W.showExported();
    W.applyFilter();
    if (W.storage && !keepStorage) W.saveIndex();
  };
})();
