//go:build !unix

package browsertest

import "testing"

// Exclusive is a no-op where file locks are not available.
func Exclusive(t testing.TB) {}

func shared(t testing.TB) {}
