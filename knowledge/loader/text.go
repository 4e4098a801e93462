package loader

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText turns plain-text bytes into a UTF-8 string: a UTF-8 or UTF-16
// byte-order mark is honoured; text that is not valid UTF-8 is read as
// GB18030 (a superset of GBK and GB2312, what Chinese Windows writes).
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return string(data[3:]), nil
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case mostlyUTF8(data):
		return string(data), nil
	}
	return decodeWith(data, simplifiedchinese.GB18030.NewDecoder())
}

// mostlyUTF8 reports whether data is UTF-8, allowing a few broken bytes
// (a file cut mid-character, one corrupted byte) so that a damaged UTF-8
// file is not misread as GB18030 as a whole. GBK text read as UTF-8 has
// far more invalid bytes than valid multi-byte characters.
func mostlyUTF8(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return valid >= 20*invalid
}

func decodeWith(data []byte, t transform.Transformer) (string, error) {
	out, _, err := transform.Bytes(t, data)
	if err != nil {
		return "", fmt.Errorf("decode text: %w", err)
	}
	return string(out), nil
}

// parseTXT makes one paragraph per non-empty line, dropping web-page
// chrome lines (text copied from government sites carries them). A short first line
// without closing punctuation is taken as the title heading, the way
// reports and notices begin.
func parseTXT(data []byte) ([]Block, error) {
	s, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	var blocks []Block
	for _, line := range splitLines([]byte(s)) {
		line = cleanText(line)
		if line == "" || textnorm.IsBoilerplate(line) {
			continue
		}
		if len(blocks) == 0 && looksLikeTitle(line) {
			blocks = append(blocks, Block{Kind: Heading, Level: 1, Text: line})
			continue
		}
		blocks = append(blocks, Block{Kind: Paragraph, Text: line})
	}
	return blocks, nil
}

// looksLikeTitle reports whether a line reads like a document title: short
// and not ending like a sentence.
func looksLikeTitle(line string) bool {
	n := utf8.RuneCountInString(line)
	if n < 2 || n > 40 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune("。，,;；：:！!？?、", last) {
		return false
	}
	return !articleStartRe.MatchString(line)
}

// articleStartRe matches the start of a law article (第十条, 第10条).
var articleStartRe = regexp.MustCompile(`^第[零〇一二三四五六七八九十百千0-9０-９]+条`)

var (
	mdHeadingRe = regexp.MustCompile(`^(#{1,6})[ \t\x{3000}]*(.*?)[ \t#]*$`)
	mdCommentRe = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdImageRe   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRe    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphRe    = regexp.MustCompile(`(\*\*|__|\*|~~|` + "`" + `)`)
	mdListRe    = regexp.MustCompile(`^(?:[-*+]|\d+[.)])[ \t]+`)
	mdHRRe      = regexp.MustCompile(`^(?:-{3,}|\*{3,}|_{3,}|={3,})$`)
	mdTagRe     = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
)

// infoEnd ends the header block of the corpus Markdown files.
const infoEnd = "<!-- INFO END -->"

// parseMD reads Markdown: ATX headings become Heading blocks with their
// level, every other non-empty line a paragraph with simple inline syntax
// (emphasis, links, images, list and quote marks, HTML comments and tags)
// removed. Lines are not joined: Chinese Markdown rarely wraps lines, and
// law files put each article on its own line. A "<!-- INFO END -->"
// comment (the corpus format) ends the header: the lines above it, after
// the title, are returned as header lines instead of blocks.
func parseMD(data []byte) ([]Block, []string, error) {
	s, err := decodeText(data)
	if err != nil {
		return nil, nil, err
	}
	before, after, ok := strings.Cut(s, infoEnd)
	if !ok {
		return parseMDBody(s), nil, nil
	}
	var blocks []Block
	var header []string
	for i, b := range parseMDBody(before) {
		if i == 0 && b.Kind == Heading {
			blocks = append(blocks, b)
			continue
		}
		header = append(header, cleanText(b.Text))
	}
	return append(blocks, parseMDBody(after)...), header, nil
}

func parseMDBody(s string) []Block {
	s = mdCommentRe.ReplaceAllString(s, "\n")
	var blocks []Block
	fence := false
	for _, line := range splitLines([]byte(s)) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		if t == "" || mdHRRe.MatchString(t) {
			continue
		}
		if !fence {
			if m := headingMatch(t); m != nil && (len(t) == len(m[1]) || t[len(m[1])] == ' ' || t[len(m[1])] == '\t' || strings.HasPrefix(t[len(m[1]):], "\u3000")) {
				text := inlineMD(m[2])
				if text != "" {
					blocks = append(blocks, Block{Kind: Heading, Level: len(m[1]), Text: text})
				}
				continue
			}
			for strings.HasPrefix(t, ">") {
				t = strings.TrimSpace(t[1:])
			}
			if t == "" {
				continue
			}
			if c := t[0]; c == '-' || c == '*' || c == '+' || c >= '0' && c <= '9' {
				t = mdListRe.ReplaceAllString(t, "")
			}
			if strings.HasPrefix(t, "|") {
				t = strings.Trim(t, "|")
				if strings.Trim(t, "|-: ") == "" {
					continue
				}
				cells := strings.Split(t, "|")
				kept := cells[:0]
				for _, c := range cells {
					if c = strings.TrimSpace(c); c != "" {
						kept = append(kept, c)
					}
				}
				t = strings.Join(kept, " | ")
			}
			t = inlineMD(t)
		}
		if t != "" {
			blocks = append(blocks, Block{Kind: Paragraph, Text: t})
		}
	}
	return blocks
}

// inlineMD strips inline Markdown; each pattern only runs when its marker
// character occurs, which keeps loading the law corpus fast.
func inlineMD(s string) string {
	if strings.Contains(s, "![") {
		s = mdImageRe.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") {
		s = mdLinkRe.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<") {
		s = mdTagRe.ReplaceAllString(s, "")
	}
	if strings.ContainsAny(s, "*_~`") {
		s = mdEmphRe.ReplaceAllString(s, "")
	}
	return strings.TrimSpace(s)
}

func headingMatch(t string) []string {
	if t[0] != '#' {
		return nil
	}
	return mdHeadingRe.FindStringSubmatch(t)
}
