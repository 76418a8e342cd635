// Service worker of the toolbox: makes the toolbox work offline without
// downloading more than the reader asks for. The theme's site.js
// registers it with the site's folder as its scope.
//
// The build writes this file to the root of the site as sw.js and fills in
// the two values below: VERSION, which changes whenever any file of the
// site changes, and FILES, one [path, checksum, size, language, shell]
// entry per file the worker may cache (see offlineEntry in
// generator/offline.go). A theme may replace this file
// (themes/NAME/static/sw.js) but must keep both placeholders, each once.
//
// What is cached, all in one cache named after the version:
//  - the shell (styles, scripts, front page, worksheets, search page) of
//    the language of the pages the reader opens, once a page in that
//    language has loaded and said hello;
//  - every other file once a page or a search asks for it;
//  - everything, when the reader asks for it (the «Gjør hele
//    verktøykassa tilgjengelig» button, message {type: "all"}).
// With Save-Data (the request header or navigator.connection.saveData)
// nothing is fetched in the background: only what the reader opens.
//
// Every file is checked against its checksum before it goes into the
// cache, so a file of a newer build never lands in the cache of an older
// version: the worker asks the browser to look for its update instead. A
// new version fills a new cache with the same files as the old one
// (reusing the unchanged ones), takes over and deletes the old cache.
// Worksheet answers live in localStorage, which the worker never touches.
//
// Pages talk to the worker with messages: {type: "hello", saveData,
// index, assets} when a page has loaded (see hello), {type: "status"} and
// {type: "all"}; it answers every open page with {type: "offline-status",
// version, pages, pagesCached, bytes, bytesLeft, busy, failed, saveData,
// all, shell, index}.
"use strict";
const VERSION = self.HJELPEREN_VERSION;
const FILES = self.HJELPEREN_FILES || [];
const SCOPE = self.registration.scope;
const PREFIX = "hjelperen:" + SCOPE + ":";
const CACHE = PREFIX + VERSION;
const SUM = "x-hjelperen-crc";
// Marks kept in the cache itself, so a new version knows what the reader
// chose: the whole toolbox, or the shell of a language.
const MARK_ALL = SCOPE + "__hjelperen/all";
const markShell = (lang) => SCOPE + "__hjelperen/shell/" + lang;
const markSearch = (lang) => SCOPE + "__hjelperen/search/" + lang;

const BY_URL = new Map();
for (const [path, sum, size, lang, shell] of FILES) {
  BY_URL.set(new URL(path, self.location).href, { path, sum, size, lang, shell: shell === 1 });
}
const NOT_FOUND = new URL("404.html", self.location).href;
// The site's default language: that of its front page.
const DEFAULT_LANG = (BY_URL.get(new URL("index.html", self.location).href) || { lang: "" }).lang;

let saveData = false; // set when a request carries Save-Data: on
let busy = false; // caching everything
let failed = false; // the last attempt to cache everything failed

function dataSaver() {
  const c = self.navigator.connection;
  return saveData || !!(c && c.saveData);
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
    await broadcast();
  })());
});

// install fills the new cache. After an update it holds the new version
// of every file the old cache held (and everything, if the reader chose
// that); on the first visit, the open pages.
async function install() {
  const cache = await caches.open(CACHE);
  const old = await oldCaches();
  const want = new Set();
  const marks = [];
  const renamed = new Set();
  for (const c of old) {
    for (const req of await c.keys()) {
      if (BY_URL.has(req.url)) want.add(req.url);
      else if (req.url.startsWith(SCOPE + "__hjelperen/")) marks.push(req.url);
      else renamed.add(unhashed(req.url));
    }
  }
  // A style or script whose content changed has a new name: the new one
  // replaces it.
  for (const url of BY_URL.keys()) if (renamed.has(unhashed(url))) want.add(url);
  if (marks.includes(MARK_ALL)) for (const url of BY_URL.keys()) want.add(url);
  const langs = new Set(marks.filter((m) => m.startsWith(markShell(""))).map((m) => m.slice(markShell("").length)));
  // The pages open now are visited pages: they are kept. The shell
  // follows when a page says hello (see hello), unless it saves data.
  for (const c of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    const url = pageKey(c.url);
    if (BY_URL.has(url)) want.add(url);
  }
  for (const lang of langs) for (const url of shellOf(lang)) want.add(url);
  for (const m of marks) {
    if (m.startsWith(markSearch(""))) for (const url of indexOf(m.slice(markSearch("").length))) want.add(url);
  }
  await fill(cache, [...want], old);
  for (const m of marks) await cache.put(m, new Response(""));
  for (const lang of langs) await cache.put(markShell(lang), new Response(""));
}

async function oldCaches() {
  const out = [];
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) out.push(await caches.open(name));
  }
  return out;
}

