package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// The index of one language is written as many small scripts, so that a
// query loads only what it needs (see Sharded):
//
//   - the entry, Dir+"<lang>.<hash>.js", which the search page loads with
//     a <script> tag: the kind labels, the number of pages, the first word
//     of every word shard and the names of all the other files;
//   - word shards, Dir+"<lang>/<hash>.js": for a sorted run of words, the
//     pages each word occurs in and how (see code);
//   - page groups, Dir+"<lang>/<hash>.js": the Docs of GroupSize
//     consecutive pages, loaded for the results shown.
//
// Every name is the hash of the file's content, so a page never pairs
// with files of another build. The shards and groups are classic scripts
// that store their data under their hash in window[DataGlobal]; the
// search script adds <script> elements for them, which works from file://
// and under a strict Content-Security-Policy, where fetch() would not.
const (
	// Dir is the output folder of the index files.
	Dir = "js/search/"
	// Global is the name of the global variable the entry file assigns.
	Global = "HJELPEREN_SEARCH"
	// DataGlobal is the global object shards and groups store their data in.
	DataGlobal = "HJELPEREN_SEARCH_DATA"
	// Version is the format version; the script refuses other versions.
	Version = 2
	// GroupSize is the number of pages in a page group.
	GroupSize = 4
	// shardTarget is the size, before compression, that a word shard is
	// kept under where the words allow (one word with many pages can be
	// larger on its own).
	shardTarget = 24 << 10
	// hashLen is the number of hex digits of a file's hash in its name.
	hashLen = 12
)

// maxTitleWords is the largest number of title words a code tells.
const maxTitleWords = 15

// code packs how a word occurs in a page into one number: the number of
// text segments it is in (0 to 5, more count as 5), plus 6 when it is in
// the description, plus 12 times the number of words of the title (1 to
// maxTitleWords) when it is in the title. The end of a title word counts
// as in the title with maxTitleWords, so that it never makes the title
// equal to the query. The search script ranks with it.
func code(segs int, desc bool, titleWords int) int {
	c := min(segs, 5)
	if desc {
		c += 6
	}
	if titleWords > 0 {
		c += 12 * min(titleWords, maxTitleWords)
	}
	return c
}

// Words splits text into the words the index holds: folded (see Fold),
// split at anything that is not a letter or a digit, and at least two
// characters long unless a digit. The search script splits queries alike
// (it folds first and splits after, which gives the same words: folding
// turns letters into letters).
func Words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		w = foldWord(w)
		if len(w) >= 2 && utf8.RuneCountInString(w) >= 2 {
			out = append(out, w)
		} else if r, _ := utf8.DecodeRuneInString(w); unicode.IsNumber(r) {
			out = append(out, w)
		}
	}
	return out
}

// foldWord returns Fold(w), without allocating for a word that is
// already folded: lower-case ASCII letters and digits with no "ae", "oe"
// or "aa" in it.
func foldWord(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || c >= 'A' && c <= 'Z' {
			return Fold(w)
		}
		if (c == 'a' || c == 'o') && i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'E' || c == 'a' && (w[i+1] == 'a' || w[i+1] == 'A')) {
			return Fold(w)
		}
	}
	return w
}

// posting is one page a word occurs in.
type posting struct {
	doc  int32
	code int32
}

// word is a word of the index with the pages it occurs in, by page.
type word struct {
	text     string
	postings []posting
	size     int // length of encode(), 0 when not known
}

// shard is a run of the sorted words written as one file.
type shard struct {
	first, last string
	words       int
	name        string
}

// Sharded is the search index of one language as files. It keeps what it
// needs to bring the files up to date after pages change (Update), so an
// edit rewrites only the files it touches: the pages each word occurs in,
// but not the text of the pages, which it gets from the site again.
type Sharded struct {
	lang  string
	kinds map[string]string
	// byPath leads from the content path of a page (in any language) to
	// its document.
	byPath map[string]int
	base   []string // the default-language content path of each document

	words  map[string]*word
	sorted []string // every word, sorted
	groups []string // output path of each page group
	shards []shard
	entry  string
	made   map[string][]byte // files made and not yet handed out
}

