// Service worker of the toolbox: makes the whole site work offline after
// the first visit over http(s). The theme's site.js registers it with the
// site's folder as its scope.
//
// The build writes this file to the root of the site as sw.js and fills in
// the two values below: VERSION, which changes whenever any file of the
// site changes, and FILES, the [path, checksum] pairs of the files to
// cache. A theme may replace this file (themes/NAME/static/sw.js) but must
// keep both placeholders, each once.
//
// Install fills a new cache named after the version with every listed file
// (reusing unchanged files from the previous version's cache) and then
// takes over at once; activate deletes the caches of earlier versions of
// the same site (the same scope). Pages already open keep running on what
// they have loaded, and worksheet answers live in localStorage, which the
// worker never touches. Requests for listed files are answered from the
// cache; other navigations go to the network and fall back to the cached
// 404 page when offline.
"use strict";
const VERSION = self.HJELPEREN_VERSION;
const FILES = self.HJELPEREN_FILES;
const PREFIX = "hjelperen:" + self.registration.scope + ":";
const CACHE = PREFIX + VERSION;
const SUM = "x-hjelperen-crc";
const BY_URL = new Map(FILES.map(([f, sum]) => [new URL(f, self.location).href, sum]));
const NOT_FOUND = new URL("404.html", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function precache() {
  const cache = await caches.open(CACHE);
  const old = [];
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) old.push(await caches.open(name));
  }
  const todo = [...BY_URL];
  const next = async () => {
    for (let item = todo.shift(); item; item = todo.shift()) {
      const [url, sum] = item;
      const have = await cache.match(url);
      if (have && have.headers.get(SUM) === sum) continue;
      let res;
      for (const c of old) {
        const r = await c.match(url);
        if (r && r.headers.get(SUM) === sum) { res = r; break; }
      }
      if (!res) {
        const got = await fetch(url, { cache: "no-cache" });
        if (!got.ok) throw new Error("precache " + url + ": HTTP " + got.status);
        const headers = new Headers(got.headers);
        headers.set(SUM, sum);
        // A fresh Response, so a redirect on the way is not remembered.
        res = new Response(await got.blob(), { status: 200, statusText: "OK", headers });
      }
      await cache.put(url, res);
    }
  };
  await Promise.all([1, 2, 3, 4, 5, 6].map(next));
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  const key = url.href;
  if (BY_URL.has(key)) {
    event.respondWith(fromCache(key, req));
  } else if (req.mode === "navigate" && key.startsWith(self.registration.scope)) {
    event.respondWith(fetch(req).catch(() => fromCache(NOT_FOUND, null)));
  }
});

async function fromCache(key, req) {
  const hit = await caches.open(CACHE).then((c) => c.match(key));
  if (hit) return hit;
  return req ? fetch(req) : Response.error();
}
