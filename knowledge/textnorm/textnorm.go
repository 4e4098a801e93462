// Package textnorm normalises Chinese text for indexing and for queries:
// Traditional → Simplified characters, full-width → half-width ASCII,
// lower-case ASCII and collapsed whitespace, so that a question and the
// material match whatever script or width either was written in. People
// always see the original text; only the index and the query are normalised.
package textnorm

import (
	"strings"
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

// convert is the single pass behind ToSimplified and Normalize.
func convert(s string, norm bool) string {
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
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B' {
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
			if max := phraseFirst[r]; max > 0 {
				if out, used := matchPhrase(s[i:], max); used > 0 {
					for _, pr := range out {
						emit(pr)
					}
					i += used
					continue
				}
			}
			if t, ok := tsChars[r]; ok {
				r = t
			}
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
