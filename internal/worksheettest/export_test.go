package worksheettest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/baerekrafthjelperen/hjelperen/generator/render"
	"github.com/baerekrafthjelperen/hjelperen/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// tricky is a comment that tests quoting in every format.
const tricky = "Flom; \"100-årsflom\" <b>&</b>\nny linje æøå"

// fillForExport opens the worksheet and fills a case with a conflict
// across dimensions and a knowledge gap.
func fillForExport(t *testing.T) (*browsertest.Tab, string) {
	url := serve(t, sampleSite)
	b := browsertest.New(t)
	tab := b.Tab(t)
	open(t, tab, url)
	typeInto(t, tab, "#ws-name", "Sak 2025/117 Storvika")
	answer(t, tab, "klimatilpasning-saks-1", "positiv")
	comment(t, tab, "klimatilpasning-saks-1", tricky)
	answer(t, tab, "klimatilpasning-saks-2", "usikker")
	answer(t, tab, "natur-saks-1", "usikker")
	answer(t, tab, "bolig-saks-1", "negativ")
	answer(t, tab, "bolig-saks-2", "ikke-relevant")
	// Say how the conflict is handled.
	browsertest.Eval[bool](t, tab, `document.querySelector(".ws-conflict details").open = true`)
	tab.Do(t, chromedp.WaitReady(chromedp.CSS(".ws-conflict select")))
	browsertest.Eval[bool](t, tab, `(() => { const s = document.querySelector(".ws-conflict select"); s.value = "study";
		s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	return tab, "Sak-2025-117-Storvika-" + time.Now().Format("2006-01-02")
}

// download clicks an export button and returns the downloaded file.
func download(t *testing.T, tab *browsertest.Tab, kind, base string) []byte {
	t.Helper()
	click(t, tab, `[data-export="`+kind+`"]`)
	p := tab.WaitDownload(t, "."+kind)
	if got := filepath.Base(p); got != base+"."+kind {
		t.Errorf("file name %q, want %q", got, base+"."+kind)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// xmlText returns the character data of an XML document, with a space
// between elements, decoded by encoding/xml (so it must be well formed).
func xmlText(t *testing.T, data []byte) string {
	t.Helper()
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("bad XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			if tok.Name.Local == "br" || tok.Name.Local == "line-break" {
				b.WriteString("\n")
			}
		case xml.EndElement:
			b.WriteString(" ")
		}
	}
}

// unzip checks a ZIP archive (CRCs included) and returns its entries.
func unzip(t *testing.T, data []byte) (map[string][]byte, []*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC-32
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.Method != zip.Store {
			t.Errorf("%s is compressed", f.Name)
		}
		out[f.Name] = b
	}
	return out, zr.File
}

// wantInPDF is what every report holds, in words that a PDF's text keeps
// together; wantInReport adds the comment as typed.
var wantInPDF = []string{
	"Sak 2025/117 Storvika", "Vurdering av bærekraft", "Målkonflikter", "Svekket: Bolig", "Kunnskapsbehov", "Tiltak",
	"Positiv virkning", "Negativ virkning", "Usikkert – mangler kunnskap", "Må utredes mer", "Tilskudd til klimatilpasning",
	`"100-årsflom"`, "<b>&</b>", "ny linje æøå",
}

var wantInReport = append([]string{"Flom; \"100-årsflom\" <b>&</b>"}, wantInPDF...)

func checkText(t *testing.T, what, got string) {
	t.Helper()
	for _, w := range wantInReport {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestExports downloads every export format and checks its content.
func TestExports(t *testing.T) {
	tab, base := fillForExport(t)

	docx := download(t, tab, "docx", base)
	files, _ := unzip(t, docx)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if files[name] == nil {
			t.Errorf("docx lacks %s", name)
		} else {
			xmlText(t, files[name])
		}
	}
	checkText(t, "docx", xmlText(t, files["word/document.xml"]))

	odt := download(t, tab, "odt", base)
	files, list := unzip(t, odt)
	if list[0].Name != "mimetype" || string(files["mimetype"]) != "application/vnd.oasis.opendocument.text" {
		t.Errorf("odt: first entry %q", list[0].Name)
	}
	if len(list[0].Extra) != 0 || odt[28] != 0 || odt[29] != 0 || string(odt[30:38]) != "mimetype" {
		t.Error("odt: mimetype entry has an extra field or is not first")
	}
	for _, name := range []string{"META-INF/manifest.xml", "content.xml", "styles.xml"} {
		xmlText(t, files[name])
	}
	checkText(t, "odt", xmlText(t, files["content.xml"]))

	md := string(download(t, tab, "md", base))
	if !strings.HasPrefix(md, "# Sak 2025/117 Storvika\n") || !strings.Contains(md, "| Klimatilpasning og beredskap | Hvordan påvirker saken sikkerheten") {
		t.Errorf("markdown:\n%s", md)
	}
	if strings.Contains(md, "<b>") {
		t.Error("markdown keeps raw HTML from a comment")
	}

	raw := download(t, tab, "csv", base)
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		t.Error("csv has no UTF-8 BOM")
	}
	if !bytes.Contains(raw, []byte("\r\n")) || regexp.MustCompile(`[^\r]\n[^n]`).Match(bytes.ReplaceAll(raw, []byte("\nny linje"), nil)) {
		t.Error("csv rows must end with CRLF")
	}
	r := csv.NewReader(bytes.NewReader(raw[3:]))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(rows) != 6 || rows[0][2] != "Spørsmål-ID" {
		t.Fatalf("csv rows: %q", rows)
	}
	found := false
	for _, row := range rows {
		if row[2] == "klimatilpasning-saks-1" {
			found = true
			if row[4] != "positiv" || row[5] != "Positiv virkning" || row[6] != "Positiv" || strings.ReplaceAll(row[7], "\r\n", "\n") != tricky {
				t.Errorf("csv row %q", row)
			}
		}
	}
	if !found {
		t.Error("csv lacks the answered question")
	}

	// JSON: the real copy. Import it back and compare.
	orig := download(t, tab, "json", base)
	var a map[string]any
	if err := json.Unmarshal(orig, &a); err != nil {
		t.Fatal(err)
	}
	if a["schema"] != float64(render.WorksheetSchema) || a["worksheet"] != "saksbehandling" || a["contentVersion"] == "" {
		t.Errorf("json header: %v", a)
	}
	ans := a["answers"].(map[string]any)["klimatilpasning-saks-1"].(map[string]any)
	if ans["option"] != "positiv" || ans["comment"] != tricky {
		t.Errorf("json answer: %v", ans)
	}
	// Clear the browser, import, export again.
	clickText(t, tab, "Slett alt verktøyet har lagret i denne nettleseren")
	clickText(t, tab, "Ja, slett alt")
	os.Remove(filepath.Join(tab.DownloadDir, base+".json"))
	importFile(t, tab, orig, "x.json")
	clickText(t, tab, "Åpne som ny vurdering")
	again := download(t, tab, "json", base)
	var b map[string]any
	json.Unmarshal(again, &b)
	for _, k := range []string{"exported", "id", "updated"} {
		delete(a, k)
		delete(b, k)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("round trip differs:\n%s\n%s", ja, jb)
	}
	if v := formValues(t, tab)["klimatilpasning-saks-1"]; v != "positiv|"+tricky {
		t.Errorf("after import the form shows %q", v)
	}
	tab.NoErrors(t)

	t.Run("LibreOffice", func(t *testing.T) {
		for name, text := range pdfTexts(t, map[string][]byte{"a.docx": docx, "a.odt": odt}) {
			// pdftotext may interleave the lines of neighbouring cells, so
			// the comment's parts are looked for one by one. A line may
			// break after a hyphen, which pdftotext then drops
			// ("100-" / "årsflom" becomes "100årsflom").
			noHyphen := strings.NewReplacer("-", "", " ", "").Replace
			flat := noHyphen(strings.Join(strings.Fields(text), " "))
			for _, w := range wantInPDF {
				if !strings.Contains(flat, noHyphen(w)) {
					t.Errorf("PDF of %s lacks %q", name, w)
				}
			}
			if !regexp.MustCompile(`•\s+Klimatilpasning og beredskap styrkes`).MatchString(text) || !strings.Contains(text, "Side 1 av") {
				t.Errorf("PDF of %s: no bulleted conflict list or no page numbers", name)
			}
			checkNoSplitWords(t, name, text, wordsOf(md), vocabulary(md))
		}
	})
}

// importFile puts data into the "Åpne fil" input as a file called name.
func importFile(t *testing.T, tab *browsertest.Tab, data []byte, name string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The app counts import outcomes (a refusal in the alert box or the
	// import panel) in #ws-app's data-imports: wait for this file's.
	before := browsertest.Eval[string](t, tab, `document.getElementById("ws-app").getAttribute("data-imports") || "0"`)
	tab.Do(t, chromedp.SetUploadFiles(chromedp.CSS("#ws-open"), []string{p}))
	tab.Wait(t, `(document.getElementById("ws-app").getAttribute("data-imports") || "0") !== `+strconv.Quote(before))
}

// pdfTexts converts files to PDF with LibreOffice headless and returns the
// text pdftotext extracts from each, by file name.
func pdfTexts(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	browsertest.SkipShort(t, "LibreOffice")
	exe := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		browsertest.SkipOrFail(t, "LibreOffice is not installed; the DOCX/ODT checks need it (apt-get install libreoffice-writer-nogui)")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		browsertest.SkipOrFail(t, "pdftotext is not installed; the DOCX/ODT checks need it (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	out := map[string]string{}
	for name, data := range files {
		// One conversion per file: LibreOffice names the PDF after the
		// file, so a.docx and a.odt would overwrite each other.
		sub := filepath.Join(dir, strings.ReplaceAll(name, ".", "-"))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exe, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", sub, p)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("libreoffice %s: %v\n%s", name, err, msg)
		}
		pdf := strings.TrimSuffix(p, filepath.Ext(p)) + ".pdf"
		txt, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		out[name] = string(txt)
	}
	return out
}
