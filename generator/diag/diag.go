// Package diag describes problems found in the site's source files: where
// they are (file, line, column) and what is wrong. It is a leaf package that
// imports only the standard library.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Position is a place in a source file. Line and Col are 1-based; zero means
// unknown. File is a slash-separated path relative to the site root, such as
// "content/tema/bolig.md".
type Position struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, leaving out unknown parts.
func (p Position) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// Error is one problem at one position.
type Error struct {
	Pos Position
	Msg string
	Err error // the underlying cause, if any
}

// Errorf returns an *Error at pos with a formatted message.
func Errorf(pos Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Error formats the problem as "file:line:col: message".
func (e *Error) Error() string {
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// List collects problems so that all of them can be reported together. The
// zero value is an empty list ready to use. A List is not safe for
// concurrent use.
type List []*Error

// Add appends err to the list. A *Error or List is added as is; any other
// error is added without a position. A nil err is ignored.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var other List
	if errors.As(err, &other) {
		*l = append(*l, other...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error(), Err: err})
}

// Addf appends a new problem at pos.
func (l *List) Addf(pos Position, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Sort orders the problems by file, line, column and message, and removes
// exact duplicates, so that reports are stable from run to run.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil if it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error formats every problem on its own line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
