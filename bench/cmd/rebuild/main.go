// Command rebuild measures one-file rebuild latency in preview mode: it
// starts `hjelperen serve` (and `hugo server --renderToDisk` when hugo is on
// PATH) on a generated corpus, appends a unique sentence to one page's body
// again and again, and measures for each edit
//
//	disk:   time from the write until the page's output file on disk
//	        contains the sentence (polled every millisecond), and
//	reload: time from the write until the browser's reload event arrives
//	        (our Server-Sent Events stream <base>_hjelperen/events, Hugo's
//	        livereload WebSocket).
//
// It prints the median and 90th percentile per tool and size.
//
//	go run ./bench/cmd/rebuild -n 1000,10000 -edits 20
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/bench/corpus"
)

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "rebuild:", err)
		os.Exit(1)
	}
}

// mainErr does the work; returning (not exiting) lets the deferred
// clean-ups stop the servers and remove the temporary folder.
func mainErr() error {
	sizes := flag.String("n", "1000,10000", "comma-separated corpus sizes")
	edits := flag.Int("edits", 20, "edits per tool and size (at least 10)")
	seed := flag.Int64("seed", 1, "corpus seed")
	bin := flag.String("bin", "", "hjelperen binary (default: go build ./cmd/hjelperen into a temporary folder)")
	hugo := flag.String("hugo", "hugo", `hugo binary; "" or "none" skips Hugo`)
	pause := flag.Duration("pause", 700*time.Millisecond, "quiet time between edits")
	keep := flag.Bool("keep", false, "keep the temporary folder")
	config := flag.String("config", "core", `our configuration: "core" (search off) or "real" (search in nb and nn, corpus format hjelperen-real)`)
	flag.Parse()
	ours := corpus.Hjelperen
	switch *config {
	case "core":
	case "real":
		ours = corpus.Real
	default:
		return fmt.Errorf("-config must be core or real, not %q", *config)
	}
	if *edits < 1 {
		return errors.New("-edits must be positive")
	}

	tmp, err := os.MkdirTemp("", "hjelperen-rebuild-")
	if err != nil {
		return err
	}
	if *keep {
		defer fmt.Fprintln(os.Stderr, "kept", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	if *bin == "" {
		*bin = filepath.Join(tmp, "hjelperen")
		cmd := exec.Command("go", "build", "-o", *bin, "./cmd/hjelperen")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build: %w (run from the repository root)", err)
		}
	}
	hugoPath := ""
	if *hugo != "" && *hugo != "none" {
		if p, err := exec.LookPath(*hugo); err == nil {
			hugoPath = p
		}
	}

	var results []result
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 2 {
			return fmt.Errorf("bad size %q", s)
		}
		r, err := run(tmp, "hjelperen", *bin, ours, n, *seed, *edits, *pause)
		if err != nil {
			return fmt.Errorf("hjelperen N=%d: %w", n, err)
		}
		results = append(results, r)
		if hugoPath != "" {
			r, err := run(tmp, "hugo", hugoPath, ours, n, *seed, *edits, *pause)
			if err != nil {
				return fmt.Errorf("hugo N=%d: %w", n, err)
			}
			results = append(results, r)
		}
	}

	fmt.Println()
	fmt.Printf("%-7s %-10s %5s %12s %12s %12s %12s  %s\n", "pages", "tool", "edits", "disk median", "disk p90", "reload med", "reload p90", "server's own report")
	for _, r := range results {
		fmt.Printf("%-7d %-10s %5d %12s %12s %12s %12s  %s\n", r.n, r.tool, len(r.disk),
			ms(quantile(r.disk, 0.5)), ms(quantile(r.disk, 0.9)),
			ms(quantile(r.reload, 0.5)), ms(quantile(r.reload, 0.9)), r.note)
	}
	fmt.Println("(ms from the write of the edited file; disk = output file contains the edit, reload = live-reload event received)")
	if hugoPath == "" {
		fmt.Println("Hugo is missing: only our figures are shown (Debian: apt-get install hugo).")
	}
	return nil
}

type result struct {
	tool         string
	n            int
	disk, reload []time.Duration
	note         string
}