// langOf returns the language of the page at url: its own when the worker
// knows it, else the language its path starts with, else the default.
function langOf(url) {
  const key = pageKey(url);
  const f = BY_URL.get(key);
  if (f && f.lang) return f.lang;
  const first = key.startsWith(SCOPE) ? key.slice(SCOPE.length).split("/")[0] : "";
  for (const g of BY_URL.values()) if (g.lang === first) return first;
  return DEFAULT_LANG;
}

// unhashed returns url without the content hash the build puts in the
// names of styles and scripts (css/site.0123456789.css: css/site.css).
function unhashed(url) {
  return url.replace(/\.[0-9a-f]{10}\.(css|js)$/, ".$1");
}

// pageKey returns the key in BY_URL of the address url: without query
// and fragment, index.html for a folder.
function pageKey(url) {
  const u = new URL(url);
  u.hash = u.search = "";
  if (u.pathname.endsWith("/")) u.pathname += "index.html";
  return u.href;
}

// shellOf returns the URLs of the shell of a language.
function shellOf(lang) {
  const out = [];
  for (const [url, f] of BY_URL) if (f.shell && (f.lang === "" || f.lang === lang)) out.push(url);
  return out;
}

// fill puts every URL into cache that it does not hold in this version,
// from an old cache when the file is unchanged there, else from the
// network (with the HTTP cache mode mode, "no-cache" unless given), a few
// at a time. It throws when a file cannot be had.
async function fill(cache, urls, old, mode) {
  const todo = urls.slice();
  const next = async () => {
    for (let url = todo.shift(); url; url = todo.shift()) {
      const sum = BY_URL.get(url).sum;
      const have = await cache.match(url);
      if (have && have.headers.get(SUM) === sum) continue;
      let res;
      for (const c of old || []) {
        const r = await c.match(url);
        if (r && r.headers.get(SUM) === sum) { res = r; break; }
      }
      if (!res) res = await download(url, { cache: mode || "no-cache" });
      await cache.put(url, res);
    }
  };
  await Promise.all([1, 2, 3, 4].map(next));
}

// download fetches a listed file and returns it ready for the cache, or
// throws when it fails or is not the version this worker lists.
async function download(url, init) {
  const got = await fetch(url, init);
  if (!got.ok) throw new Error("offline: " + url + ": HTTP " + got.status);
  return stamp(url, got);
}

// stamp returns a copy of the response for the cache, marked with its
// checksum, after checking that it is the file this version lists; a
// newer file means the site was rebuilt, so the worker looks for its
// update and the file stays out of the cache.
async function stamp(url, got) {
  const sum = BY_URL.get(url).sum;
  const body = await got.arrayBuffer();
  if (crc32(new Uint8Array(body)) !== sum) {
    self.registration.update().catch(() => {});
    throw new Error("offline: " + url + " is from another version of the site");
  }
  const headers = new Headers(got.headers);
  headers.set(SUM, sum);
  // A fresh Response, so a redirect on the way is not remembered.
  return new Response(body, { status: 200, statusText: "OK", headers });
}

let table = null;
// crc32 returns the CRC-32 (IEEE) of bytes as 8 hex digits, as the build
// writes it.
function crc32(bytes) {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ((crc ^ -1) >>> 0).toString(16).padStart(8, "0");
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  if (req.headers.get("save-data") === "on") saveData = true;
  const key = pageKey(req.url);
  const f = BY_URL.get(key);
  if (f) {
    event.respondWith(fromCache(key, req, event));
  } else if (req.mode === "navigate" && key.startsWith(SCOPE)) {
    event.respondWith(missing(req));
  }
});

// fromCache answers with the cached file, or fetches it and keeps it
// when it is this version's.
async function fromCache(key, req, event) {
  const cache = await current();
  const hit = cache && await cache.match(key);
  if (hit) return hit;
  let got;
  try {
    got = await fetch(req);
  } catch (err) {
    if (req.mode === "navigate") return notFound(req.url, null);
    throw err;
  }
  if (!got.ok || !cache) return got;
  const keep = got.clone();
  event.waitUntil(stamp(key, keep).then((res) => cache.put(key, res)).then(broadcast).catch(() => {}));
  return got;
}

