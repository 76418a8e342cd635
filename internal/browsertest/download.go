package browsertest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// download is a finished download: its file, or why it failed.
type download struct {
	path string
	err  error
}

// downloads routes the browser's download events to the tab that started
// each download.
type downloads struct {
	dir string

	mu    sync.Mutex
	names map[string]string             // guid → suggested file name
	from  map[string]cdp.FrameID        // guid → frame that started it
	tabs  map[cdp.FrameID]chan download // a tab's main frame id is its target id
}

// watchDownloads lets the browser of ctx save downloads in dir and report
// them as events.
func watchDownloads(t testing.TB, ctx context.Context, dir string) *downloads {
	t.Helper()
	d := &downloads{dir: dir, names: map[string]string{}, from: map[string]cdp.FrameID{}, tabs: map[cdp.FrameID]chan download{}}
	if err := chromedp.ListenBrowser(ctx, d.event); err != nil {
		t.Fatalf("listen for downloads: %v", err)
	}
	events := true
	cctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	_, err := chromedp.CallBrowser(cctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:      browser.SetDownloadBehaviorBehaviorAllow,
		DownloadPath:  dir,
		EventsEnabled: &events,
	})
	if err != nil {
		t.Fatalf("set the download folder: %v", err)
	}
	return d
}

// register returns the channel of the finished downloads of a tab.
func (d *downloads) register(id target.ID) chan download {
	c := make(chan download, 16)
	d.mu.Lock()
	d.tabs[cdp.FrameID(id)] = c
	d.mu.Unlock()
	return c
}

// event runs on chromedp's reading goroutine, so it never blocks.
func (d *downloads) event(ev any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch ev := ev.(type) {
	case *browser.EventDownloadWillBegin:
		d.names[ev.GUID] = ev.SuggestedFilename
		d.from[ev.GUID] = ev.FrameID
	case *browser.EventDownloadProgress:
		var got download
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			got.path = ev.FilePath
			if got.path == "" {
				got.path = filepath.Join(d.dir, d.names[ev.GUID])
			}
		case browser.DownloadProgressStateCanceled:
			got.err = fmt.Errorf("download of %q was canceled", d.names[ev.GUID])
		default:
			return
		}
		select {
		case d.tabs[d.from[ev.GUID]] <- got:
		default: // no such tab, or 16 downloads nobody waited for
		}
	}
}

// WaitDownload waits for the tab's next finished download, checks that its
// file name ends with suffix and returns its path. Downloads are returned
// in the order they finish, each once.
func (tab *Tab) WaitDownload(t testing.TB, suffix string) string {
	t.Helper()
	select {
	case got := <-tab.downloads:
		if got.err != nil {
			t.Fatal(got.err)
		}
		if !strings.HasSuffix(got.path, suffix) {
			t.Fatalf("downloaded %s, want a file ending in %q", got.path, suffix)
		}
		return got.path
	case <-time.After(tab.Timeout):
		t.Fatalf("no download finished within %v (want a file ending in %q)", tab.Timeout, suffix)
	}
	return ""
}
