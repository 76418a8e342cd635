package generator

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
	"github.com/baerekrafthjelperen/hjelperen/generator/publish"
)

// ServiceWorkerFile is the service worker in the output root. The theme's
// site.js registers it when the site is served over http(s).
const ServiceWorkerFile = "sw.js"

// zipFolder is the folder inside the zip that holds the site, so that
// unzipping gives one folder rather than a hundred files.
const zipFolder = "baerekrafthjelperen/"

// zipTime is the modification time of every entry in the zip, so the same
// site always gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// maxPrecacheFile is the size above which a file is left out of the
// precache and fetched only when asked for. The theme and the content are
// far below it; it guards against a large PDF or video in static/.
const maxPrecacheFile = 8 << 20

// notPrecached are output files the service worker does not cache: itself,
// the downloadable copy and files only crawlers read.
var notPrecached = map[string]bool{
	ServiceWorkerFile: true,
	model.ZipFile:     true,
	"robots.txt":      true,
	"sitemap.xml":     true,
}

// writeOffline writes the service worker with its precache list and, when
// the configuration asks for it, the downloadable copy of the site.
// manifest holds the checksum of every file written so far; the service
// worker's cache version is derived from it, so any change to any file
// gives a new version. The zip needs the bytes of the files, which it reads
// back from the folder w writes into; a check-only build (which writes
// nothing) writes no zip.
func (b *Builder) writeOffline(site *model.Site, w writer, manifest map[string]uint32) error {
	dir, hasDir, err := outputDir(w)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(manifest))
	for name := range manifest {
		if name != ServiceWorkerFile && name != model.ZipFile {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	sw, err := serviceWorker(names, manifest, dir, hasDir)
	if err != nil {
		return err
	}
	if err := w.Write(ServiceWorkerFile, sw); err != nil {
		return err
	}
	if !site.Config.DownloadZip || !hasDir {
		return nil
	}
	zipped, err := zipSite(dir, append(names, ServiceWorkerFile))
	if err != nil {
		return fmt.Errorf("%s: %w", model.ZipFile, err)
	}
	return w.Write(model.ZipFile, zipped)
}

// outputDir returns the folder a writer writes into. ok is false for a
// writer that writes nothing (a check-only build); any other writer
// without a folder is an error, so the zip is never silently left out.
func outputDir(w writer) (dir string, ok bool, err error) {
	if c, isCounter := w.(*counter); isCounter {
		w = c.w
	}
	switch o := w.(type) {
	case *publish.Stage:
		return o.Dir(), true, nil
	case replacer:
		return o.dest, true, nil
	case discard:
		return "", false, nil
	}
	return "", false, fmt.Errorf("offline files: unknown output writer %T", w)
}

// precacheEntry is one file of the service worker's list: its path
// relative to the worker and its checksum, which lets a new version keep
// the unchanged files of the old cache instead of downloading them again.
type precacheEntry [2]string

// serviceWorker returns the source of sw.js for the output files names.
func serviceWorker(names []string, manifest map[string]uint32, dir string, hasDir bool) ([]byte, error) {
	h := sha256.New()
	var files []precacheEntry
	for _, name := range names {
		sum := fmt.Sprintf("%08x", manifest[name])
		fmt.Fprintf(h, "%s %s\n", name, sum)
		if notPrecached[name] || strings.HasPrefix(path.Base(name), ".") {
			continue
		}
		if hasDir {
			info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				return nil, err
			}
			if info.Size() > maxPrecacheFile {
				continue
			}
		}
		files = append(files, precacheEntry{name, sum})
	}
	list, err := json.Marshal(files)
	if err != nil {
		return nil, err
	}
	version := hex.EncodeToString(h.Sum(nil)[:8])
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "\"use strict\";\n// Written by the generator; do not edit.\nconst VERSION = %q;\nconst FILES = %s;\n", version, list)
	buf.WriteString(swCode)
	return buf.Bytes(), nil
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

// zipSite returns a zip of the files names (slash paths under dir) inside
// zipFolder. Entries are sorted and carry a fixed time and mode, so the
// same files always give the same bytes.
func zipSite(dir string, names []string) ([]byte, error) {
	names = append([]string(nil), names...)
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, name := range names {
		if name == model.ZipFile {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		hdr := &zip.FileHeader{Name: zipFolder + name, Method: zip.Deflate, Modified: zipTime}
		hdr.SetMode(0o644)
		f, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
