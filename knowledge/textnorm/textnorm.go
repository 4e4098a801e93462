// Package textnorm normalises Chinese text for indexing and for queries:
// Traditional → Simplified characters, full-width → half-width ASCII,
// lower-case ASCII and collapsed whitespace, so that a question and the
// material match whatever script or width either was written in. People
// always see the original text; only the index and the query are normalised.
package textnorm

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// keepFullWidth lists full-width forms that are ordinary Chinese punctuation
// and stay as they are in FoldWidth: folding them would only make Chinese
// text look odd. Everything else in U+FF01..U+FF5E folds to ASCII.
func keepFullWidth(r rune) bool {
	switch r {
	case '，', '！', '？', '：', '；', '（', '）':
		return true
	}
	return false
}

// foldRune maps one full-width rune to its half-width form; ok is false
// when r is left alone.
func foldRune(r rune) (rune, bool) {
	switch {
	case r == '\u3000':
		return ' ', true
	case r >= 0xFF01 && r <= 0xFF5E && !keepFullWidth(r):
		return r - 0xFEE0, true
	}
	return r, false
}

// FoldWidth turns full-width letters, digits, symbols and the ideographic
// space into their ASCII forms ("１２３" → "123", "Ａ" → "A", "　" → " "),
// keeping the usual Chinese punctuation (，！？：；（）) as it is.
func FoldWidth(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := foldRune(r); ok {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		f, _ := foldRune(r)
		b.WriteRune(f)
	}
	return b.String()
}

// ToSimplified converts Traditional Chinese to Simplified with OpenCC's
// TSPhrases (longest match first) and TSCharacters tables. Text already in
// Simplified characters comes back unchanged.
func ToSimplified(s string) string {
	return convert(s, false)
}

// Normalize prepares text for indexing and for matching queries: Traditional
// → Simplified, full-width → half-width, ASCII lower-cased, control
// characters dropped, runs of whitespace collapsed to one space and trimmed.
func Normalize(s string) string {
	return convert(s, true)
}

// denseTables mirrors tsChars and phraseFirst as arrays over the Basic
// Multilingual Plane: an array index is several times faster than a map
// lookup, and conversion looks up every Chinese character.
type denseTables struct {
	chars  [0x10000]rune  // simplified form, 0 when unchanged
	phrase [0x10000]uint8 // longest phrase starting with the rune
}

func (t *denseTables) char(r rune) rune {
	if r < 0x10000 {
		if c := t.chars[r]; c != 0 {
			return c
		}
		return r
	}
	if c, ok := tsChars[r]; ok {
		return c
	}
	return r
}

func (t *denseTables) phraseMax(r rune) int {
	if r < 0x10000 {
		return int(t.phrase[r])
	}
	return phraseFirst[r]
}

var (
	tabOnce sync.Once
	tabData *denseTables
)

// tables builds the dense tables on first use (about 320 KB).
func tables() *denseTables {
	tabOnce.Do(func() {
		t := &denseTables{}
		for k, v := range tsChars {
			if k < 0x10000 {
				t.chars[k] = v
			}
		}
		for k, n := range phraseFirst {
			if k < 0x10000 {
				t.phrase[k] = uint8(n)
			}
		}
		tabData = t
	})
	return tabData
}

// convert is the single pass behind ToSimplified and Normalize.
func convert(s string, norm bool) string {
	tab := tables()
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	wrote := false
	emit := func(r rune) {
		if !norm {
			b.WriteRune(r)
			return
		}
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		}
		if r < 0x3400 && (unicode.IsSpace(r) || unicode.IsControl(r)) || r == '\uFEFF' || r == '\u200B' {
			space = wrote
			return
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		wrote = true
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if norm {
			r, _ = foldRune(r)
		}
		if r >= 0x3400 {
			if max := tab.phraseMax(r); max > 0 {
				if out, used := matchPhrase(s[i:], max); used > 0 {
					for _, pr := range out {
						emit(pr)
					}
					i += used
					continue
				}
			}
			r = tab.char(r)
		}
		emit(r)
		i += n
	}
	return b.String()
}

// matchPhrase finds the longest phrase of at most max runes at the start of
// s and returns its replacement and the bytes it covers.
func matchPhrase(s string, max int) (string, int) {
	// Byte offsets of the ends of the first max runes.
	var ends [16]int
	k := 0
	for i := 0; i < len(s) && k < max && k < len(ends); k++ {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
		ends[k] = i
	}
	for j := k - 1; j >= 1; j-- {
		if out, ok := tsPhrases[s[:ends[j]]]; ok {
			return out, ends[j]
		}
	}
	return "", 0
}
