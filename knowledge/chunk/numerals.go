package chunk

import (
	"strings"
	"unicode/utf8"
)

var cnDigit = map[rune]int{
	'零': 0, '〇': 0, '○': 0, 'Ｏ': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

var cnUnit = map[rune]int{'十': 10, '百': 100, '千': 1000, '万': 10000}

// parseNumber reads a number written in Chinese numerals (一千零七十九,
// 十五), in ASCII or full-width digits (1079, １０７９), or as a digit
// string in Chinese (二〇二〇). ok is false for anything else.
func parseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	digitsOnly := true
	for _, r := range s {
		if _, u := cnUnit[r]; u {
			digitsOnly = false
		}
	}
	total, section, num := 0, 0, 0
	sawNum := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			num = num*10 + int(r-'0')
			sawNum = true
		case r >= '０' && r <= '９':
			num = num*10 + int(r-'０')
			sawNum = true
		default:
			if d, ok := cnDigit[r]; ok {
				if digitsOnly {
					num = num*10 + d
				} else {
					num = d
				}
				sawNum = true
				continue
			}
			u, ok := cnUnit[r]
			if !ok {
				return 0, false
			}
			if u == 10000 {
				total += (section + num) * u
				section, num = 0, 0
				continue
			}
			if num == 0 {
				num = 1 // 十五 = 15
			}
			section += num * u
			num = 0
			sawNum = true
		}
		if total+section+num > 1e8 {
			return 0, false
		}
	}
	if !sawNum {
		return 0, false
	}
	return total + section + num, true
}

// ParseArticleNumber reads an article number as printed: 第一千零七十九条,
// 第1079条, 一千零七十九, 第十条之一 (→ 10: an inserted article counts as
// the one it follows; ParseArticle gives the 之 part too).
func ParseArticleNumber(s string) (int, bool) {
	n, _, ok := ParseArticle(s)
	return n, ok
}

// ParseArticle reads an article number as printed and also returns the
// number after 之 of an inserted article (第十条之一 → 10, 1), 0 when none.
func ParseArticle(s string) (num, sub int, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "第")
	main, rest, found := strings.Cut(s, "条")
	if !found {
		main, rest = s, ""
	}
	if r, _ := utf8.DecodeRuneInString(main); r == utf8.RuneError {
		return 0, 0, false
	}
	num, ok = parseNumber(main)
	if !ok || num <= 0 {
		return 0, 0, false
	}
	if after, has := strings.CutPrefix(rest, "之"); has {
		if sub, ok = parseNumber(after); !ok {
			return 0, 0, false
		}
	} else if rest != "" {
		return 0, 0, false
	}
	return num, sub, true
}

// FormatNumber writes n in Chinese numerals the way statutes print them:
// 10 → 十, 110 → 一百一十, 1079 → 一千零七十九. It returns "" for n < 0.
func FormatNumber(n int) string {
	if n < 0 {
		return ""
	}
	if n == 0 {
		return "零"
	}
	digits := []rune("零一二三四五六七八九")
	var b strings.Builder
	started, zero := false, false
	if n >= 10000 {
		b.WriteString(FormatNumber(n / 10000))
		b.WriteRune('万')
		n %= 10000
		if n == 0 {
			return b.String()
		}
		started, zero = true, n < 1000
	}
	units := []struct {
		v int
		r rune
	}{{1000, '千'}, {100, '百'}, {10, '十'}}
	for _, u := range units {
		d := n / u.v
		n %= u.v
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune('零')
			zero = false
		}
		if !(u.v == 10 && d == 1 && !started) {
			b.WriteRune(digits[d])
		}
		b.WriteRune(u.r)
		started = true
	}
	if n > 0 {
		if zero {
			b.WriteRune('零')
		}
		b.WriteRune(digits[n])
	}
	return b.String()
}

// FormatArticle writes an article number as statutes print it:
// 1079 → 第一千零七十九条, 10 → 第十条.
func FormatArticle(n int) string {
	return "第" + FormatNumber(n) + "条"
}
