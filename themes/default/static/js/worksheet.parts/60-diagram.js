// Worksheet UI: the layer-cake diagram.
//
// Dimensions are layers, widest at the base, each theme a chip with
// colour, symbol and text. Layout is fixed at build time; update() only
// changes a chip's state (W.chips).
(function () {
  "use strict";
  var W = window.HjelperenWorksheet;
  if (!W) return;
  var h = W.h, svg = W.svg;

  /** buildDiagram returns the diagram's figure and a function per layer that draws it. */
  W.buildDiagram = function () {
    var S = W.S;
    var W0 = 760, chipW = 200, chipH = 44, gap = 8, pad = 12, y = 0;
    // Base (first dimension) is widest; each layer above is narrower.
    var layers = W.ws.dimensions.map(function (d, i) { return { d: d, width: W0 - i * 120 }; });
    layers.forEach(function (l) { l.perRow = Math.max(1, Math.floor((l.width - 2 * pad + gap) / (chipW + gap))); });
    layers.forEach(function (l) { l.rows = Math.max(1, Math.ceil(l.d.themes.length / l.perRow)); l.height = 30 + l.rows * (chipH + gap) + pad; });
    var total = layers.reduce(function (s, l) { return s + l.height + 6; }, 0);
    var g = svg("svg", { viewBox: "0 0 " + W0 + " " + total, class: "ws-cake", role: "img", "aria-labelledby": "ws-cake-title ws-cake-desc", focusable: "false" });
    g.appendChild(svg("title", { id: "ws-cake-title" }, S.ws_diagram_title));
    g.appendChild(svg("desc", { id: "ws-cake-desc" }, S.ws_diagram_desc));
    var textList = h("ul", { class: "ws-cake-text" });
    var figure = h("figure", { class: "ws-diagram" }, [
      g,
      h("figcaption", null, [h("p", { text: S.ws_diagram_caption }), h("details", { class: "ws-cake-details" }, [h("summary", { text: S.ws_diagram_as_text }), textList])])
    ]);
    // Draw from the top (last dimension) down to the base.
    return { figure: figure, layers: layers.slice().reverse().map(function (l) { return function () { layer(l); }; }) };
    function layer(l) {
      var x0 = (W0 - l.width) / 2;
      var grp = svg("g", { class: "ws-layer dim-" + l.d.id });
      grp.appendChild(svg("rect", { x: x0, y: y, width: l.width, height: l.height, rx: 8, class: "ws-layer-bg" }));
      grp.appendChild(svg("text", { x: x0 + pad, y: y + 20, class: "ws-layer-title" }, l.d.title));
      var items = h("ul");
      l.d.themes.forEach(function (th, k) {
        var cx = x0 + pad + (k % l.perRow) * (chipW + gap), cy = y + 28 + Math.floor(k / l.perRow) * (chipH + gap);
        var title = th.title.length > 30 ? th.title.slice(0, 29) + "…" : th.title;
        var chip = svg("g", { class: "ws-chip state-unanswered" });
        chip.appendChild(svg("rect", { x: cx, y: cy, width: chipW, height: chipH, rx: 4 }));
        chip.appendChild(svg("text", { x: cx + 8, y: cy + 17, class: "ws-chip-title" }, title));
        var state = svg("text", { x: cx + 8, y: cy + 35, class: "ws-chip-state" }, "");
        chip.appendChild(state);
        grp.appendChild(chip);
        var li = h("li");
        items.appendChild(li);
        W.chips[th.id] = { g: chip, state: state, result: "", li: li, title: th.title };
      });
      g.appendChild(grp);
      textList.insertBefore(h("li", null, [h("span", { text: l.d.title }), items]), textList.firstChild);
      y += l.height + 6;
    }
  };
})();
