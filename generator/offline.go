package generator

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
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

// zipDate is zipTime as an MS-DOS date (the time of day is 00:00, zero),
// which zip.Writer.CreateRaw does not compute itself.
const zipDate = (2000-1980)<<9 | 1<<5 | 1

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
// gives a new version. The zip needs the bytes of the files: those w
// compressed while writing, and the rest read back from the folder w
// writes into; a check-only build (which writes nothing) writes no zip.
func (b *Builder) writeOffline(site *model.Site, w *counter, manifest map[string]uint32) error {
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
	zipped, err := zipSite(dir, append(names, ServiceWorkerFile), w.zip)
	if err != nil {
		return fmt.Errorf("%s: %w", model.ZipFile, err)
	}
	return w.Write(model.ZipFile, zipped)
}

// outputDir returns the folder a writer writes into. ok is false for a
// writer that keeps nothing (a check-only build).
func outputDir(w writer) (dir string, ok bool, err error) {
	dir = w.Dir()
	return dir, dir != "", nil
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
		// Pages, styles and scripts are never large; only files copied
		// from static/ can be, so only those are looked at.
		if ext := path.Ext(name); hasDir && ext != ".html" && ext != ".css" && ext != ".js" {
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

// zipCache keeps the compressed entries of the last zip written, by
// output path, so a rebuild after a small edit compresses only the files
// that changed. Entries are checked against checksum and size before use,
// so builds of other sites sharing the cache only cost speed.
var zipCache struct {
	sync.Mutex
	m map[string]zipEntry
}

// zipEntry is one file compressed with deflate.
type zipEntry struct {
	crc  uint32
	size uint64
	data []byte
}

// zipSite returns a zip of the files names (slash paths under dir) inside
// zipFolder. Entries are sorted and carry a fixed time and mode, so the
// same files always give the same bytes. Files that early (see zipper) are
// used as they are; the rest are read from dir.
func zipSite(dir string, names []string, early *zipper) ([]byte, error) {
	names = append([]string(nil), names...)
	sort.Strings(names)
	old := lastZip()
	entries := make([]zipEntry, len(names))
	var todo []int // entries to compress
	for i, name := range names {
		if e, ok := early.get(name); ok {
			entries[i] = e
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		e, reused := reuse(old, name, data)
		if !reused {
			todo = append(todo, i) // compressed below
		}
		entries[i] = e
	}
	if err := compressAll(entries, todo); err != nil {
		return nil, err
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	next := make(map[string]zipEntry, len(names))
	for i, name := range names {
		e := entries[i]
		next[name] = e
		hdr := &zip.FileHeader{
			Name:               zipFolder + name,
			Method:             zip.Deflate,
			Modified:           zipTime,
			ModifiedDate:       zipDate,
			CRC32:              e.crc,
			CompressedSize64:   uint64(len(e.data)),
			UncompressedSize64: e.size,
		}
		hdr.SetMode(0o644)
		f, err := zw.CreateRaw(hdr)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	zipCache.Lock()
	zipCache.m = next
	zipCache.Unlock()
	return buf.Bytes(), nil
}

// lastZip returns the entries of the last zip written. The map is replaced,
// never changed, so it may be read without the lock.
func lastZip() map[string]zipEntry {
	zipCache.Lock()
	defer zipCache.Unlock()
	return zipCache.m
}

// reuse returns the zip entry of the file name holding data: with the last
// zip's compressed bytes when the file is unchanged there (reused), else
// with data itself, still to be compressed.
func reuse(old map[string]zipEntry, name string, data []byte) (e zipEntry, reused bool) {
	e = zipEntry{crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), data: data}
	if o, ok := old[name]; ok && o.crc == e.crc && o.size == e.size {
		e.data = o.data
		return e, true
	}
	return e, false
}

// zipper compresses files for the download as they are written, so that
// the compressing is spread over the rendering instead of following it.
// The zero value is ready to use; a nil *zipper holds nothing.
type zipper struct {
	mu sync.Mutex
	m  map[string]zipEntry
}

// add compresses data as the zip entry for name, reusing the last zip's
// entry when the file has not changed.
func (z *zipper) add(name string, data []byte) error {
	e, reused := reuse(lastZip(), name, data)
	if !reused {
		var err error
		if e.data, err = deflate(data); err != nil {
			return err
		}
	}
	z.mu.Lock()
	if z.m == nil {
		z.m = map[string]zipEntry{}
	}
	z.m[name] = e
	z.mu.Unlock()
	return nil
}

// get returns the entry for name, if it was added.
func (z *zipper) get(name string) (zipEntry, bool) {
	if z == nil {
		return zipEntry{}, false
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	e, ok := z.m[name]
	return e, ok
}

// deflate compresses data at zipLevel.
func deflate(data []byte) ([]byte, error) {
	var b bytes.Buffer
	fw, err := flate.NewWriter(&b, zipLevel)
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = fw.Close()
	}
	return b.Bytes(), err
}

// zipLevel is the deflate level of the download. On the toolbox, level 5
// gives a zip 0.5% larger than level 9 in three quarters of the time.
const zipLevel = 5

// compressAll replaces the data of entries[i] for every i in todo with its
// deflate compression, in parallel.
func compressAll(entries []zipEntry, todo []int) error {
	work := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				data, err := deflate(entries[i].data)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				entries[i].data = data
			}
		}()
	}
	for _, i := range todo {
		work <- i
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}