func run(tmp, tool, bin, ours string, n int, seed int64, edits int, pause time.Duration) (result, error) {
	res := result{tool: tool, n: n}
	site := filepath.Join(tmp, fmt.Sprintf("site-%s-%d", tool, n))
	out := filepath.Join(tmp, fmt.Sprintf("out-%s-%d", tool, n))
	format := ours
	if tool == "hugo" {
		format = corpus.Hugo
	}
	if err := corpus.Write(site, n, seed, format); err != nil {
		return res, err
	}
	defer os.RemoveAll(site)
	defer os.RemoveAll(out)

	fmt.Fprintf(os.Stderr, "%s N=%d: starting the server...\n", tool, n)
	var cmd *exec.Cmd
	var port int
	if tool == "hugo" {
		var err error
		if port, err = freePort(); err != nil {
			return res, err
		}
		cmd = exec.Command(bin, "server", "--source", site, "--destination", out, "--renderToDisk",
			"--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--quiet")
	} else {
		cmd = exec.Command(bin, "serve", "--source", site, "--dest", out, "--port", "0")
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logs := &lineLog{}
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	cmd.Stderr = pw
	go logs.read(pr)
	if err := cmd.Start(); err != nil {
		return res, err
	}
	defer func() {
		// the server and only its own process group
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		pw.Close()
	}()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan time.Time, 64)
	var base string
	if tool == "hugo" {
		base = fmt.Sprintf("http://127.0.0.1:%d%s", port, corpus.BasePath)
		// hugo server prints its address before the first build is on
		// disk; wait for the front page instead.
		if err := waitFor(5*time.Minute, func() bool {
			_, err := os.Stat(filepath.Join(out, "index.html"))
			return err == nil && logs.contains("Web Server is available")
		}, logs); err != nil {
			return res, err
		}
		if err := livereload(ctx, fmt.Sprintf("127.0.0.1:%d", port), corpus.BasePath+"livereload", events); err != nil {
			return res, err
		}
	} else {
		re := regexp.MustCompile(`Serving .* at (http://\S+)`)
		if err := waitFor(5*time.Minute, func() bool { return re.MatchString(logs.String()) }, logs); err != nil {
			return res, err
		}
		base = re.FindStringSubmatch(logs.String())[1]
		if err := sse(ctx, base+"_hjelperen/events", events); err != nil {
			return res, err
		}
	}
	fmt.Fprintf(os.Stderr, "%s N=%d: serving at %s; %d edits\n", tool, n, base, edits)
	time.Sleep(pause)

	nonce := make([]byte, 4)
	_, _ = rand.Read(nonce)
	logMark := logs.len()
	for k := 0; k < edits; k++ {
		// spread the edits over the site, away from section boundaries
		i := 1 + (k*3701+57)%n
		src := filepath.Join(site, "content", filepath.FromSlash(corpus.PagePath(i)))
		dst := filepath.Join(out, filepath.FromSlash(corpus.OutPath(i)))
		sentence := corpus.Sentence(k, hex.EncodeToString(nonce))
		token := []byte(strings.Fields(sentence)[1])
		old, err := os.ReadFile(src)
		if err != nil {
			return res, err
		}
		drain(events)
		data := append(bytes.TrimRight(old, "\n"), []byte("\n\n"+sentence+"\n")...)
		start := time.Now()
		if err := os.WriteFile(src, data, 0o644); err != nil {
			return res, err
		}
		var disk, reload time.Duration
		deadline := start.Add(2 * time.Minute)
		for disk == 0 || reload == 0 {
			if time.Now().After(deadline) {
				return res, fmt.Errorf("edit %d of %s: no new output after 2 minutes (disk %v, reload %v)\n%s", k, src, disk, reload, logs.tail(20))
			}
			if disk == 0 {
				if b, err := os.ReadFile(dst); err == nil && bytes.Contains(b, token) {
					disk = time.Since(start)
				}
			}
			if reload == 0 {
				select {
				case t := <-events:
					reload = t.Sub(start)
				default:
				}
			}
			time.Sleep(time.Millisecond)
		}
		res.disk = append(res.disk, disk)
		res.reload = append(res.reload, reload)
		fmt.Fprintf(os.Stderr, "  edit %2d %s: disk %6.1f ms, reload %6.1f ms\n", k+1, corpus.PagePath(i), msf(disk), msf(reload))
		time.Sleep(pause)
	}
	res.note = summarize(tool, logs.since(logMark))
	return res, nil
}

