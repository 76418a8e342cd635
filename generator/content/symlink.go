package content

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// maxLinkHops is how many symbolic links in a row are followed before a
// chain counts as a loop.
const maxLinkHops = 40

// linkProblem returns a problem if the walked entry d at p is a symbolic
// link that may not be published (see checkSymlink). The folder a walk
// starts from comes with the type of what it leads to, so it is looked
// up again.
func linkProblem(root fs.FS, p string, d fs.DirEntry) *diag.Error {
	mode := d.Type()
	if p == "content" || p == "static" {
		info, err := fs.Lstat(root, p)
		if err != nil {
			return nil
		}
		mode = info.Mode()
	}
	if mode&fs.ModeSymlink == 0 {
		return nil
	}
	return checkSymlink(root, p)
}

// checkSymlink returns a problem if the symbolic link p (a slash path in
// root, in content/ or static/) leads out of the site folder, or to
// nothing. A file outside the site, such as a private document an editor
// linked to by mistake, must never be published. Targets are followed
// by their paths: an absolute target counts as outside, since only a
// relative link keeps working when the site folder is moved or shared.
func checkSymlink(root fs.FS, p string) *diag.Error {
	folder := p[:strings.IndexByte(p+"/", '/')] // content or static
	pos := diag.Position{File: p}
	cur := p
	for range maxLinkHops {
		target, err := fs.ReadLink(root, cur)
		if err != nil {
			return nil // not a link (or unreadable, which reading reports)
		}
		slashed := filepath.ToSlash(target)
		cur = path.Join(path.Dir(cur), slashed)
		if filepath.IsAbs(target) || path.IsAbs(slashed) || !fs.ValidPath(cur) {
			return diag.Errorf(pos, "er en snarvei (symbolsk lenke) til %s, som ligger utenfor nettstedsmappa. "+
				"Slike filer blir ikke publisert: kopier filen inn i %s/ i stedet", target, folder)
		}
		info, err := fs.Lstat(root, cur)
		if errors.Is(err, fs.ErrNotExist) {
			return diag.Errorf(pos, "er en snarvei (symbolsk lenke) til %s, som ikke finnes", target)
		}
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return nil
		}
	}
	return diag.Errorf(pos, "er en snarvei (symbolsk lenke) som fører i ring")
}
