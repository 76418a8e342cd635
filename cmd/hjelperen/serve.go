package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"syscall"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opts generator.Options
	fs := newFlags("serve", "serve [--source DIR] [--dest DIR] [--base-url URL] [--port N] [--bind ADDR]", stderr)
	siteFlags(fs, &opts, "", "folder to build the preview in (default: a folder of its own in the system's temporary folder; public/ is never touched)")
	port := fs.Int("port", 1414, "port to listen on (0 picks a free port)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; only this computer can connect to the default")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "Warning: serving on %s, not loopback: other computers on the network can see the preview.\n", *bind)
	}
	s := serve.New(serve.Options{Build: opts, Log: stdout})
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	err := s.ListenAndServe(ctx, addr, func(url string) {
		fmt.Fprintf(stdout, "Preview built in %s (run 'hjelperen build' for the folder to deploy)\n", s.Dest())
		fmt.Fprintf(stdout, "Serving %s at %s (Ctrl+C to stop)\n", opts.Source, url)
	})
	if isAddrInUse(err) {
		return fmt.Errorf("cannot serve on %s: the port is in use (is another 'hjelperen serve' running?).\n"+
			"Stop the other program, or choose another port: hjelperen serve --port %d", addr, *port+1)
	}
	return err
}

// isAddrInUse reports whether err says that the address is taken.
func isAddrInUse(err error) bool {
	const wsaeAddrInUse = 10048 // Windows' own number for it
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == syscall.EADDRINUSE || errno == wsaeAddrInUse)
}
