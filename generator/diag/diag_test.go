package diag_test

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

func TestPositionString(t *testing.T) {
	tests := []struct {
		pos  diag.Position
		want string
	}{
		{diag.Position{File: "content/tema/bolig.md", Line: 3, Col: 7}, "content/tema/bolig.md:3:7"},
		{diag.Position{File: "content/tema/bolig.md", Line: 3}, "content/tema/bolig.md:3"},
		{diag.Position{File: "content/tema/bolig.md"}, "content/tema/bolig.md"},
		// A column without a line means nothing on its own.
		{diag.Position{File: "hjelperen.toml", Col: 4}, "hjelperen.toml"},
		{diag.Position{}, ""},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  *diag.Error
		want string
	}{
		{"full position", diag.Errorf(diag.Position{File: "content/om.md", Line: 2, Col: 1}, "unknown field %q", "titel"),
			`content/om.md:2:1: unknown field "titel"`},
		{"line only", diag.Errorf(diag.Position{File: "content/om.md", Line: 9}, "broken link"),
			"content/om.md:9: broken link"},
		{"file only", diag.Errorf(diag.Position{File: "content"}, "the content folder is missing"),
			"content: the content folder is missing"},
		{"no file", diag.Errorf(diag.Position{Line: 4, Col: 2}, "no position"),
			"no position"},
		{"percent in args is not a verb", diag.Errorf(diag.Position{File: "a.md", Line: 1, Col: 1}, "%s", "100 %d"),
			"a.md:1:1: 100 %d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorUnwrap(t *testing.T) {
	e := &diag.Error{Pos: diag.Position{File: "hjelperen.toml"}, Msg: "cannot read", Err: fs.ErrPermission}
	if !errors.Is(e, fs.ErrPermission) {
		t.Errorf("errors.Is(%v, fs.ErrPermission) = false", e)
	}
	if diag.Errorf(diag.Position{}, "x").Unwrap() != nil {
		t.Error("Errorf made an error with a cause")
	}
}

func TestListAdd(t *testing.T) {
	at := diag.Position{File: "content/tema/bolig.md", Line: 4, Col: 1}
	one := diag.Errorf(at, "one")
	plain := errors.New("disk full")
	tests := []struct {
		name string
		add  []error
		want []string
	}{
		{"nil is ignored", []error{nil}, nil},
		{"a *Error keeps its position", []error{one}, []string{"content/tema/bolig.md:4:1: one"}},
		{"a plain error has no position", []error{plain}, []string{"disk full"}},
		{"a List is flattened", []error{diag.List{one, diag.Errorf(at, "two")}},
			[]string{"content/tema/bolig.md:4:1: one", "content/tema/bolig.md:4:1: two"}},
		{"a wrapped *Error keeps its position", []error{fmt.Errorf("loading: %w", one)},
			[]string{"content/tema/bolig.md:4:1: one"}},
		{"order is kept", []error{plain, one}, []string{"disk full", "content/tema/bolig.md:4:1: one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			for _, err := range tt.add {
				l.Add(err)
			}
			if got := messages(l); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListAddKeepsCause(t *testing.T) {
	var l diag.List
	l.Add(fs.ErrNotExist)
	if len(l) != 1 || !errors.Is(l[0], fs.ErrNotExist) {
		t.Errorf("the cause of a plain error is lost: %#v", l)
	}
}

func TestListAddf(t *testing.T) {
	var l diag.List
	l.Addf(diag.Position{File: "hjelperen.toml", Line: 5, Col: 1}, "unknown language %q", "de")
	if got, want := l.Error(), `hjelperen.toml:5:1: unknown language "de"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestListSort(t *testing.T) {
	pos := func(file string, line, col int) diag.Position { return diag.Position{File: file, Line: line, Col: col} }
	var l diag.List
	l.Addf(pos("b.md", 1, 1), "b")
	l.Addf(pos("a.md", 10, 1), "a10")
	l.Addf(pos("a.md", 2, 5), "a2:5")
	l.Addf(pos("a.md", 2, 3), "z")
	l.Addf(pos("a.md", 2, 3), "y")
	l.Addf(pos("a.md", 2, 3), "z") // exact duplicate
	l.Addf(pos("b.md", 1, 1), "b") // exact duplicate, not adjacent when added
	l.Add(errors.New("no position"))
	l.Add(errors.New("no position"))
	l.Sort()
	want := []string{
		"no position",
		"a.md:2:3: y",
		"a.md:2:3: z",
		"a.md:2:5: a2:5",
		"a.md:10:1: a10", // lines compare as numbers, not text
		"b.md:1:1: b",
	}
	if got := messages(l); !slices.Equal(got, want) {
		t.Errorf("after Sort:\n got %q\nwant %q", got, want)
	}
}

func TestListSortKeepsDifferentMessagesAtOnePlace(t *testing.T) {
	at := diag.Position{File: "a.md", Line: 1, Col: 1}
	l := diag.List{diag.Errorf(at, "x"), diag.Errorf(at, "x "), diag.Errorf(at, "x")}
	l.Sort()
	if len(l) != 2 {
		t.Errorf("Sort left %d problems, want 2: %q", len(l), messages(l))
	}
}

func TestListErr(t *testing.T) {
	var empty diag.List
	if err := empty.Err(); err != nil {
		t.Errorf("empty list: Err() = %v, want nil", err)
	}
	if err := (diag.List{}).Err(); err != nil {
		t.Errorf("non-nil empty list: Err() = %v, want nil", err)
	}
	l := diag.List{diag.Errorf(diag.Position{File: "a.md", Line: 1, Col: 2}, "first"), diag.Errorf(diag.Position{File: "b.md"}, "second")}
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil for a list with problems")
	}
	if got, want := err.Error(), "a.md:1:2: first\nb.md: second"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var back diag.List
	if !errors.As(err, &back) || len(back) != 2 {
		t.Errorf("errors.As cannot recover the list from %v", err)
	}
}

func messages(l diag.List) []string {
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
}