// NewSharded builds the index of the site's pages in lang (the pages of
// Collect). Files returns its files.
func NewSharded(site *model.Site, lang string) *Sharded {
	s := &Sharded{lang: lang, kinds: kindLabels(site, lang), byPath: map[string]int{}, words: map[string]*word{}, made: map[string][]byte{}}
	es := entries(site)
	for i, e := range es {
		s.base = append(s.base, e.page.Path)
		for _, v := range e.page.Variants {
			s.byPath[v.Path] = i
		}
		s.byPath[e.page.Path] = i
	}
	s.groups = make([]string, (len(es)+GroupSize-1)/GroupSize)
	// The pages are read a batch at a time, the batch in parallel, so
	// that the text of only one batch is in memory at once.
	const batch = 64 * GroupSize
	for from := 0; from < len(es); from += batch {
		to := min(from+batch, len(es))
		docs := make([]Doc, to-from)
		codes := make([]map[string]int32, to-from)
		groups := make([][]byte, (to-from+GroupSize-1)/GroupSize)
		parallel(to-from, func(i int) {
			docs[i] = es[from+i].doc(site, lang)
			codes[i] = docCodes(docs[i])
		})
		parallel(len(groups), func(g int) {
			groups[g], _ = json.Marshal(docs[g*GroupSize : min((g+1)*GroupSize, len(docs))]) // strings only: cannot fail
		})
		for i, c := range codes {
			s.add(from+i, c)
		}
		for g, data := range groups {
			s.groups[from/GroupSize+g] = s.dataFile(data)
		}
	}
	sort.Strings(s.sorted)
	s.reshard(nil)
	s.makeEntry()
	return s
}

// add adds document d, after every document added so far, to the
// postings of its words.
func (s *Sharded) add(d int, codes map[string]int32) {
	for text, c := range codes {
		w := s.words[text]
		if w == nil {
			w = &word{text: text}
			s.words[text] = w
			s.sorted = append(s.sorted, text)
		}
		w.postings = append(w.postings, posting{doc: int32(d), code: c})
	}
}

// parallel calls f(0) … f(n-1) on as many goroutines as there are CPUs.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// Files returns the index files made since the last call of Files or
// Update (after NewSharded: every file) by output path.
func (s *Sharded) Files() map[string][]byte {
	out := s.made
	s.made = map[string][]byte{}
	return out
}

// Names returns the output paths of every file of the index, sorted.
func (s *Sharded) Names() []string {
	names := append([]string{s.entry}, s.groups...)
	for _, sh := range s.shards {
		names = append(names, sh.name)
	}
	sort.Strings(names)
	return names
}

// Entry returns the output path of the entry file, which the search page
// loads.
func (s *Sharded) Entry() string { return s.entry }

// Update brings the index up to date after the pages with the given
// content paths changed their text (not their title, description, kind
// or place: those need a new index). It returns the files that are new
// or changed (and the ones made before and not yet handed out) and the
// output paths of the files no longer part of the index.
func (s *Sharded) Update(site *model.Site, paths []string) (written map[string][]byte, removed []string) {
	before := s.Names()
	changed := map[int]bool{}
	for _, p := range paths {
		if d, ok := s.byPath[p]; ok {
			changed[d] = true
		}
	}
	groups := map[int]bool{}
	dirty := map[string]bool{}
	for d := range changed {
		s.reindex(d, docCodes(s.doc(site, d)), dirty)
		groups[d/GroupSize] = true
	}
	for g := range groups {
		docs := make([]Doc, 0, GroupSize)
		for d := g * GroupSize; d < min((g+1)*GroupSize, len(s.base)); d++ {
			docs = append(docs, s.doc(site, d))
		}
		s.groups[g] = s.group(docs)
	}
	s.reshard(dirty)
	s.makeEntry()
	after := map[string]bool{}
	for _, name := range s.Names() {
		after[name] = true
	}
	written = s.Files()
	for _, name := range before {
		if !after[name] {
			removed = append(removed, name)
		}
		// Names are hashes of the content: a file made again with the
		// same name is the same file.
		delete(written, name)
	}
	return written, removed
}

// doc returns document d from the site.
func (s *Sharded) doc(site *model.Site, d int) Doc {
	base := site.ByPath[s.base[d]]
	if base == nil {
		return Doc{}
	}
	return doc(site, site.Kinds.Get(base.Kind), base.Variant(s.lang), s.lang)
}

