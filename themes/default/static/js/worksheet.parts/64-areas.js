// Worksheet UI: development areas (utbyggingsområder).
//
// On a worksheet with areas = true one assessment holds several areas,
// each graded per theme on the consequence scale of ws-thread.js (from
// ++++ to −−−−, 0 and ?) with a reason. The summary's consequence table
// (built by 62-thread.js from the report blocks) shows them side by side.
(function () {
  "use strict";
  var W = window.HjelperenWorksheet, T = window.HjelperenThread;
  if (!W || !T) return;
  var C = W.C, h = W.h, t = W.t;

  var list, empty, shownFor = null;

  function build() {
    var S = W.S;
    if (!W.ws.areas) return;
    list = h("div", { class: "ws-area-list" });
    empty = h("p", { class: "hint", text: S.ws_area_none });
    var add = W.button("ws_area_add");
    add.addEventListener("click", function () {
      var a = W.current;
      var area = { id: T.newItemId("o-"), name: t("ws_area_new", { n: (a.areas ? a.areas.length : 0) + 1 }), grades: Object.create(null), notes: Object.create(null) };
      (a.areas = a.areas || []).push(area);
      W.saveAssessment(a);
      render();
      W.update([]);
      var name = document.getElementById("ws-area-" + area.id);
      name.focus();
      name.select();
    });
    list.addEventListener("input", edit);
    list.addEventListener("change", edit);
    W.app.appendChild(h("section", { class: "ws-panel ws-areas", id: "ws-areas", "aria-labelledby": "ws-areas-h" }, [
      h("h2", { id: "ws-areas-h", text: S.ws_area_heading }), h("p", { class: "hint", text: S.ws_area_help }),
      empty, list, h("div", { class: "ws-buttons" }, [add])
    ]));
    render();
  }

  /** render rebuilds the areas' fields from the current assessment. */
  function render() {
    var a = W.current, S = W.S;
    shownFor = a;
    list.textContent = "";
    empty.hidden = !!(a.areas && a.areas.length);
    (a.areas || []).forEach(function (area) { list.appendChild(areaFields(area, S)); });
  }

  function areaFields(area, S) {
    var nameId = "ws-area-" + area.id;
    var name = h("input", { id: nameId, type: "text", maxlength: "200", "data-area": area.id, "data-field": "name" });
    name.value = area.name;
    var rm = h("button", { type: "button", class: "ws-btn ws-danger", text: S.ws_area_remove });
    var confirmBox = h("div", { class: "ws-confirm", hidden: true });
    rm.addEventListener("click", function () {
      W.confirm(confirmBox, area.name + ": " + S.ws_area_remove + "?", S.ws_area_remove, function () { remove(area); }, rm);
    });
    var rows = [];
    W.ws.dimensions.forEach(function (d) {
      rows.push(h("h3", { text: d.title }));
      d.themes.forEach(function (th) {
        var gid = "ws-ag-" + area.id + "-" + th.id, nid = "ws-an-" + area.id + "-" + th.id;
        var sel = h("select", { id: gid, "data-area": area.id, "data-theme": th.id, "data-field": "grade" },
          [h("option", { value: "", text: T.gradeText(S, "") })].concat(T.GRADES.map(function (g) {
            return h("option", { value: g, text: T.gradeText(S, g) });
          })));
        sel.value = area.grades[th.id] || "";
        var note = h("input", { id: nid, type: "text", "data-area": area.id, "data-theme": th.id, "data-field": "note" });
        note.value = area.notes[th.id] || "";
        rows.push(h("div", { class: "ws-area-row" }, [
          h("div", { class: "ws-field" }, [h("label", { for: gid, text: t("ws_area_grade", { theme: th.title }) }), sel]),
          h("div", { class: "ws-field" }, [h("label", { for: nid, text: t("ws_area_note", { theme: th.title }) }), note])
        ]));
      });
    });
    return h("fieldset", { class: "ws-area" }, [h("legend", { text: area.name }),
      h("div", { class: "ws-field" }, [h("label", { for: nameId, text: S.ws_area_name }), name])
    ].concat(rows, [h("div", { class: "ws-buttons" }, [rm]), confirmBox]));
  }

  function remove(area) {
    var a = W.current;
    a.areas = a.areas.filter(function (x) { return x !== area; });
    if (!a.areas.length) delete a.areas;
    W.saveAssessment(a);
    render();
    W.update([]);
    W.setText(W.statusBox, t("ws_area_removed", { name: area.name }));
  }

  /** edit stores a change to an area's name, grade or note. */
  function edit(e) {
    var el = e.target, id = el.getAttribute("data-area");
    var area = id && (W.current.areas || []).filter(function (x) { return x.id === id; })[0];
    if (!area) return;
    var f = el.getAttribute("data-field"), th = el.getAttribute("data-theme");
    if (f === "name") {
      area.name = C.cleanText(el.value, 200);
      W.setText(el.closest("fieldset").querySelector("legend"), area.name);
    } else if (f === "grade") {
      if (el.value) area.grades[th] = el.value; else delete area.grades[th];
    } else if (f === "note") {
      if (el.value) area.notes[th] = el.value; else delete area.notes[th];
    }
    W.saveAssessment(W.current);
    W.update([]);
  }

  W.extras.push({
    build: build,
    update: function (sum, changed) {
      if (list && (changed === null || shownFor !== W.current)) render();
    }
  });
})();
