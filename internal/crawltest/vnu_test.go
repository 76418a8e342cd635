package crawltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
)

// vnuJar is the Nu Html Checker from npm (vnu-jar, pinned in package.json).
const vnuJar = "node_modules/vnu-jar/build/dist/vnu.jar"

var kindRe = regexp.MustCompile(`<body[^>]*\sclass="[^"]*\bkind-([a-z]+)`)

// TestValidHTML runs the Nu Html Checker over every page of the site (so
// over every page type: home, section, plain page, dimension, theme,
// worksheet, step, recommendation, funding, dilemma, method, the 404 page
// and the search page) and fails on any error. It needs Java and `npm ci`;
// without them it is skipped loudly, or fails with
// HJELPEREN_REQUIRE_BROWSER=1 as in CI.
func TestValidHTML(t *testing.T) {
	browsertest.SkipShort(t, "the Nu Html Checker (Java)")
	java, err := exec.LookPath("java")
	if err != nil {
		browsertest.SkipOrFail(t, "Java is not installed; the Nu Html Checker needs it (apt-get install default-jre-headless)")
	}
	jar := filepath.Join(source, vnuJar)
	if _, err := os.Stat(jar); err != nil {
		browsertest.SkipOrFail(t, "vnu-jar is not installed; run `npm ci` in the repository root")
	}
	dir := site(t)
	files := htmlFiles(t, dir)

	// Every page type must be among the checked pages.
	kinds := map[string]string{}
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		kind := "?"
		if m := kindRe.FindSubmatch(data); m != nil {
			kind = string(m[1])
		}
		if name == "404.html" {
			kind = "404"
		}
		if _, ok := kinds[kind]; !ok {
			kinds[kind] = name
		}
	}
	for _, k := range []string{"home", "section", "page", "dimension", "theme", "worksheet", "step", "recommendation", "funding", "dilemma", "method", "404"} {
		if _, ok := kinds[k]; !ok {
			t.Errorf("no page of type %q in the site, so vnu did not check one", k)
		}
	}
	t.Logf("page types: %v", kinds)

	args := []string{"-jar", jar, "--errors-only", "--format", "json"}
	for _, f := range files {
		args = append(args, filepath.Join(dir, filepath.FromSlash(f)))
	}
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			Type     string `json:"type"`
			SubType  string `json:"subType"`
			URL      string `json:"url"`
			Line     int    `json:"lastLine"`
			Column   int    `json:"firstColumn"`
			Message  string `json:"message"`
			Extract  string `json:"extract"`
			Location string `json:"-"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu: %v\nunexpected output: %.2000s\n%.500s", runErr, stderr.String(), stdout.String())
	}
	var msgs []string
	for _, m := range report.Messages {
		if m.Type != "error" && !(m.Type == "non-document-error") {
			continue
		}
		name := m.URL
		if i := strings.Index(name, filepath.ToSlash(dir)+"/"); i >= 0 {
			name = name[i+len(filepath.ToSlash(dir))+1:]
		}
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s\n\t%s", name, m.Line, m.Column, m.Message, strings.TrimSpace(m.Extract)))
	}
	sort.Strings(msgs)
	for _, m := range msgs {
		t.Error(m)
	}
	if len(msgs) == 0 && runErr != nil {
		t.Errorf("vnu: %v: %s", runErr, stderr.String())
	}
	t.Logf("vnu checked %d pages: %d errors", len(files), len(msgs))
}