// reindex gives document d the word codes codes, and marks the words
// whose postings changed as dirty.
func (s *Sharded) reindex(d int, codes map[string]int32, dirty map[string]bool) {
	// The old codes of d are in the postings of the words, which are
	// sorted by page: a binary search per word.
	for text, w := range s.words {
		i := w.find(int32(d))
		if i == len(w.postings) || w.postings[i].doc != int32(d) {
			continue
		}
		if c, ok := codes[text]; ok && c == w.postings[i].code {
			delete(codes, text) // unchanged
			continue
		}
		w.postings = append(w.postings[:i], w.postings[i+1:]...)
		w.size = 0
		dirty[text] = true
		if len(w.postings) == 0 {
			delete(s.words, text)
			s.removeSorted(text)
		}
	}
	for text, c := range codes {
		w := s.words[text]
		if w == nil {
			w = &word{text: text}
			s.words[text] = w
			s.insertSorted(text)
		}
		i := w.find(int32(d))
		w.postings = append(w.postings, posting{})
		copy(w.postings[i+1:], w.postings[i:])
		w.postings[i] = posting{doc: int32(d), code: c}
		w.size = 0
		dirty[text] = true
	}
}

func (s *Sharded) insertSorted(text string) {
	i := sort.SearchStrings(s.sorted, text)
	s.sorted = append(s.sorted, "")
	copy(s.sorted[i+1:], s.sorted[i:])
	s.sorted[i] = text
}

func (s *Sharded) removeSorted(text string) {
	i := sort.SearchStrings(s.sorted, text)
	if i < len(s.sorted) && s.sorted[i] == text {
		s.sorted = append(s.sorted[:i], s.sorted[i+1:]...)
	}
}

func (w *word) find(d int32) int {
	return sort.Search(len(w.postings), func(i int) bool { return w.postings[i].doc >= d })
}

// docCodes returns the code of every word of a document.
func docCodes(d Doc) map[string]int32 {
	title := Words(d.Title)
	// segs counts the segments a word is in; last is the number (from 1)
	// of the last segment that counted it.
	segs := map[string]int{}
	last := map[string]int{}
	for i, sg := range d.Segments {
		for _, w := range Words(sg.Text) {
			if last[w] != i+1 {
				last[w] = i + 1
				segs[w]++
			}
		}
	}
	out := make(map[string]int32, len(segs)+len(title)*4)
	desc := map[string]bool{}
	for _, w := range Words(d.Description) {
		desc[w] = true
		out[w] = 0
	}
	inTitle := map[string]bool{} // true for a whole title word
	for _, w := range title {
		inTitle[w] = true
	}
	for _, w := range title {
		// The ends of a title word count as title words too, so that
		// "okonomi" finds "Kommuneøkonomi" as a title match: Norwegian
		// joins words, and a title names what a page is about. Text
		// words are matched by their start only, which keeps the index
		// small.
		r := []rune(w)
		for i := 1; len(r)-i >= MinPrefix; i++ {
			if end := string(r[i:]); !inTitle[end] {
				inTitle[end] = false
			}
		}
	}
	for w := range inTitle {
		out[w] = 0
	}
	for w := range segs {
		out[w] = 0
	}
	for w := range out {
		tw := 0
		if whole, ok := inTitle[w]; ok {
			tw = len(title)
			if !whole {
				tw = maxTitleWords // never the whole title
			}
		}
		out[w] = int32(code(segs[w], desc[w], tw))
	}
	return out
}

// encode appends the word's entry in a shard to b: its JSON string and
// the pages it occurs in as [page, code, page, code, …], every page
// number after the first counted from the one before.
func (w *word) encode(b []byte) []byte {
	q, _ := json.Marshal(w.text) // a string: cannot fail
	b = append(b, q...)
	b = append(b, ':', '[')
	prev := int32(0)
	for i, p := range w.postings {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(p.doc-prev), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.code), 10)
		prev = p.doc
	}
	return append(b, ']')
}

// encodedSize returns the length of the word's entry in a shard.
func (w *word) encodedSize() int {
	if w.size == 0 {
		w.size = len(w.encode(nil))
	}
	return w.size
}