var builtRe = regexp.MustCompile(`Built (\d+) pages in (\d+) ms`)

// summarize reports what the server said about its rebuilds: for us, the
// pages rebuilt and the build time it measured itself.
func summarize(tool, log string) string {
	if tool != "hjelperen" {
		return ""
	}
	var pages, msec []int
	for _, m := range builtRe.FindAllStringSubmatch(log, -1) {
		p, _ := strconv.Atoi(m[1])
		t, _ := strconv.Atoi(m[2])
		pages = append(pages, p)
		msec = append(msec, t)
	}
	if len(pages) == 0 {
		return ""
	}
	sort.Ints(pages)
	sort.Ints(msec)
	return fmt.Sprintf("rebuilt %d–%d pages, build median %d ms", pages[0], pages[len(pages)-1], msec[len(msec)/2])
}

func drain(c chan time.Time) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

func waitFor(limit time.Duration, ok func() bool, logs *lineLog) error {
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			return fmt.Errorf("server not ready after %v:\n%s", limit, logs.tail(30))
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// sse subscribes to our event stream and sends the arrival time of every
// "reload" event.
func sse(ctx context.Context, url string, events chan<- time.Time) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		resp.Body.Close()
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "event: reload" {
				select {
				case events <- time.Now():
				default:
				}
			}
		}
	}()
	return nil
}

// livereload connects to Hugo's livereload WebSocket (under the base
// path: /bench/livereload) (a minimal client:
// handshake, hello, then text frames) and sends the arrival time of every
// reload command.
func livereload(ctx context.Context, addr, path string, events chan<- time.Time) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	go func() { <-ctx.Done(); conn.Close() }()
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		path, addr, addr, base64.StdEncoding.EncodeToString(key))
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.Contains(status, " 101 ") {
		return fmt.Errorf("livereload handshake: %s", strings.TrimSpace(status))
	}
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return err
		}
		if line == "\r\n" {
			break
		}
	}
	if err := wsSend(conn, []byte(`{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`)); err != nil {
		return err
	}
	go func() {
		for {
			op, msg, err := wsRead(br)
			if err != nil {
				return
			}
			if op == 1 && bytes.Contains(msg, []byte(`"reload"`)) {
				select {
				case events <- time.Now():
				default:
				}
			}
		}
	}()
	return nil
}

func wsSend(w io.Writer, payload []byte) error {
	if len(payload) > 125 {
		return errors.New("websocket: message too long for this client")
	}
	mask := make([]byte, 4)
	_, _ = rand.Read(mask)
	frame := []byte{0x81, 0x80 | byte(len(payload))}
	frame = append(frame, mask...)
	for i, b := range payload {
		frame = append(frame, b^mask[i%4])
	}
	_, err := w.Write(frame)
	return err
}

func wsRead(r *bufio.Reader) (op byte, payload []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(r, h[:]); err != nil {
		return
	}
	op = h[0] & 0x0f
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	var mask [4]byte
	if h[1]&0x80 != 0 {
		if _, err = io.ReadFull(r, mask[:]); err != nil {
			return
		}
	}
	if n > 1<<20 {
		return 0, nil, errors.New("websocket: frame too large")
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(r, payload); err != nil {
		return
	}
	if h[1]&0x80 != 0 {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// lineLog collects a server's output.
type lineLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lineLog) read(r io.Reader) {
	b := make([]byte, 32<<10)
	for {
		n, err := r.Read(b)
		l.mu.Lock()
		l.buf.Write(b[:n])
		l.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (l *lineLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *lineLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Len()
}

func (l *lineLog) since(off int) string { return l.String()[off:] }

func (l *lineLog) contains(s string) bool { return strings.Contains(l.String(), s) }

func (l *lineLog) tail(n int) string {
	lines := strings.Split(strings.TrimRight(l.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// quantile returns the q-quantile by the nearest-rank method.
func quantile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	rank := int(q*float64(len(s)) + 0.999999)
	if rank < 1 {
		rank = 1
	}
	if rank > len(s) {
		rank = len(s)
	}
	return s[rank-1]
}

func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", msf(d)) }
