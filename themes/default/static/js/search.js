// Search page: searches the index whose entry is window.HJELPEREN_SEARCH
// (loaded by a classic script before this one, so it works from file://
// too), loading the parts a query needs, and shows the results with the
// hits marked, a page of them at a time. Text from the index is only ever put
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

  // The index is the entry file (window.HJELPEREN_SEARCH, loaded by the
  // page) and many small scripts it names: word shards and page groups
  // (see generator/search/shard.go). They are loaded with <script>
  // elements, which works from file:// and under a strict CSP.
  var INDEX = null;
  var DATA = "HJELPEREN_SEARCH_DATA";
  var loading = {};

  // load returns a promise of the data of the index script named hash.
  function load(hash) {
    if (!loading[hash]) {
      loading[hash] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL(INDEX.dir + hash + ".js", INDEX.src).href;
        s.onload = function () {
          var d = window[DATA] && window[DATA][hash];
          if (d) resolve(d);
          else reject(new Error("search: " + hash + " has no data"));
        };
        s.onerror = function () {
          delete loading[hash];
          reject(new Error("search: cannot load " + s.src));
        };
        document.head.appendChild(s);
      });
    }
    return loading[hash];
  }

  // shardsFor returns the hashes of the word shards that can hold words
  // the term t matches: the shard whose range takes t and, for a prefix
  // term, the following ones whose first word starts with t.
  function shardsFor(t) {
    var w = INDEX.w;
    var lo = 0;
    var hi = w.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (w[mid][0] <= t) lo = mid;
      else hi = mid - 1;
    }
    var out = [];
    if (w.length) out.push(w[lo][1]);
    if (t.length >= INDEX.pmin) {
      for (var i = lo + 1; i < w.length && w[i][0].lastIndexOf(t, 0) === 0; i++) out.push(w[i][1]);
    }
    return out;
  }

  // postings returns, for the term t, a Map from page number to how the
  // term occurs there: [segments (at most 5), in description, title
  // words or 0]. Words are matched whole, and by their start when t is
  // long enough.
  function postings(t, shards) {
    var out = new Map();
    var prefix = t.length >= INDEX.pmin;
    shards.forEach(function (sh) {
      Object.keys(sh).forEach(function (w) {
        if (w !== t && !(prefix && w.lastIndexOf(t, 0) === 0)) return;
        var list = sh[w];
        var doc = 0;
        for (var k = 0; k < list.length; k += 2) {
          doc += list[k];
          var c = list[k + 1];
          var o = out.get(doc);
          if (!o) out.set(doc, o = [0, 0, 0]);
          o[0] = Math.min(5, o[0] + c % 6);
          o[1] = o[1] || Math.floor(c / 6) % 2;
          o[2] = o[2] || Math.floor(c / 12);
        }
      });
    });
    return out;
  }

  // search returns a promise of the matches for a query, best first:
  // pages whose title is the query first, then pages with more of the
  // words in their title, then by score, then in index order. Every word
  // must occur in the page.
  function search(q) {
    var ts = terms(q);
    if (!ts.length) return Promise.resolve({ terms: ts, hits: [] });
    return Promise.all(ts.map(function (t) {
      return Promise.all(shardsFor(t).map(load)).then(function (shards) { return postings(t, shards); });
    })).then(function (maps) {
      var order = maps.slice().sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      order[0].forEach(function (o0, doc) {
        var r = { i: doc, title: 0, score: 0, exact: 0 };
        var tw = 0;
        for (var k = 0; k < maps.length; k++) {
          var o = maps[k].get(doc);
          if (!o) return;
          if (o[2]) {
            r.title++;
            r.score += 20;
            tw = o[2];
          }
          r.score += (o[1] ? 5 : 0) + o[0];
        }
        r.exact = r.title === ts.length && tw === ts.length ? 1 : 0;
        hits.push(r);
      });
      hits.sort(function (a, b) {
        return (b.exact - a.exact) || (b.title - a.title) || (b.score - a.score) || (a.i - b.i);
      });
      return { terms: ts, hits: hits };
    });
  }

  // docs returns a promise of the documents of the pages numbered is.
  function docs(is) {
    var groups = {};
    is.forEach(function (i) { groups[Math.floor(i / INDEX.g)] = true; });
    var gs = Object.keys(groups);
    return Promise.all(gs.map(function (g) { return load(INDEX.f[g]); })).then(function () {
      return is.map(function (i) { return window[DATA][INDEX.f[Math.floor(i / INDEX.g)]][i % INDEX.g]; });
    });
  }

  // prepare folds a document's title, description and segments once.
  function prepare(d) {
    var segs = (d.x || []).map(function (x) {
      return typeof x === "string" ? { t: x, a: "" } : { t: x[0], a: x[1] };
    });
    return {
      doc: d, segs: segs, fd: fold(d.d || ""),
      fx: segs.map(function (s) { return fold(s.t); })
    };
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

  // hitItem returns the list item of a hit.
  function hitItem(p, res, title) {
    var d = p.doc;
    var sn = snippet(p, res.terms);
    var li = document.createElement("li");
    li.className = "search-hit";
    var h2 = document.createElement("h2");
    // A page without a version in the index's language is in its own.
    if (d.l) h2.lang = d.l;
    var a = document.createElement("a");
    a.href = (INDEX.root || "./") + d.u + (title === 0 && sn.anchor ? "#" + sn.anchor : "");
    marked(a, d.t, ranges(d.t, res.terms), 0, d.t.length);
    h2.appendChild(a);
    li.appendChild(h2);
    var kind = document.createElement("p");
    kind.className = "search-kind";
    kind.textContent = INDEX.kinds[d.k] || d.k;
    li.appendChild(kind);
    if (sn.text) {
      var el = document.createElement("p");
      el.className = "search-snippet";
      if (d.l) el.lang = d.l;
      if (sn.from > 0) el.appendChild(document.createTextNode("… "));
      marked(el, sn.text, sn.ranges, sn.from, sn.to);
      if (sn.to < sn.text.length) el.appendChild(document.createTextNode(" …"));
      li.appendChild(el);
    }
    return li;
  }

  // show appends the next INDEX.limit hits of res to the list and shows
  // the "more" button while hits are left. It returns a promise of the
  // first new link.
  function show(ui, res) {
    var from = ui.list.children.length;
    var next = res.hits.slice(from, from + INDEX.limit);
    return docs(next.map(function (h) { return h.i; })).then(function (ds) {
      var first = null;
      ds.forEach(function (d, k) {
        var li = hitItem(prepare(d), res, next[k].title);
        ui.list.appendChild(li);
        first = first || li.querySelector("a");
      });
      ui.more.hidden = ui.list.children.length >= res.hits.length;
      return first;
    });
  }

  function statusText(ds, res, q) {
    var n = res.hits.length;
    if (!res.terms.length) return ds.empty;
    if (n === 0) return format(ds.none, { q: q.trim() });
    return format(n === 1 ? ds.single : ds.plural, { n: n, q: q.trim() });
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
    var more = document.getElementById("search-more");
    if (!form || !input || !status || !list || !more) return;
    INDEX = window.HJELPEREN_SEARCH;
    if (!INDEX || INDEX.v !== 2 || !INDEX.w || !INDEX.src) {
      status.textContent = status.dataset.failed;
      return;
    }
    INDEX.root = list.dataset.root;
    var ui = { list: list, more: more };
    var res = null;
    var timer = 0;
    var last = null;
    var seq = 0;
    function failed() {
      list.textContent = "";
      more.hidden = true;
      status.textContent = status.dataset.failed;
    }
    function run(q) {
      clearTimeout(timer);
      if (q === last) return;
      last = q;
      var mine = ++seq;
      var start = performance.now();
      search(q).then(function (r) {
        if (mine !== seq) return null;
        res = r;
        list.textContent = "";
        return show(ui, r).then(function () {
          if (mine !== seq) return;
          status.textContent = statusText(status.dataset, r, q);
          window.HjelperenSearch.ms = performance.now() - start;
        });
      }).catch(failed);
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
    more.addEventListener("click", function () {
      if (!res) return;
      var mine = seq;
      show(ui, res).then(function (first) {
        if (mine === seq && first) first.focus();
      }).catch(failed);
    });
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    if (q.trim()) run(q);
  }

  // For tests and for other scripts: fold and terms as the index uses
  // them, search (a promise of the output paths of every hit, best first)
  // and ms, the time the last query took from typing to results shown.
  window.HjelperenSearch = { fold: fold, terms: terms, ms: 0, search: function (q) {
    return search(q).then(function (r) {
      return docs(r.hits.map(function (h) { return h.i; })).then(function (ds) {
        return ds.map(function (d) { return d.u; });
      });
    });
  } };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
