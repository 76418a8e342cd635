package main

import (
	"fmt"
	"os"

	"github.com/baerekrafthjelperen/hjelperen/generator"
)

func main() {
	r, err := generator.Build(generator.Options{Source: os.Args[1], Dest: os.Args[2]})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(r)
}
