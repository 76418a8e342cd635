package main

import (
	"os"
	"runtime/pprof"

	"github.com/baerekrafthjelperen/hjelperen/generator"
)

func main() {
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	_, err := generator.Build(generator.Options{Source: os.Args[1], Dest: os.Args[2]})
	pprof.StopCPUProfile()
	if err != nil {
		panic(err)
	}
}
