package chunk

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pufabot/pufabot/knowledge/loader"
)

const (
	// targetRunes is the size material chunks are filled to.
	targetRunes = 400
	// maxRunes is the size above which a paragraph is cut at sentence ends.
	maxRunes = 500
)

var (
	// articleRe matches an article start at the beginning of a paragraph:
	// 第一千零七十九条, 第10条, 第十条之一, and what follows.
	articleRe = regexp.MustCompile(`^第([零〇○一二三四五六七八九十百千0-9０-９]+)条(?:之([一二三四五六七八九十]+))?([\s\x{3000}]*)(.?)`)
	// structRe matches a structure heading printed as a plain line:
	// 第一编 总则, 第二分编 合同, 第四章 离婚, 第一节 一般规定.
	structRe = regexp.MustCompile(`^第[零〇一二三四五六七八九十百千0-9]+(编|分编|章|节)(?:[\s\x{3000}]|$)`)
	// outlineRe matches outline headings of reports: 一、基本情况.
	outlineRe = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	// dateRe finds dates like 2020年5月28日 and 二〇二〇年五月二十八日.
	dateRe = regexp.MustCompile(`([0-9０-９]{4}|[零〇○一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日`)
	// isoDateRe finds YYYY-MM-DD, e.g. in file names 民法典(2020-05-28).md.
	isoDateRe = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
	// adoptRe marks header lines that date a version (not mere entry into force).
	adoptRe = regexp.MustCompile(`通过|修正|修订|修改|公布|发布|批准|印发|颁布|制定|施行`)
	// versionRe marks lines that make a version rather than bring it into force.
	versionRe = regexp.MustCompile(`通过|修正|修订|修改|公布|发布|批准|印发|颁布`)
	// lawTitleRe recognises titles of laws, regulations and interpretations.
	lawTitleRe = regexp.MustCompile(`(法|法典|条例|规定|办法|解释|决定|规则|细则|准则|标准|通知|意见|章程|批复|答复|解答|规范|决议|修正案|纲要|公约|条约|协定|安排|命令|方案|公告|纪要|复函)$`)
	// trailingParenRe strips a trailing （一） or (2018年) from a title.
	trailingParenRe = regexp.MustCompile(`(?:[(（][^()（）]*[)）])+$`)
	// questionRe and answerRe mark FAQ lines.
	questionRe = regexp.MustCompile(`^(?:问|问题|提问|Q|q|Ｑ)\s*\d*\s*[:：.、]`)
	answerRe   = regexp.MustCompile(`^(?:答|回答|解答|A|a|Ａ)\s*\d*\s*[:：.、]`)
)

// articleStart reports whether a paragraph starts a law article and returns
// the article as printed (第十条之一) and its numbers.
func articleStart(p string) (printed string, num, sub int, ok bool) {
	m := articleRe.FindStringSubmatchIndex(p)
	if m == nil {
		return "", 0, 0, false
	}
	space := p[m[6]:m[7]]
	next := p[m[8]:m[9]]
	// "第三条规定的…" or a table cell "第114条、第115条" is a reference, not
	// an article start: an article number is followed by a space, or, in
	// Chinese numerals, directly by its text.
	if next == "|" || next == "｜" {
		return "", 0, 0, false // a table cell
	}
	arabic := strings.ContainsAny(p[m[2]:m[3]], "0123456789０１２３４５６７８９")
	if space == "" && next != "" {
		if arabic || strings.Contains("规中所的、，,和或至及与第款项之；;:：。", next) {
			return "", 0, 0, false
		}
	}
	// Tables of criminal-law provisions read "第201条 （《刑法修正案》…）":
	// a bracketed source reference, not an article.
	if rest := p[m[8]:]; arabic && (next == "（" || next == "(") || strings.HasPrefix(rest, "（《") || strings.HasPrefix(rest, "(《") {
		return "", 0, 0, false
	}
	if m[4] >= 0 {
		printed = p[m[0]:m[5]]
	} else {
		printed = p[m[0] : m[3]+len("条")]
	}
	num, sub, ok = ParseArticle(printed)
	return printed, num, sub, ok
}