// current returns this version's cache, or null when a newer version has
// taken over (and deletes or has deleted it): an old worker still
// finishing its work must not create it again.
async function current() {
  const me = self.serviceWorker;
  const active = self.registration.active;
  if (me && active && active !== me) return null;
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

// hello answers a page that has loaded: the styles and scripts it uses
// are kept with it and, unless it or the request headers
// ask to save data, the shell of its language is cached (the first time a
// page in that language is opened; after an update the new cache has it
// already) and, for the search page (msg.index), the whole search index of
// its language, so that searching works offline after one visit there.
async function hello(client, msg) {
  if (msg.saveData) saveData = true;
  // The files the page loaded before the worker ran are visited too (the
  // browser has them: this costs next to nothing).
  const cache = await current();
  const used = (msg.assets || []).concat(client ? [client.url] : []).map(pageKey).filter((u) => BY_URL.has(u));
  if (cache) await fill(cache, used, [], "default").catch(() => {});
  if (client && !dataSaver()) {
    const lang = langOf(client.url);
    await shellFor(lang);
    if (msg.index) await indexFor(lang);
  }
  await broadcast();
}

// shellFor caches the shell of a language once.
async function shellFor(lang) {
  const cache = await current();
  if (!cache || await cache.match(markShell(lang))) return;
  await cache.put(markShell(lang), new Response(""));
  try {
    await fill(cache, shellOf(lang));
  } catch (err) {
    await cache.delete(markShell(lang)); // try again on the next page
  }
}

// indexOf returns the URLs of the search index files of a language
// besides its entry file, which is in the shell.
function indexOf(lang) {
  const out = [];
  for (const [url, f] of BY_URL) if (f.lang === lang && f.path.endsWith(".js") && !f.shell) out.push(url);
  return out;
}

// indexFor caches the search index of a language (the files the entry
// file names) once.
async function indexFor(lang) {
  const cache = await current();
  const mark = markSearch(lang);
  if (!cache || await cache.match(mark)) return;
  await cache.put(mark, new Response(""));
  try {
    await fill(cache, indexOf(lang));
  } catch (err) {
    await cache.delete(mark);
  }
}

// missing answers a navigation to a page the worker does not list: from
// the network, and with the cached 404 page when the server has no such
// page or there is no network. The 404 page's links are relative to the
// site's folder; they are rewritten to be relative to the address asked
// for, so they work at any depth and wherever the site is hosted.
async function missing(req) {
  let got = null;
  try {
    got = await fetch(req);
    if (got.status !== 404) return got;
  } catch (err) {
    // offline: answered below
  }
  return notFound(req.url, got);
}

// notFound answers for url with the cached 404 page, or with got (the
// server's answer, null when there was no network) when it has none.
async function notFound(url, got) {
  const cache = await current();
  const page = cache && await cache.match(NOT_FOUND);
  if (!page) return got || Response.error();
  const html = rebase(await page.text(), url, !got);
  const headers = new Headers(page.headers);
  headers.delete("content-length");
  return new Response(html, { status: 404, statusText: "Not Found", headers });
}

// rebase rewrites the relative links of the 404 page (written for the
// site's folder) for the page at url and, when offline is true, marks the
// page so that it says the page is not saved rather than missing.
function rebase(html, url, offline) {
  const depth = url.slice(SCOPE.length).split(/[?#]/)[0].split("/").length - 1;
  const up = "../".repeat(Math.max(depth, 0));
  if (up) html = html.replace(/(\s(?:href|src|action)=")(?!["#/]|[a-z][a-z0-9+.-]*:)/gi, "$1" + up);
  if (offline) html = html.replace(/<html\b/i, "<html data-offline");
  return html;
}

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "hello") event.waitUntil(hello(event.source, msg));
  else if (msg.type === "status") event.waitUntil(broadcast());
  else if (msg.type === "all") event.waitUntil(cacheAll());
});

// cacheAll caches every file of the toolbox, telling the open pages how
// far it has come.
async function cacheAll() {
  if (busy) return;
  const cache = await current();
  if (!cache) return;
  busy = true;
  failed = false;
  await cache.put(MARK_ALL, new Response(""));
  await broadcast();
  const todo = [...BY_URL.keys()];
  let done = 0;
  try {
    // In batches, so the pages see the count grow.
    while (todo.length) {
      await fill(cache, todo.splice(0, 12));
      if (++done % 2 === 0) await broadcast();
    }
  } catch (err) {
    failed = true;
    await cache.delete(MARK_ALL);
  }
  busy = false;
  await broadcast();
}

// broadcast sends the status to every open page of the site.
async function broadcast() {
  const cache = await current();
  if (!cache) return;
  const have = new Set((await cache.keys()).map((r) => r.url));
  const s = { type: "offline-status", version: VERSION, pages: 0, pagesCached: 0, bytes: 0, bytesLeft: 0,
    busy, failed, saveData: dataSaver(), all: have.has(MARK_ALL) };
  for (const [url, f] of BY_URL) {
    const page = f.path.endsWith(".html");
    s.bytes += f.size;
    if (page) s.pages++;
    if (have.has(url)) {
      if (page) s.pagesCached++;
    } else s.bytesLeft += f.size;
  }
  // The languages whose shell and whole search index are kept.
  s.shell = {};
  s.index = {};
  for (const m of have) {
    if (m.startsWith(markShell(""))) {
      const lang = m.slice(markShell("").length);
      s.shell[lang] = shellOf(lang).every((url) => have.has(url));
    } else if (m.startsWith(markSearch(""))) {
      const lang = m.slice(markSearch("").length);
      s.index[lang] = indexOf(lang).every((url) => have.has(url));
    }
  }
  // Pages not yet controlled (on the first visit) get it too.
  for (const c of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    if (c.url.startsWith(SCOPE)) c.postMessage(s);
  }
}
