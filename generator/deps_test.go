package generator

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/baerekrafthjelperen/hjelperen/"

// allowed states, as a matter of policy, which of the module's packages and
// which third-party modules each package may import. DO NOT CHANGE THIS
// DATA TO FIX A BUILD: move the code to the package that owns the concern.
var allowed = map[string][]string{
	"generator/diag":     {},
	"generator/model":    {"generator/diag"},
	"generator/markdown": {"github.com/yuin/goldmark"},
	"generator/content":  {"generator/diag", "generator/model", "generator/markdown", "github.com/BurntSushi/toml"},
	"generator/render":   {"generator/diag", "generator/model"},
	"generator/search":   {"generator/model"},
	"generator/publish":  {"github.com/tdewolff/minify"},
	"generator/scaffold": {},
	"generator/watch":    {"github.com/fsnotify/fsnotify"},
	"generator":          {"generator/content", "generator/diag", "generator/model", "generator/publish", "generator/render", "generator/search", "themes"},
	"generator/serve":    {"generator", "generator/content", "generator/watch"},
	"themes":             {},
	"cmd/hjelperen":      {"generator", "generator/diag", "generator/serve", "generator/scaffold"},
}

func TestDependencyPolicy(t *testing.T) {
	root := ".."
	for pkg, allow := range allowed {
		dir := filepath.Join(root, filepath.FromSlash(pkg))
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Errorf("%s: no Go files", pkg)
			continue
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range af.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.Contains(strings.SplitN(path, "/", 2)[0], ".") {
					continue // standard library
				}
				if !permitted(path, allow) {
					t.Errorf("%s imports %s, which the dependency policy does not allow", filepath.ToSlash(f), path)
				}
			}
		}
	}
}

func permitted(path string, allow []string) bool {
	for _, a := range allow {
		full := a
		if !strings.HasPrefix(a, "github.com/") {
			full = module + a
		}
		if path == full || strings.HasPrefix(path, full+"/") && strings.HasPrefix(a, "github.com/") {
			return true
		}
	}
	return false
}