// reshard splits the sorted words into shards (see partition) and makes
// the shards that are new or hold a dirty word; the others keep their
// file. dirty nil makes every shard.
func (s *Sharded) reshard(dirty map[string]bool) {
	// A shard is kept when it has the same first and last word and as
	// many words, none of them dirty: a word removed from its range
	// changes the count unless a new (dirty) word took its place.
	type key struct {
		first, last string
		words       int
	}
	old := map[key]string{}
	for _, sh := range s.shards {
		old[key{sh.first, sh.last, sh.words}] = sh.name
	}
	sizes := make([]int, len(s.sorted))
	for i, t := range s.sorted {
		sizes[i] = s.words[t].encodedSize() + 1
	}
	runs := partition(s.sorted, sizes, 0, 0, len(s.sorted))
	s.shards = s.shards[:0]
	var buf []byte
	for _, r := range runs {
		sh := shard{first: s.sorted[r[0]], last: s.sorted[r[1]-1], words: r[1] - r[0]}
		name, ok := old[key{sh.first, sh.last, sh.words}]
		if !ok || dirty == nil || anyDirty(s.sorted[r[0]:r[1]], dirty) {
			buf = append(buf[:0], '{')
			for i, t := range s.sorted[r[0]:r[1]] {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = s.words[t].encode(buf)
			}
			name = s.dataFile(append(buf, '}'))
		}
		sh.name = name
		s.shards = append(s.shards, sh)
	}
}

func anyDirty(words []string, dirty map[string]bool) bool {
	for _, w := range words {
		if dirty[w] {
			return true
		}
	}
	return false
}

// partition splits the sorted words[from:to], which share their first
// depth bytes, into runs of at most shardTarget bytes: a range that fits
// is one run; a larger one is split by the next byte, and neighbouring
// parts that fit are joined again while they fit together. The split of
// a range depends only on the words in it, so an edit that changes some
// words moves the shard boundaries near them only.
func partition(words []string, sizes []int, depth, from, to int) [][2]int {
	total := 0
	for _, n := range sizes[from:to] {
		total += n
	}
	if total <= shardTarget || to-from == 1 {
		return [][2]int{{from, to}}
	}
	var out [][2]int
	cur, curSize := [2]int{from, from}, 0
	flush := func() {
		if cur[1] > cur[0] {
			out = append(out, cur)
		}
	}
	for i := from; i < to; {
		j := i + 1
		for j < to && keyAt(words[j], depth) == keyAt(words[i], depth) {
			j++
		}
		size := 0
		for _, n := range sizes[i:j] {
			size += n
		}
		switch {
		case size > shardTarget:
			flush()
			out = append(out, partition(words, sizes, depth+1, i, j)...)
			cur, curSize = [2]int{j, j}, 0
		case curSize+size > shardTarget:
			flush()
			cur, curSize = [2]int{i, j}, size
		default:
			cur[1], curSize = j, curSize+size
		}
		i = j
	}
	flush()
	return out
}

// keyAt returns byte depth of w, or -1 when w is that short.
func keyAt(w string, depth int) int {
	if depth >= len(w) {
		return -1
	}
	return int(w[depth])
}

// group makes the file of a page group, the Docs as a JSON array, and
// returns its name.
func (s *Sharded) group(docs []Doc) string {
	b, _ := json.Marshal(docs) // strings only: cannot fail
	return s.dataFile(b)
}

// dataFile makes the shard or group file holding the JSON data and
// returns its name.
func (s *Sharded) dataFile(data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])[:hashLen]
	b := make([]byte, 0, len(data)+100)
	b = append(b, "(self."+DataGlobal+"=self."+DataGlobal+"||{})[\""+h+"\"]="...)
	b = append(b, data...)
	b = append(b, ";\n"...)
	name := Dir + s.lang + "/" + h + ".js"
	s.made[name] = b
	return name
}

// entryData is the content of the entry file.
type entryData struct {
	Version int               `json:"v"`
	Lang    string            `json:"lang"`
	Kinds   map[string]string `json:"kinds"`
	Docs    int               `json:"n"`     // number of pages
	Group   int               `json:"g"`     // GroupSize
	Shards  [][2]string       `json:"w"`     // first word and hash of each word shard
	Groups  []string          `json:"f"`     // hash of each page group
	Dir     string            `json:"dir"`   // folder of the shards and groups, relative to the entry
	Prefix  int               `json:"pmin"`  // shortest query word matched as a prefix
	Limit   int               `json:"limit"` // results shown at a time
}

