package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "2929f7ce167ca3bec4117ca512523ff8e2a002ea"},
		{Key: "vcs.time", Value: "2026-12-02T10:40:00Z"},
	}
	tests := []struct {
		name   string
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"no build info", "", nil, "hjelperen (development build)"},
		{"go build outside git", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "hjelperen (development build)"},
		{"go build in a clone", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202104000-2929f7ce167c"}, Settings: vcs},
			"hjelperen v0.0.0-20261202104000-2929f7ce167c (commit 2929f7ce167c, 2026-12-02T10:40:00Z)"},
		{"uncommitted changes", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: append(vcs[:3:3], debug.BuildSetting{Key: "vcs.modified", Value: "true"})},
			"hjelperen (development build) (commit 2929f7ce167c, 2026-12-02T10:40:00Z, with uncommitted changes)"},
		{"go install of a release", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "hjelperen v1.2.0"},
		{"set at link time", "1.2.0-rc1", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "hjelperen 1.2.0-rc1"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.linked, tt.info); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
