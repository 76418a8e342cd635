package generator

import (
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
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
	"generator/kinds":    {"generator/diag", "generator/model"},
	"generator/markdown": {"github.com/yuin/goldmark"},
	"generator/content":  {"generator/diag", "generator/kinds", "generator/model", "generator/markdown", "github.com/BurntSushi/toml"},
	"generator/render":   {"generator/diag", "generator/kinds", "generator/model"},
	"generator/search":   {"generator/model"},
	"generator/publish":  {"github.com/tdewolff/minify"},
	"generator/scaffold": {},
	"generator/watch":    {"github.com/fsnotify/fsnotify"},
	"generator":          {"generator/content", "generator/diag", "generator/kinds", "generator/model", "generator/publish", "generator/render", "generator/search", "themes"},
	"generator/serve":    {"generator", "generator/content", "generator/watch"},
	"themes":             {},
	"cmd/hjelperen":      {"generator", "generator/diag", "generator/serve", "generator/scaffold"},

	// Benchmarks and their tools.
	"bench/corpus":      {},
	"bench/fixture":     {"bench/corpus", "generator/content", "generator/model", "generator/render", "themes"},
	"bench/cmd/corpus":  {"bench/corpus"},
	"bench/cmd/rebuild": {"bench/corpus"},

	// Test helpers, and test suites that have only _test.go files (only
	// their non-test files are checked, so their entries are empty).
	"internal/browsertest":    {"github.com/chromedp/chromedp", "github.com/chromedp/cdproto"},
	"internal/testsite":       {},
	"internal/a11ytest":       {},
	"internal/contenttest":    {},
	"internal/crawltest":      {},
	"internal/langtest":       {},
	"internal/lighthousetest": {},
	"internal/offlinetest":    {},
	"internal/printtest":      {},
	"internal/sitetest":       {},
	"internal/worksheettest":  {},
}

// TestDependencyPolicy checks the imports of every package under the
// module, found by walking the source tree, so that a new package cannot
// escape the policy: it fails for a package without an entry in allowed
// and for an entry whose package no longer exists.
func TestDependencyPolicy(t *testing.T) {
	root := ".."
	pkgs, err := modulePackages(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range slices.Sorted(maps.Keys(allowed)) {
		if _, ok := pkgs[pkg]; !ok {
			t.Errorf("%s: listed in the dependency policy but has no Go files", pkg)
		}
	}
	for _, pkg := range slices.Sorted(maps.Keys(pkgs)) {
		allow, ok := allowed[pkg]
		if !ok {
			t.Errorf("%s: package has no entry in the dependency policy (allowed in generator/deps_test.go); add one saying what it may import", pkg)
			continue
		}
		for _, f := range pkgs[pkg] {
			for _, path := range imports(t, f) {
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

// modulePackages walks the module in root and returns the import path of
// every directory with Go files, relative to the module ("generator/diag",
// "" for the root), with its non-test Go files. Build constraints are
// ignored: a file for another system is checked too. Folders the go tool
// skips (testdata, names starting with "." or "_") and nested modules are
// left out; symbolic links such as node_modules are not followed.
func modulePackages(root string) (map[string][]string, error) {
	pkgs := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		if pkg == "." {
			pkg = ""
		}
		files := pkgs[pkg]
		if !strings.HasSuffix(name, "_test.go") {
			files = append(files, p)
		}
		pkgs[pkg] = files // test-only packages get an entry too
		return nil
	})
	return pkgs, err
}

// imports returns the import paths of a Go file.
func imports(t *testing.T, file string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	af, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, imp := range af.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		out = append(out, path)
	}
	return out
}

func TestModulePackagesFindsEveryPackage(t *testing.T) {
	pkgs, err := modulePackages("..")
	if err != nil {
		t.Fatal(err)
	}
	// A package with test files only, one with a main, a nested one and
	// this one must all be found; testdata must not be.
	for _, want := range []string{"internal/worksheettest", "cmd/hjelperen", "bench/cmd/corpus", "generator"} {
		if _, ok := pkgs[want]; !ok {
			t.Errorf("modulePackages did not find %s", want)
		}
	}
	for pkg := range pkgs {
		if strings.Contains(pkg, "testdata") || strings.HasPrefix(pkg, "node_modules") {
			t.Errorf("modulePackages found %s", pkg)
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