// MinPrefix is the shortest query word that also finds longer words
// starting with it; shorter ones find only the word itself (so "og" does
// not load every word that starts with "og").
const MinPrefix = 3

// PageSize is the number of results the search page shows at a time.
const PageSize = 20

func hashOf(name string) string {
	return strings.TrimSuffix(name[strings.LastIndexByte(name, '/')+1:], ".js")
}

// makeEntry makes the entry file.
func (s *Sharded) makeEntry() {
	e := entryData{Version: Version, Lang: s.lang, Kinds: s.kinds, Docs: len(s.base), Group: GroupSize,
		Dir: s.lang + "/", Prefix: MinPrefix, Limit: PageSize, Shards: [][2]string{}, Groups: []string{}}
	for _, sh := range s.shards {
		e.Shards = append(e.Shards, [2]string{sh.first, hashOf(sh.name)})
	}
	for _, g := range s.groups {
		e.Groups = append(e.Groups, hashOf(g))
	}
	data, _ := json.Marshal(e) // strings and numbers only: cannot fail
	sum := sha256.Sum256(data)
	var b bytes.Buffer
	b.WriteString("self." + Global + "=")
	b.Write(data)
	b.WriteString(";self." + Global + ".src=document.currentScript.src;\n")
	s.entry = Dir + s.lang + "." + hex.EncodeToString(sum[:])[:hashLen] + ".js"
	s.made[s.entry] = b.Bytes()
}

// Read decodes the index files of one language back into the Index they
// were made from, for tests and tools: read returns a file by output path
// and entry is the output path of the entry file. It also returns the
// words of the shards with the page numbers they list.
func Read(read func(name string) ([]byte, error), entry string) (*Index, map[string][]int, error) {
	data, err := read(entry)
	if err != nil {
		return nil, nil, err
	}
	var e entryData
	js, ok := between(data, "self."+Global+"=", ";self."+Global+".src=")
	if !ok {
		return nil, nil, fmt.Errorf("%s: not a search index entry", entry)
	}
	if err := json.Unmarshal(js, &e); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", entry, err)
	}
	dir := path.Join(path.Dir(entry), e.Dir)
	part := func(hash string, v any) error {
		name := path.Join(dir, hash+".js")
		data, err := read(name)
		if err != nil {
			return err
		}
		js, ok := between(data, "]=", ";\n")
		if !ok {
			return fmt.Errorf("%s: not a search index file", name)
		}
		if err := json.Unmarshal(js, v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	ix := &Index{Version: e.Version, Lang: e.Lang, Kinds: e.Kinds}
	for _, h := range e.Groups {
		var docs []Doc
		if err := part(h, &docs); err != nil {
			return nil, nil, err
		}
		ix.Docs = append(ix.Docs, docs...)
	}
	words := map[string][]int{}
	for _, sh := range e.Shards {
		var m map[string][]int
		if err := part(sh[1], &m); err != nil {
			return nil, nil, err
		}
		for w, list := range m {
			doc := 0
			for k := 0; k+1 < len(list); k += 2 {
				doc += list[k]
				words[w] = append(words[w], doc)
			}
		}
	}
	if len(ix.Docs) != e.Docs {
		return nil, nil, fmt.Errorf("%s: %d pages in the groups, %d in the entry", entry, len(ix.Docs), e.Docs)
	}
	return ix, words, nil
}

// between returns the bytes of data between the first prefix and the last
// suffix.
func between(data []byte, prefix, suffix string) ([]byte, bool) {
	i := bytes.Index(data, []byte(prefix))
	j := bytes.LastIndex(data, []byte(suffix))
	if i < 0 || j < i+len(prefix) {
		return nil, false
	}
	return data[i+len(prefix) : j], true
}

// ReadDir decodes the index of lang in the built site in the folder dir
// (see Read) and returns it with the output path of its entry file.
func ReadDir(dir, lang string) (*Index, string, error) {
	entries, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(Dir), lang+".*.js"))
	if err != nil || len(entries) != 1 {
		return nil, "", fmt.Errorf("%s: want one search index entry for %s, found %q", dir, lang, entries)
	}
	rel, err := filepath.Rel(dir, entries[0])
	if err != nil {
		return nil, "", err
	}
	entry := filepath.ToSlash(rel)
	ix, _, err := Read(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	}, entry)
	return ix, entry, err
}
