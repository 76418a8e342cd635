//go:build unix

package browsertest

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// Browser tests of different packages run in parallel processes under
// "go test ./...". Tests that measure time take an exclusive lock, the
// others a shared one, so a measurement never runs beside a busy browser.

var (
	lockMu   sync.Mutex
	lockMode int // 0: none held by this process, else syscall.LOCK_SH or LOCK_EX
)

func lockFile() string { return filepath.Join(os.TempDir(), "hjelperen-browser-tests.lock") }

// lock takes the machine-wide browser-test lock in mode for the rest of
// the test. A process holding the exclusive lock does not lock again.
func lock(t testing.TB, mode int) {
	t.Helper()
	lockMu.Lock()
	defer lockMu.Unlock()
	if lockMode == syscall.LOCK_EX || lockMode == mode {
		return
	}
	if lockMode != 0 {
		// Upgrading our own shared lock would wait for ourselves.
		t.Fatal("browsertest: call Exclusive before New in a test")
	}
	f, err := os.OpenFile(lockFile(), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		t.Logf("browser-test lock unavailable: %v", err)
		return
	}
	if err := syscall.Flock(int(f.Fd()), mode); err != nil {
		f.Close()
		t.Logf("browser-test lock: %v", err)
		return
	}
	lockMode = mode
	t.Cleanup(func() {
		lockMu.Lock()
		defer lockMu.Unlock()
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		lockMode = 0
	})
}

// Exclusive makes the calling test the only browser test running on this
// machine until it ends. Call it first in tests that measure time.
func Exclusive(t testing.TB) { lock(t, syscall.LOCK_EX) }

func shared(t testing.TB) { lock(t, syscall.LOCK_SH) }
