// Search page: searches the index in window.HJELPEREN_SEARCH (loaded by a
// classic script before this one, so it works from file:// too) and shows
// the results with the hits marked. Text from the index is only ever put
// into the page with textContent, never as HTML.
(function () {
  "use strict";

  // Letters folded to their plain base, as in Fold in generator/search.
  var LETTERS = {
    "æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u",
    "á": "a", "à": "a", "â": "a", "é": "e", "è": "e", "ê": "e", "ë": "e",
    "í": "i", "ì": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "ú": "u", "ù": "u",
    "č": "c", "ç": "c", "đ": "d", "ŋ": "n", "š": "s", "ŧ": "t", "ž": "z", "ñ": "n"
  };

  // foldMap folds s (lower case; æ, ø, å and accents to their base;
  // "ae", "oe", "aa" to "a", "o", "a") and returns the folded string with,
  // for every folded character, the index in s it comes from (plus
  // s.length at the end), so a hit in the folded text can be marked in s.
  function foldMap(s) {
    var out = "";
    var map = [];
    var i = 0;
    while (i < s.length) {
      var cp = s.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var c = ch.toLowerCase();
      var next = i + ch.length;
      if ((c === "a" || c === "o") && next < s.length) {
        var n = s.charAt(next).toLowerCase();
        if (n === "e" || (c === "a" && n === "a")) {
          out += c;
          map.push(i);
          i = next + 1;
          continue;
        }
      }
      var f = Object.prototype.hasOwnProperty.call(LETTERS, c) ? LETTERS[c] : c;
      for (var k = 0; k < f.length; k++) {
        out += f.charAt(k);
        map.push(i);
      }
      i = next;
    }
    map.push(s.length);
    return { s: out, m: map };
  }

  function fold(s) { return foldMap(s).s; }

  // terms splits a query into distinct folded words of two or more
  // characters (or digits).
  function terms(q) {
    var seen = {};
    var out = [];
    fold(q).split(/[^\p{L}\p{N}]+/u).forEach(function (t) {
      if ((t.length >= 2 || /^\p{N}$/u.test(t)) && !seen[t]) {
        seen[t] = true;
        out.push(t);
      }
    });
    return out;
  }

  var docs = null;

  // prepare folds every title, description and segment once.
  function prepare(index) {
    return index.docs.map(function (d, i) {
      var segs = (d.x || []).map(function (x) {
        return typeof x === "string" ? { t: x, a: "" } : { t: x[0], a: x[1] };
      });
      return {
        i: i, doc: d, segs: segs,
        ft: fold(d.t), fd: fold(d.d || ""),
        fx: segs.map(function (s) { return fold(s.t); })
      };
    });
  }

  function wordStart(s, at) {
    return at === 0 || /[^\p{L}\p{N}]/u.test(s.charAt(at - 1));
  }

  // score returns how well a prepared doc matches the terms, or null when
  // a term is missing. Every term must occur (as part of a word) in the
  // title, the description or the text.
  function score(p, ts, fq) {
    var r = { p: p, title: 0, exact: p.ft === fq ? 1 : 0, score: 0 };
    for (var k = 0; k < ts.length; k++) {
      var t = ts[k];
      var found = false;
      var at = p.ft.indexOf(t);
      if (at >= 0) {
        found = true;
        r.title++;
        r.score += wordStart(p.ft, at) ? 20 : 12;
      }
      at = p.fd.indexOf(t);
      if (at >= 0) {
        found = true;
        r.score += wordStart(p.fd, at) ? 5 : 3;
      }
      var n = 0;
      for (var j = 0; j < p.fx.length && n < 5; j++) {
        if (p.fx[j].indexOf(t) >= 0) n++;
      }
      if (n) {
        found = true;
        r.score += n;
      }
      if (!found) return null;
    }
    return r;
  }

  // search returns the matches for a query, best first: pages with more
  // of the words in their title first, then by score, then in index order.
  function search(q) {
    var ts = terms(q);
    if (!ts.length) return { terms: ts, hits: [] };
    var fq = fold(q).trim();
    var hits = [];
    docs.forEach(function (p) {
      var r = score(p, ts, fq);
      if (r) hits.push(r);
    });
    hits.sort(function (a, b) {
      return (b.exact - a.exact) || (b.title - a.title) || (b.score - a.score) || (a.p.i - b.p.i);
    });
    return { terms: ts, hits: hits };
  }

  // ranges returns the merged [start, end) ranges in s where a term occurs.
  function ranges(s, ts) {
    var fm = foldMap(s);
    var rs = [];
    ts.forEach(function (t) {
      var from = 0;
      var at;
      while ((at = fm.s.indexOf(t, from)) >= 0) {
        rs.push([fm.m[at], fm.m[at + t.length]]);
        from = at + t.length;
      }
    });
    rs.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    rs.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  // marked appends s[from:to] to el, with the given ranges in <mark>.
  function marked(el, s, rs, from, to) {
    var pos = from;
    rs.forEach(function (r) {
      var a = Math.max(r[0], from);
      var b = Math.min(r[1], to);
      if (b <= a || a < pos) return;
      if (a > pos) el.appendChild(document.createTextNode(s.slice(pos, a)));
      var m = document.createElement("mark");
      m.textContent = s.slice(a, b);
      el.appendChild(m);
      pos = b;
    });
    if (pos < to) el.appendChild(document.createTextNode(s.slice(pos, to)));
  }

  var SNIPPET = 180; // characters shown around a hit

  // snippet picks the segment (or the description) with the most query
  // words and cuts a window around its first hit.
  function snippet(p, ts) {
    var best = null;
    var cands = [{ t: p.doc.d || "", a: "", f: p.fd }].concat(p.segs.map(function (s, j) {
      return { t: s.t, a: s.a, f: p.fx[j] };
    }));
    cands.forEach(function (c) {
      var n = 0;
      ts.forEach(function (t) { if (c.f.indexOf(t) >= 0) n++; });
      if (n && (!best || n > best.n)) best = { c: c, n: n };
    });
    var c = best ? best.c : cands[0];
    var text = c.t;
    var rs = best ? ranges(text, ts) : [];
    var from = 0;
    var to = text.length;
    if (text.length > SNIPPET) {
      var hit = rs.length ? rs[0][0] : 0;
      from = Math.max(0, hit - Math.floor(SNIPPET / 3));
      if (from > 0) {
        var sp = text.indexOf(" ", from);
        from = sp >= 0 && sp < hit ? sp + 1 : from;
      }
      to = Math.min(text.length, from + SNIPPET);
      if (to < text.length) {
        var sp2 = text.lastIndexOf(" ", to);
        if (sp2 > from + SNIPPET / 2) to = sp2;
      }
    }
    return { text: text, ranges: rs, from: from, to: to, anchor: best ? c.a : "" };
  }

  function format(tpl, vals) {
    return tpl.replace(/\{(\w+)\}/g, function (all, k) {
      return Object.prototype.hasOwnProperty.call(vals, k) ? String(vals[k]) : all;
    });
  }

  function render(list, status, q) {
    var res = search(q);
    var ds = status.dataset;
    list.textContent = "";
    var root = list.dataset.root || "./";
    var kinds = window.HJELPEREN_SEARCH.kinds || {};
    res.hits.forEach(function (h) {
      var d = h.p.doc;
      var sn = snippet(h.p, res.terms);
      var li = document.createElement("li");
      li.className = "search-hit";
      var h2 = document.createElement("h2");
      var a = document.createElement("a");
      a.href = root + d.u + (h.title === 0 && sn.anchor ? "#" + sn.anchor : "");
      marked(a, d.t, ranges(d.t, res.terms), 0, d.t.length);
      h2.appendChild(a);
      li.appendChild(h2);
      var kind = document.createElement("p");
      kind.className = "search-kind";
      kind.textContent = kinds[d.k] || d.k;
      li.appendChild(kind);
      if (sn.text) {
        var p = document.createElement("p");
        p.className = "search-snippet";
        if (sn.from > 0) p.appendChild(document.createTextNode("… "));
        marked(p, sn.text, sn.ranges, sn.from, sn.to);
        if (sn.to < sn.text.length) p.appendChild(document.createTextNode(" …"));
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var n = res.hits.length;
    var msg;
    if (!res.terms.length) msg = ds.empty;
    else if (n === 0) msg = format(ds.none, { q: q.trim() });
    else msg = format(n === 1 ? ds.single : ds.plural, { n: n, q: q.trim() });
    status.textContent = msg;
    return n;
  }

  function setQuery(q) {
    try {
      var u = new URL(window.location.href);
      if (q) u.searchParams.set("q", q);
      else u.searchParams.delete("q");
      window.history.replaceState(null, "", u.href);
    } catch (e) {
      // Some browsers refuse to rewrite file:// URLs; the search still works.
    }
  }

  function init() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!form || !input || !status || !list) return;
    var index = window.HJELPEREN_SEARCH;
    if (!index || index.v !== 1 || !index.docs) {
      status.textContent = status.dataset.failed;
      return;
    }
    docs = prepare(index);
    var timer = 0;
    var last = null;
    function run(q) {
      clearTimeout(timer);
      if (q === last) return;
      last = q;
      render(list, status, q);
      setQuery(q.trim());
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      last = null;
      run(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 250);
    });
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    if (q.trim()) run(q);
  }

  // For tests and for other scripts.
  window.HjelperenSearch = { fold: fold, terms: terms, search: function (q) {
    return search(q).hits.map(function (h) { return h.p.doc.u; });
  } };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
