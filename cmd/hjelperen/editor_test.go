package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/internal/testsite"
)

// cli runs the command line args as the binary would and returns what the
// user sees (stdout and stderr together) and the exit code.
func cli(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out syncBuffer
	err := run(context.Background(), args, &out, &out)
	code := exitCode(err, &out)
	return out.String(), code
}

// TestNoRequestsToOtherSites: an image from another site, and a bare
// http:// address, are content errors at their line (issue 12, item 4); a
// bare www. address stays text and a bare https:// address is a link.
func TestNoRequestsToOtherSites(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	const fm = "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\n"
	testsite.Write(t, site, "content/om.md", fm+"![Kart](https://example.com/kart.png)\n\nSe http://example.no/side og [NVE](/bilder/kart.svg).\n")
	out, code := cli(t, "check", "--source", site)
	for _, want := range []string{
		`content/om.md:6:1: bildet «https://example.com/kart.png» ligger på et annet nettsted. Bilder må være filer i nettstedet: last det ned, legg det i static/bilder/ og skriv ![beskrivelse](/bilder/kart.png)`,
		`content/om.md:8:4: lenken «http://example.no/side» bruker http://, som ikke er trygt: skriv https://example.no/side`,
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("check: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}

	testsite.Write(t, site, "content/om.md", fm+"Se www.example.com og https://example.no/side.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if out, code := cli(t, "build", "--source", site, "--dest", dest); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, out)
	}
	html, err := os.ReadFile(filepath.Join(dest, "om.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Se www.example.com og ", `<a href="https://example.no/side">`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("om.html lacks %q", want)
		}
	}
	if strings.Contains(string(html), `href="http:`) {
		t.Error("om.html links over http")
	}
}

// TestServePortInUse: a taken port is reported before the site is built,
// with a hint to use --port (issue 12, item 6).
func TestServePortInUse(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dest := filepath.Join(t.TempDir(), "public")
	out, code := cli(t, "serve", "--source", site, "--dest", dest, "--port", strconv.Itoa(port))
	want := fmt.Sprintf("cannot serve on 127.0.0.1:%d: the port is in use (is another 'hjelperen serve' running?).\n"+
		"Stop the other program, or choose another port: hjelperen serve --port %d\n", port, port+1)
	if code != 1 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant exit 1 and only:\n%s", code, out, want)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("serve built the site although it could not listen")
	}
}

// TestSymlinksOutsideTheSiteRefused: a symbolic link in static/ or
// content/ to a file outside the site folder is an error, and nothing is
// written; a link to a file inside the site is copied as the file (issue
// 12, item 6).
func TestSymlinksOutsideTheSiteRefused(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	outside := t.TempDir()
	testsite.Write(t, outside, "hemmelig.txt", "privat")
	testsite.Write(t, outside, "side.md", "+++\ntitle = \"Hemmelig\"\ndescription = \"Privat.\"\n+++\n\nPrivat tekst.\n")
	secret := filepath.Join(outside, "hemmelig.txt")
	up, err := filepath.Rel(filepath.Join(site, "static"), secret)
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"static/hemmelig.txt": secret,
		"static/opp.txt":      up,
		"content/side.md":     filepath.Join(outside, "side.md"),
		"static/kopi.svg":     filepath.Join("bilder", "kart.svg"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	out, code := cli(t, "build", "--source", site, "--dest", dest)
	for _, want := range []string{
		"content/side.md: er en snarvei (symbolsk lenke) til " + filepath.Join(outside, "side.md") +
			", som ligger utenfor nettstedsmappa. Slike filer blir ikke publisert: kopier filen inn i content/ i stedet\n",
		"static/hemmelig.txt: er en snarvei (symbolsk lenke) til " + secret +
			", som ligger utenfor nettstedsmappa. Slike filer blir ikke publisert: kopier filen inn i static/ i stedet\n",
		"static/opp.txt: er en snarvei (symbolsk lenke) til " + up + ", som ligger utenfor nettstedsmappa.",
		"Fant 3 feil. Ingenting ble skrevet.",
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("build: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("build wrote the output folder")
	}

	for _, name := range []string{"static/hemmelig.txt", "static/opp.txt", "content/side.md"} {
		os.Remove(filepath.Join(site, filepath.FromSlash(name)))
	}
	if out, code := cli(t, "build", "--source", site, "--dest", dest); code != 0 {
		t.Fatalf("build with a link inside the site: exit %d\n%s", code, out)
	}
	copied, _ := os.ReadFile(filepath.Join(dest, "kopi.svg"))
	orig, _ := os.ReadFile(filepath.Join(dest, "bilder/kart.svg"))
	if len(orig) == 0 || string(copied) != string(orig) {
		t.Error("kopi.svg, a link to static/bilder/kart.svg, was not copied as the file")
	}
}

// TestSizeBudgetWarning: a page and a search index above their size
// budgets build, with a warning that names the page's file and the sizes
// (issue 12, item 6).
func TestSizeBudgetWarning(t *testing.T) {
	site := testsite.Copy(t, "../../generator/testdata/sites/sample")
	var body strings.Builder // a report pasted in: 2,6 MB of text
	for i := range 32_000 {
		fmt.Fprintf(&body, "Avsnitt %d. Kommunen vurderer hvordan saken påvirker naturen, folk og økonomien.\n\n", i)
	}
	testsite.Write(t, site, "content/om.md", "+++\ntitle = \"Om\"\ndescription = \"Om verktøyet.\"\n+++\n\n"+body.String())
	dest := filepath.Join(t.TempDir(), "public")
	out, code := cli(t, "build", "--source", site, "--dest", dest)
	for _, want := range []string{
		`(?m)^Advarsel: om\.html er 3,\d MB \(grensen er 1,0 MB\): alle som besøker nettstedet, laster ned hele siden for å bruke verktøyet uten nett\. ` +
			`Gjør teksten i content/om\.md kortere, eller legg lange dokumenter i static/ og lenk til dem\.$`,
		`(?m)^Advarsel: søkeindeksen for «nb» \(js/search/nb\*\) er \d+,\d MB til sammen \(grensen er 2,0 MB\): alle som besøker nettstedet, laster den ned\. ` +
			`Mest tekst har content/om\.md \(2,\d MB\)\.$`,
		`Built `,
	} {
		if code != 0 || !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("build: exit %d, output lacks %q:\n%.2000s", code, want, out)
		}
	}
	if strings.Count(out, "Advarsel:") != 2 {
		t.Errorf("want two warnings, the page and the bokmål index:\n%.2000s", out)
	}
}