// Detect guesses a document's kind: law when it has articles at paragraph
// starts and a law-like title (or many articles), faq when it is mostly
// question / answer pairs, else material.
func Detect(doc loader.Doc) string {
	articles, questions, qHeadings, headings := 0, 0, 0, 0
	for _, b := range doc.Blocks {
		if b.Kind == loader.Heading {
			headings++
			if isQuestionHeading(b.Text) {
				qHeadings++
			}
			continue
		}
		if _, _, _, ok := articleStart(b.Text); ok {
			articles++
		}
		if questionRe.MatchString(b.Text) {
			questions++
		}
	}
	// A file of one question and its answer (## 问：垃圾清运费每户交多少？)
	// is an FAQ too when every heading is a question.
	if questions >= 2 && questions > articles || qHeadings >= 2 && qHeadings*2 > headings && qHeadings > articles ||
		qHeadings == 1 && articles == 0 && (headings == 1 || headings == 2 && titleBlock(doc) && !isQuestionHeading(doc.Blocks[0].Text)) {
		return KindFAQ
	}
	title := lawTitle(doc)
	lawish := lawTitleRe.MatchString(trailingParenRe.ReplaceAllString(title, ""))
	switch {
	case articles >= 2 && lawish, articles >= 5:
		return KindLaw
	case lawish && (len(headerLines(doc)) > 0 || isoDateRe.MatchString(filepath.Base(doc.Path))):
		return KindLaw
	}
	return KindMaterial
}

func isQuestionHeading(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "？") || strings.HasSuffix(s, "?") || questionRe.MatchString(s)
}

// lawTitle is the first block when it is a heading or reads like a law's
// name (a .docx whose title paragraph carries no heading style), else the
// document's title.
func lawTitle(doc loader.Doc) string {
	if titleBlock(doc) {
		return strings.TrimSpace(doc.Blocks[0].Text)
	}
	return doc.Title
}

// titleBlock reports whether the first block is the document's title.
func titleBlock(doc loader.Doc) bool {
	if len(doc.Blocks) == 0 {
		return false
	}
	b := doc.Blocks[0]
	if b.Kind == loader.Heading {
		return true
	}
	t := squeeze(b.Text)
	return utf8.RuneCountInString(t) <= 60 && !strings.ContainsAny(t, "。；，") &&
		lawTitleRe.MatchString(trailingParenRe.ReplaceAllString(t, "")) && !articleRe.MatchString(t)
}

// headerLines returns the adoption / amendment / entry-into-force lines
// under a law's title: the lines the file marks as its header, else the
// dated paragraphs (and their continuation lines) before the first
// heading or article.
func headerLines(doc loader.Doc) []string {
	if len(doc.Header) > 0 {
		return doc.Header
	}
	var out []string
	skipFirst := titleBlock(doc)
	for i, b := range doc.Blocks {
		if i == 0 && skipFirst {
			continue
		}
		if b.Kind == loader.Heading {
			break
		}
		if _, _, _, ok := articleStart(b.Text); ok {
			break
		}
		if isHeaderLine(b.Text) || len(out) > 0 && isContinuation(b.Text) {
			out = append(out, b.Text)
			continue
		}
		if len(out) > 0 || i > 6 {
			break
		}
	}
	return out
}

// isTOC reports whether a line heads a table of contents (目录).
func isTOC(p string) bool {
	switch strings.Join(strings.Fields(p), "") {
	case "目录", "目次":
		return true
	}
	return false
}

// isContinuation reports whether a paragraph continues a wrapped header
// line: short and not a finished sentence.
func isContinuation(p string) bool {
	if _, ok := structLevel(p); ok {
		return false
	}
	return !isTOC(p) && utf8.RuneCountInString(p) <= 120 && !strings.HasSuffix(p, "。") && !strings.HasSuffix(p, "：")
}

// isHeaderLine reports whether a paragraph is a short dated line such as
// "2020年5月28日 第十三届全国人民代表大会第三次会议通过" or "（2021年1月1日起施行）".
func isHeaderLine(p string) bool {
	if utf8.RuneCountInString(p) > 200 {
		return false
	}
	loc := dateRe.FindStringIndex(p)
	if loc == nil {
		return false
	}
	// The date comes first (maybe after a bracket) or the line is about adoption.
	return loc[0] <= 6 || adoptRe.MatchString(p)
}

// parseDate turns a dateRe match into YYYY-MM-DD.
func parseDate(m []string) (string, bool) {
	y, ok1 := parseNumber(m[1])
	mo, ok2 := parseNumber(m[2])
	d, ok3 := parseNumber(m[3])
	if !ok1 || !ok2 || !ok3 || y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return "", false
	}
	return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d), true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// versionDate takes the latest date among the header lines that adopt,
// amend or publish the law (failing that, the latest date of any header
// line) and the YYYY-MM-DD a file name may carry (民法典(2020-05-28).md),
// whichever is later: headers sometimes omit the last amendment.
func versionDate(header []string, path string) string {
	best, bestAny := "", ""
	for _, h := range header {
		for _, m := range dateRe.FindAllStringSubmatch(h, -1) {
			d, ok := parseDate(m)
			if !ok {
				continue
			}
			if d > bestAny {
				bestAny = d
			}
			if adoptRe.MatchString(h) && !onlyInForce(h) && d > best {
				best = d
			}
		}
	}
	if best == "" {
		best = bestAny
	}
	if m := isoDateRe.FindStringSubmatch(filepath.Base(path)); m != nil {
		if d := m[1] + "-" + m[2] + "-" + m[3]; d > best {
			best = d
		}
	}
	return best
}

