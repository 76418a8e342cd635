package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
)

// ServiceWorkerFile is the service worker in the output root. The theme's
// site.js registers it when the site is served over http(s).
const ServiceWorkerFile = "sw.js"

// zipFolder is the folder inside the zip that holds the site, so that
// unzipping gives one folder rather than a hundred files.
const zipFolder = "baerekrafthjelperen/"

// maxPrecacheFile is the size above which a file is left out of the
// precache and fetched only when asked for. The theme and the content are
// far below it; it guards against a large PDF or video in static/.
const maxPrecacheFile = 8 << 20

// writeOffline writes the service worker with its precache list and, when
// the configuration asks for it and the build writes files, the
// downloadable copy of the site. The service worker's cache version is
// derived from the checksums of every file written so far, so any change
// to any file gives a new version.
func writeOffline(w *publish.Output, zip bool) error {
	if err := w.Write(ServiceWorkerFile, serviceWorker(w.Files())); err != nil {
		return err
	}
	if !zip {
		return nil
	}
	if err := w.WriteZip(model.ZipFile, zipFolder); err != nil {
		return fmt.Errorf("%s: %w", model.ZipFile, err)
	}
	return nil
}

// precacheEntry is one file of the service worker's list: its path
// relative to the worker and its checksum, which lets a new version keep
// the unchanged files of the old cache instead of downloading them again.
type precacheEntry [2]string

// serviceWorker returns the source of sw.js for the output files.
func serviceWorker(files publish.Files) []byte {
	names := make([]string, 0, len(files))
	for name := range files {
		if name != ServiceWorkerFile && name != model.ZipFile {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	var list []precacheEntry
	for _, name := range names {
		f := files[name]
		sum := fmt.Sprintf("%08x", f.CRC)
		fmt.Fprintf(h, "%s %s\n", name, sum)
		if precached(name, f.Size) {
			list = append(list, precacheEntry{name, sum})
		}
	}
	js, _ := json.Marshal(list) // strings only: cannot fail
	version := hex.EncodeToString(h.Sum(nil)[:8])
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "\"use strict\";\n// Written by the generator; do not edit.\nconst VERSION = %q;\nconst FILES = %s;\n", version, js)
	buf.WriteString(swCode)
	return buf.Bytes()
}

// precached reports whether the service worker caches the output file
// name of size bytes at install. It leaves out itself, the downloadable
// copy, files only crawlers read, hidden files and large static files.
func precached(name string, size int) bool {
	switch name {
	case ServiceWorkerFile, model.ZipFile, "robots.txt", "sitemap.xml":
		return false
	}
	if strings.HasPrefix(path.Base(name), ".") {
		return false
	}
	// Pages, styles and scripts are always cached; only files copied
	// from static/ can be large.
	switch path.Ext(name) {
	case ".html", ".css", ".js":
		return true
	}
	return size <= maxPrecacheFile
}

// swCode is the service worker after its VERSION and FILES constants.
//
// Install fills a new cache named after the version with every file of the
// list (reusing unchanged files from the previous version's cache) and then
// takes over at once; activate deletes the caches of earlier versions of
// the same site (the same scope). Pages already open keep running on what
// they have loaded, and worksheet answers live in localStorage, which the
// worker never touches. Requests for listed files are answered from the
// cache; other navigations go to the network and fall back to the cached
// 404 page when offline.
const swCode = `const PREFIX = "hjelperen:" + self.registration.scope + ":";
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
`
