package loader

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
)

// maxPDFPages caps how many pages of one PDF are read.
const maxPDFPages = 3000

// pdfIdleClose is how long the PDF engine stays up after its last use.
const pdfIdleClose = 30 * time.Second

// pdfEngine is PDFium compiled to WebAssembly (pure Go, no cgo). Starting
// it compiles the module (about 3 s) and it then holds about 300 MB, so it
// is started on the first PDF, shared by the PDFs of a bulk load, and shut
// down pdfIdleClose after the last one, returning the memory. One instance
// serialises PDF parsing. It is package state because the engine is a
// process-wide resource, like a connection pool.
var pdfEngine struct {
	mu    sync.Mutex
	pool  pdfium.Pool
	users int
	timer *time.Timer
}

// pdfInstance returns a PDFium instance and the function that gives it back.
func pdfInstance() (pdfium.Pdfium, func(), error) {
	e := &pdfEngine
	e.mu.Lock()
	if e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
	if e.pool == nil {
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 0, MaxIdle: 1, MaxTotal: 1})
		if err != nil {
			e.mu.Unlock()
			return nil, nil, fmt.Errorf("start PDF engine: %w", err)
		}
		e.pool = pool
	}
	pool := e.pool
	e.users++
	e.mu.Unlock()
	release := func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.users--
		if e.users == 0 && e.pool != nil {
			if e.timer != nil {
				e.timer.Stop()
			}
			e.timer = time.AfterFunc(pdfIdleClose, closeIdlePDFEngine)
		}
	}
	inst, err := pool.GetInstance(2 * time.Minute)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("PDF engine busy: %w", err)
	}
	return inst, func() { inst.Close(); release() }, nil
}

// closeIdlePDFEngine shuts the engine down when nobody is using it.
func closeIdlePDFEngine() {
	e := &pdfEngine
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.users == 0 && e.pool != nil {
		e.pool.Close()
		e.pool = nil
		e.timer = nil
	}
}

// parsePDF extracts the text layer of a PDF page by page, drops running
// headers, footers and page numbers, and rebuilds paragraphs from the
// visual lines. A PDF whose pages carry no text is ErrNoTextLayer.
func parsePDF(data []byte) (string, []Block, error) {
	title, pages, err := pdfPages(data)
	if err != nil {
		return "", nil, err
	}
	total := 0
	for _, p := range pages {
		total += len(strings.TrimSpace(p))
	}
	if total == 0 {
		return "", nil, fileErr("", "PDF has no text layer (scanned?); run OCR first or load a text version", ErrNoTextLayer)
	}
	return title, pdfBlocks(pages), nil
}

// pdfPages returns the document's Title metadata and each page's text.
func pdfPages(data []byte) (string, []string, error) {
	inst, release, err := pdfInstance()
	if err != nil {
		return "", nil, err
	}
	defer release()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		if strings.Contains(strings.ToLower(err.Error()), "password") {
			return "", nil, fileErr("", "PDF is password-protected", err)
		}
		return "", nil, fileErr("", "not a readable PDF (damaged, or not really a PDF)", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return "", nil, fmt.Errorf("count pages: %w", err)
	}
	title := ""
	if meta, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: "Title"}); err == nil {
		title = cleanText(meta.Value)
	}
	n := min(count.PageCount, maxPDFPages)
	pages := make([]string, 0, n)
	for i := 0; i < n; i++ {
		txt, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return "", nil, fmt.Errorf("read page %d: %w", i+1, err)
		}
		pages = append(pages, txt.Text)
	}
	return title, pages, nil
}

var (
	// pageNumberRe matches page-number lines: "- 3 -", "3", "第 3 页", "3/12".
	pageNumberRe = regexp.MustCompile(`^(?:[-—–]?\s*\d+\s*[-—–]?|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$`)
	// paraStartRe matches lines that always start a paragraph in Chinese
	// official documents: articles, structure headings, outline numbers.
	paraStartRe = regexp.MustCompile(`^(?:第[零〇一二三四五六七八九十百千0-9]+[条章节编]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|\d+[.、．]\s*\S)`)
)

// pdfBlocks turns page texts into paragraphs. Lines repeated on most pages
// (running headers and footers) and page numbers are dropped. A line ends
// its paragraph when it ends with closing punctuation or is clearly shorter
// than a full line; the next line starts one when it opens with an article
// number, a chapter heading or an outline number.
func pdfBlocks(pages []string) []Block {
	var all [][]string
	freq := map[string]int{}
	for _, p := range pages {
		var lines []string
		seen := map[string]bool{}
		for _, l := range strings.Split(strings.ReplaceAll(p, "\r", "\n"), "\n") {
			l = dropCJKSpaces(cleanText(l))
			if l == "" || pageNumberRe.MatchString(strings.ToLower(l)) {
				continue
			}
			lines = append(lines, l)
			if !seen[l] {
				seen[l] = true
				freq[l]++
			}
		}
		all = append(all, lines)
	}
	repeated := func(l string) bool {
		return len(pages) >= 3 && freq[l]*2 > len(pages) && utf8.RuneCountInString(l) < 60
	}
	// The usual full line width, to tell a paragraph's last line.
	width := 0
	var widths []int
	for _, lines := range all {
		for _, l := range lines {
			widths = append(widths, utf8.RuneCountInString(l))
		}
	}
	if len(widths) > 0 {
		counts := map[int]int{}
		for _, w := range widths {
			counts[w]++
		}
		best := 0
		for w, c := range counts {
			if c > best || c == best && w > width {
				width, best = w, c
			}
		}
	}
	var blocks []Block
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			blocks = append(blocks, Block{Kind: Paragraph, Text: cur.String()})
			cur.Reset()
		}
	}
	for _, lines := range all {
		for _, l := range lines {
			if repeated(l) {
				continue
			}
			if paraStartRe.MatchString(l) {
				flush()
			}
			if cur.Len() > 0 && isASCIIWordEnd(cur.String()) && isASCIIWordStart(l) {
				cur.WriteByte(' ')
			}
			cur.WriteString(l)
			n := utf8.RuneCountInString(l)
			last, _ := utf8.DecodeLastRuneInString(l)
			if strings.ContainsRune("。！？：；!?:;", last) || width > 0 && n < width*4/5 {
				flush()
			}
		}
	}
	flush()
	return blocks
}

func isASCIIWordEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r < utf8.RuneSelf && r != ' '
}

func isASCIIWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < utf8.RuneSelf && r != ' '
}

// dropCJKSpaces removes the spaces PDF text extraction puts between Chinese
// characters and digits or letters ("2021 年 3 月" → "2021年3月"), and
// doubled spaces. Spaces between Chinese characters stay: "第一条 为了".
func dropCJKSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	out := rs[:0]
	for i, r := range rs {
		if r == ' ' || r == '\u3000' {
			var prev, next rune
			if len(out) > 0 {
				prev = out[len(out)-1]
			}
			for j := i + 1; j < len(rs); j++ {
				if rs[j] != ' ' && rs[j] != '\u3000' {
					next = rs[j]
					break
				}
			}
			if isCJK(prev) && isASCIIAlnum(next) || isASCIIAlnum(prev) && isCJK(next) || prev == ' ' {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