// onlyInForce reports whether a header line only states entry into force.
func onlyInForce(h string) bool {
	return strings.Contains(h, "施行") && !versionRe.MatchString(h)
}

// Split cuts a document into chunks. kind is KindLaw, KindMaterial, KindFAQ,
// or "" to detect it.
func Split(doc loader.Doc, kind string) (Meta, []Chunk) {
	if kind == "" {
		kind = Detect(doc)
	}
	switch kind {
	case KindLaw:
		return splitLaw(doc)
	case KindFAQ:
		return splitFAQ(doc)
	default:
		meta := Meta{Kind: KindMaterial, Title: doc.Title}
		return meta, splitMaterial(doc, "", doc.Title)
	}
}

// headingStack keeps the current heading path.
type headingStack struct {
	levels []int
	texts  []string
}

func (h *headingStack) push(level int, text string) {
	for len(h.levels) > 0 && h.levels[len(h.levels)-1] >= level {
		h.levels = h.levels[:len(h.levels)-1]
		h.texts = h.texts[:len(h.texts)-1]
	}
	h.levels = append(h.levels, level)
	h.texts = append(h.texts, text)
}

func (h *headingStack) path() string { return strings.Join(h.texts, " / ") }

func (h *headingStack) leaf() string {
	if len(h.texts) == 0 {
		return ""
	}
	return h.texts[len(h.texts)-1]
}

// squeeze collapses runs of spaces (statutes pad headings: 第四章  离婚,
// 总　　则) so chapter paths compare and display cleanly.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// structLevel ranks plain-line structure headings below any Markdown level.
func structLevel(p string) (int, bool) {
	if utf8.RuneCountInString(p) > 40 {
		return 0, false
	}
	m := structRe.FindStringSubmatch(p)
	if m == nil {
		switch strings.Join(strings.Fields(p), "") {
		case "总则", "附则", "序言", "分则":
			return 11, true
		}
		return 0, false
	}
	if strings.ContainsAny(p, "。；") {
		return 0, false
	}
	return map[string]int{"编": 11, "分编": 12, "章": 13, "节": 14}[m[1]], true
}

func splitLaw(doc loader.Doc) (Meta, []Chunk) {
	meta := Meta{Kind: KindLaw, Title: lawTitle(doc)}
	meta.Header = headerLines(doc)
	meta.VersionDate = versionDate(meta.Header, doc.Path)
	isHeader := map[string]bool{}
	for _, h := range meta.Header {
		isHeader[h] = true
	}
	var (
		chunks []Chunk
		stack  headingStack
		cur    *Chunk
		body   []string
		sawArt bool
	)
	flush := func() {
		if cur != nil && len(body) > 0 {
			cur.Text = strings.Join(body, "\n")
			cur.Seq = len(chunks)
			chunks = append(chunks, *cur)
		}
		cur, body = nil, nil
	}
	skipFirst := titleBlock(doc)
	for i, b := range doc.Blocks {
		if i == 0 && skipFirst {
			continue
		}
		if b.Kind == loader.Heading {
			flush()
			stack.push(b.Level, squeeze(b.Text))
			continue
		}
		if lvl, ok := structLevel(b.Text); ok {
			flush()
			stack.push(lvl, squeeze(b.Text))
			continue
		}
		if printed, num, _, ok := articleStart(b.Text); ok {
			flush()
			sawArt = true
			cur = &Chunk{Law: meta.Title, Article: printed, ArticleNum: num, Chapter: stack.path(), Title: printed}
			body = append(body, b.Text)
			continue
		}
		if !sawArt && (isHeader[b.Text] || isTOC(b.Text)) {
			continue
		}
		if cur == nil {
			// Preamble, a heading's introduction or an appendix: its own chunk.
			title := stack.leaf()
			if title == "" {
				title = "序言"
			}
			cur = &Chunk{Law: meta.Title, Chapter: stack.path(), Title: title}
		} else if cur.Article == "" && utf8.RuneCountInString(strings.Join(body, "")) >= targetRunes {
			flush()
			cur = &Chunk{Law: meta.Title, Chapter: stack.path(), Title: stack.leaf()}
		}
		body = append(body, b.Text)
	}
	flush()
	if !sawArt {
		// A law-like document without 第…条 (standards, notices numbered
		// 一、 or 1.1): chunk it like material but keep the law name.
		chunks = splitMaterial(doc, meta.Title, meta.Title)
		kept := chunks[:0]
		for _, c := range chunks {
			if isHeader[c.Text] {
				continue
			}
			c.Seq = len(kept)
			kept = append(kept, c)
		}
		chunks = kept
	}
	return meta, chunks
}

