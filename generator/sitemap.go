package generator

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// sitemap lists every page with its absolute URL under base_url.
func sitemap(site *model.Site) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range site.Pages {
		loc := site.Config.BaseURL + strings.TrimSuffix(p.OutPath, "index.html")
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(loc))
		b.WriteString("</loc>")
		if p.Updated != "" {
			b.WriteString("<lastmod>" + string(p.Updated) + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
