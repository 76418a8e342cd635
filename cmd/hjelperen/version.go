package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", "version\n\nPrints the version of hjelperen and the commit it was built from.", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(version, info))
	return nil
}

// versionLine describes the build: the version set at link time or the
// module's version, then the commit, its time and whether the working
// tree had changes, as the go command recorded them. For example:
//
//	hjelperen v0.0.0-20261202104000-2929f7c1a2b3+dirty (commit 2929f7c1a2b3, 2026-12-02T10:40:00Z, with uncommitted changes)
func versionLine(linked string, info *debug.BuildInfo) string {
	v := linked
	settings := map[string]string{}
	if info != nil {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
	}
	if v == "" || v == "(devel)" {
		v = "(development build)"
	}
	var details []string
	if rev := settings["vcs.revision"]; rev != "" {
		details = append(details, "commit "+rev[:min(12, len(rev))])
	}
	if t := settings["vcs.time"]; t != "" {
		details = append(details, t)
	}
	if settings["vcs.modified"] == "true" {
		details = append(details, "with uncommitted changes")
	}
	if len(details) == 0 {
		return "hjelperen " + v
	}
	return "hjelperen " + v + " (" + strings.Join(details, ", ") + ")"
}
