package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", "new [--source DIR] KIND NAME\n\nKIND is one of: "+strings.Join(scaffold.Kinds(), ", ")+
		"\nNAME is the file name and ID, e.g. bolig or klimasats", stderr)
	source := fs.String("source", ".", "site folder")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError{"new needs KIND and NAME, e.g. hjelperen new theme bolig"}
	}
	file, err := scaffold.Create(*source, fs.Arg(0), fs.Arg(1))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s\nFill in the fields, then run 'hjelperen check'.\n", file)
	return nil
}
