package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// tree returns every file under dir with its content, keyed by slash path,
// and the folders (with a trailing slash).
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func stageFiles(t *testing.T, dest string, files map[string]string) *Stage {
	t.Helper()
	s, err := NewStage(dest, filepath.Join(filepath.Dir(dest), "site"))
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := s.Write(n, []byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestStageReusesEarlierOutput builds four times in a row. From the third
// build on, the stage is the output of the build before last; each output
// must hold exactly the files of its own build, with their own bytes.
func TestStageReusesEarlierOutput(t *testing.T) {
	builds := []map[string]string{
		{"index.html": "første versjon, ganske lang", "tema/a.html": "a1", "tema/b.html": "b1", "gammel/x.html": "x"},
		{"index.html": "andre", "tema/a.html": "a2"},
		{"index.html": "tredje", "tema/a.html": "a3 er lengre enn før", "ny/c.html": "c3"},
		{"index.html": "4", "tema/b.html": "b4"},
	}
	dest := filepath.Join(t.TempDir(), "public")
	for i, files := range builds {
		s := stageFiles(t, dest, files)
		if want := i >= 2; s.recycled != want {
			t.Errorf("build %d: recycled = %v, want %v", i+1, s.recycled, want)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		got := tree(t, dest)
		want := map[string]string{}
		for n, c := range files {
			want[n] = c
			for d := filepath.Dir(n); d != "."; d = filepath.Dir(d) {
				want[filepath.ToSlash(d)+"/"] = ""
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("build %d: output\n%v\nwant\n%v", i+1, got, want)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.*"))
	if len(leftovers) != 1 || filepath.Base(leftovers[0]) != ".public.prev" {
		t.Errorf("beside the output: %v, want only .public.prev", leftovers)
	}
}

// TestStageAbortKeepsOutput checks that a failed build leaves the output as
// it was, and that the next build still produces the right files.
func TestStageAbortKeepsOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, files := range []map[string]string{{"a.html": "1"}, {"a.html": "2", "b.html": "2"}} {
		s := stageFiles(t, dest, files)
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	failed := stageFiles(t, dest, map[string]string{"a.html": "halvferdig", "c.html": "halvferdig"})
	if err := failed.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, want := tree(t, dest), map[string]string{"a.html": "2", "b.html": "2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a failed build: %v, want %v", got, want)
	}
	s := stageFiles(t, dest, map[string]string{"b.html": "3"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := tree(t, dest), map[string]string{"b.html": "3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after the next build: %v, want %v", got, want)
	}
}

// TestStagesAtOnce starts two builds before either commits: only one can
// take over the earlier output, and both commit cleanly.
func TestStagesAtOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, v := range []string{"1", "2"} {
		if err := stageFiles(t, dest, map[string]string{"a.html": v}).Commit(); err != nil {
			t.Fatal(err)
		}
	}
	s1 := stageFiles(t, dest, map[string]string{"a.html": "s1"})
	s2 := stageFiles(t, dest, map[string]string{"a.html": "s2"})
	if s1.recycled == s2.recycled {
		t.Errorf("recycled: %v and %v, want exactly one", s1.recycled, s2.recycled)
	}
	for _, s := range []*Stage{s1, s2} {
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := tree(t, dest), map[string]string{"a.html": "s2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("output %v, want %v", got, want)
	}
}
