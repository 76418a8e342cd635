// Command corpus writes a deterministic benchmark site of N Markdown pages,
// in Bærekrafthjelperen's content format or as an equivalent Hugo site.
//
//	go run ./bench/cmd/corpus -n 1000 -seed 1 -out /tmp/site -format hjelperen|hjelperen-real|hugo
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/baerekrafthjelperen/hjelperen/bench/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of pages (in sections of 100)")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same site")
	out := flag.String("out", "", "site folder to write (created; must be empty or absent)")
	format := flag.String("format", corpus.Hjelperen, "hjelperen, hjelperen-real (search, zip, nb+nn) or hugo")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "corpus: %s is not empty\n", *out)
		os.Exit(1)
	}
	if err := corpus.Write(*out, *n, *seed, *format); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