// splitMaterial fills chunks of about targetRunes from paragraphs under the
// same heading, cutting long paragraphs at sentence ends. law, when set,
// is copied into each chunk.
func splitMaterial(doc loader.Doc, law, docTitle string) []Chunk {
	var (
		chunks []Chunk
		stack  headingStack
		body   []string
		size   int
	)
	flush := func() {
		if len(body) == 0 {
			return
		}
		title := stack.leaf()
		if title == "" {
			title = docTitle
		}
		chunks = append(chunks, Chunk{Seq: len(chunks), Law: law, Chapter: stack.path(), Title: title, Text: strings.Join(body, "\n")})
		body, size = nil, 0
	}
	for i, b := range doc.Blocks {
		if b.Kind == loader.Heading {
			flush()
			if i == 0 && b.Text == docTitle {
				continue
			}
			stack.push(b.Level, b.Text)
			continue
		}
		if lvl, ok := materialHeading(b.Text); ok {
			flush()
			stack.push(lvl, b.Text)
			continue
		}
		for _, piece := range cutSentences(b.Text, maxRunes, targetRunes) {
			n := utf8.RuneCountInString(piece)
			if size > 0 && size+n > maxRunes {
				flush()
			}
			body = append(body, piece)
			size += n
			if size >= targetRunes {
				flush()
			}
		}
	}
	flush()
	return chunks
}

// materialHeading treats short outline lines (一、基本情况, 第一章 …) as
// headings of material.
func materialHeading(p string) (int, bool) {
	if lvl, ok := structLevel(p); ok {
		return lvl, true
	}
	if utf8.RuneCountInString(p) <= 30 && outlineRe.MatchString(p) && !strings.ContainsAny(p, "。；;") {
		return 11, true
	}
	return 0, false
}

// cutSentences returns p unchanged when it has at most max runes, else
// pieces of about target runes cut after sentence-ending punctuation (or,
// failing that, after a comma, or hard at max).
func cutSentences(p string, max, target int) []string {
	if utf8.RuneCountInString(p) <= max {
		return []string{p}
	}
	var out []string
	rs := []rune(p)
	for len(rs) > max {
		cut := -1
		for _, set := range []string{"。！？!?", "；;", "，,、"} {
			for i := min(max, len(rs)) - 1; i >= target/2; i-- {
				if strings.ContainsRune(set, rs[i]) {
					cut = i + 1
					break
				}
			}
			if cut > 0 {
				break
			}
		}
		if cut <= 0 {
			cut = max
		}
		out = append(out, string(rs[:cut]))
		rs = rs[cut:]
	}
	if len(rs) > 0 {
		out = append(out, string(rs))
	}
	return out
}

// splitFAQ makes one chunk per question and its answer. Questions are
// lines starting 问：/Q: or headings ending in a question mark; everything
// up to the next question or heading is the answer.
func splitFAQ(doc loader.Doc) (Meta, []Chunk) {
	meta := Meta{Kind: KindFAQ, Title: doc.Title}
	var (
		chunks []Chunk
		stack  headingStack
		cur    *Chunk
		body   []string
		intro  []loader.Block
	)
	flush := func() {
		if cur != nil && len(body) > 0 {
			cur.Text = strings.Join(body, "\n")
			cur.Seq = len(chunks)
			chunks = append(chunks, *cur)
		}
		cur, body = nil, nil
	}
	for i, b := range doc.Blocks {
		if b.Kind == loader.Heading {
			if isQuestionHeading(b.Text) {
				flush()
				q := questionRe.ReplaceAllString(b.Text, "")
				cur = &Chunk{Chapter: stack.path(), Title: strings.TrimSpace(q)}
				body = append(body, b.Text)
				continue
			}
			flush()
			if i == 0 && b.Text == doc.Title {
				continue
			}
			stack.push(b.Level, b.Text)
			continue
		}
		if questionRe.MatchString(b.Text) {
			flush()
			q := strings.TrimSpace(questionRe.ReplaceAllString(b.Text, ""))
			// "问：…？答：…" on one line: the title is the question only.
			for _, sep := range []string{"答：", "答:", "A：", "A:"} {
				if i := strings.Index(q, sep); i > 0 {
					q = strings.TrimSpace(q[:i])
					break
				}
			}
			cur = &Chunk{Chapter: stack.path(), Title: q}
			body = append(body, b.Text)
			continue
		}
		if cur == nil {
			intro = append(intro, b)
			continue
		}
		body = append(body, b.Text)
	}
	flush()
	if len(intro) > 0 {
		extra := splitMaterial(loader.Doc{Title: doc.Title, Blocks: intro}, "", doc.Title)
		chunks = append(extra, chunks...)
		for i := range chunks {
			chunks[i].Seq = i
		}
	}
	return meta, chunks
}
