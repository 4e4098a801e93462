package activity

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// chineseDigits maps Chinese digit characters to their value.
var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '○': 0, '一': 1, '壹': 1, '二': 2, '贰': 2, '两': 2, '三': 3, '叁': 3,
	'四': 4, '肆': 4, '五': 5, '伍': 5, '六': 6, '陆': 6, '七': 7, '柒': 7, '八': 8, '捌': 8,
	'九': 9, '玖': 9,
}

// chineseUnits maps Chinese small units to their multiplier.
var chineseUnits = map[rune]int{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

// isNumeralRune reports whether r can be part of a written number.
func isNumeralRune(r rune) bool {
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return true
	}
	if _, ok := chineseDigits[r]; ok {
		return true
	}
	if _, ok := chineseUnits[r]; ok {
		return true
	}
	return r == '万' || r == '亿' || r == '廿' || r == '卅'
}

// approxSuffixes are words after a number that say "about"; they count as
// the stated number.
var approxSuffixes = []string{"左右", "上下", "余", "多", "来", "许", "几"}

// approxPrefixes are words before a number that say "about" or "in all".
var approxPrefixes = []string{"大约", "将近", "接近", "超过", "共计", "合计", "总计", "累计", "约", "近", "逾", "共", "达", "超"}

// ParseNumber reads a count as cadres write it: Arabic (120, 1,200, 1.2万),
// Chinese (一百二十, 两百, 三千五 = 3500, 一千二 = 1200, 十五, 廿三) or mixed
// (3千), with approximations (50余, 八十多, 二百来, 约100, 100左右) read as the
// stated number. It reports false when s is not a number.
func ParseNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	for _, p := range approxPrefixes {
		s = strings.TrimPrefix(s, p)
	}
	for changed := true; changed; {
		changed = false
		for _, suf := range approxSuffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s = strings.TrimSuffix(s, suf)
				changed = true
			}
		}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	s = toHalfWidth(s)
	s = strings.ReplaceAll(s, ",", "")
	s = strings.ReplaceAll(s, "，", "")
	if s == "" {
		return 0, false
	}
	// Big units (万, 亿) split the number into sections.
	if i := strings.LastIndex(s, "亿"); i >= 0 {
		hi, ok := parseSection(s[:i], true)
		if !ok {
			return 0, false
		}
		lo := 0
		if rest := s[i+len("亿"):]; rest != "" {
			if lo, ok = ParseNumber(rest); !ok {
				return 0, false
			}
		}
		return clampInt(hi*1e8 + float64(lo))
	}
	if i := strings.LastIndex(s, "万"); i >= 0 {
		head := s[:i]
		var hi float64
		ok := true
		if head == "" {
			hi = 1
		} else {
			hi, ok = parseSection(head, true)
		}
		if !ok {
			return 0, false
		}
		rest := s[i+len("万"):]
		lo := 0.0
		if rest != "" {
			// 一万二 = 12000: a lone digit after 万 is thousands.
			if d, isDigit := loneDigit(rest); isDigit {
				lo = float64(d) * 1000
			} else {
				v, ok := parseSection(rest, false)
				if !ok {
					return 0, false
				}
				lo = v
			}
		}
		return clampInt(hi*1e4 + lo)
	}
	v, ok := parseSection(s, true)
	if !ok {
		return 0, false
	}
	if v != math.Trunc(v) {
		return 0, false // 3.5 people is not a count
	}
	return clampInt(v)
}

// clampInt converts v to an int, refusing absurd values.
func clampInt(v float64) (int, bool) {
	if v < 0 || v > 1e12 || math.IsNaN(v) {
		return 0, false
	}
	return int(math.Round(v)), true
}

// loneDigit reports whether s is exactly one Chinese or Arabic digit.
func loneDigit(s string) (int, bool) {
	if utf8.RuneCountInString(s) != 1 {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	d, ok := chineseDigits[r]
	return d, ok
}

// parseSection reads a number below 10000 (or a decimal like 1.2 when
// allowDecimal), in Arabic, Chinese or mixed digits.
func parseSection(s string, allowDecimal bool) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if isASCIIDecimal(s) {
		if strings.Contains(s, ".") && !allowDecimal {
			return 0, false
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		return v, true
	}
	runes := []rune(s)
	// All digits without units: 三八 is not a count, but 2千 and 三千五 are
	// handled below; a plain run of Chinese digits reads positionally only
	// when it is a single digit.
	total, cur := 0, 0
	lastUnit := 0
	sawUnit := false
	pendingDigit := false
	zeroAfterUnit := false // 一千零五: the digit after 零 is ones
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case r >= '0' && r <= '9':
			// Arabic digits inside a Chinese number: 3千5百.
			j := i
			for j < len(runes) && runes[j] >= '0' && runes[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(string(runes[i:j]))
			cur = n
			pendingDigit = true
			i = j - 1
		case r == '廿':
			total += 20
			lastUnit = 10
			sawUnit = true
		case r == '卅':
			total += 30
			lastUnit = 10
			sawUnit = true
		default:
			if d, ok := chineseDigits[r]; ok {
				if pendingDigit && d != 0 && cur != 0 {
					// 七八十, 一百五六十: a range, read as its lower end.
					if d == cur+1 && i+1 < len(runes) && chineseUnits[runes[i+1]] != 0 {
						continue
					}
					return 0, false // 三八: two digits in a row
				}
				if d == 0 {
					if !sawUnit && pendingDigit {
						return 0, false
					}
					cur = 0
					pendingDigit = false
					zeroAfterUnit = sawUnit
					continue
				}
				cur = d
				pendingDigit = true
				continue
			}
			u, ok := chineseUnits[r]
			if !ok {
				return 0, false
			}
			if !pendingDigit {
				if i == 0 {
					cur = 1 // 十五 = 15, 百余 = 100
				} else {
					return 0, false
				}
			}
			if lastUnit != 0 && u >= lastUnit && sawUnit {
				return 0, false // 百千: units must fall
			}
			total += cur * u
			cur = 0
			pendingDigit = false
			lastUnit = u
			sawUnit = true
			zeroAfterUnit = false
		}
	}
	if pendingDigit {
		if sawUnit && lastUnit >= 100 && cur < 10 && !zeroAfterUnit {
			// 三千五 = 3500, 一百二 = 120: a trailing digit takes the next place down.
			total += cur * lastUnit / 10
		} else {
			if sawUnit && lastUnit == 10 && cur >= 10 {
				return 0, false
			}
			total += cur
		}
	}
	if !sawUnit && !isASCIIDigits(s) && utf8.RuneCountInString(s) > 1 {
		return 0, false
	}
	return float64(total), true
}

func isASCIIDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isASCIIDecimal(s string) bool {
	dots := 0
	for _, r := range s {
		switch {
		case r == '.':
			dots++
		case r < '0' || r > '9':
			return false
		}
	}
	return dots <= 1 && s != "." && s[0] != '.' && s[len(s)-1] != '.'
}

// toHalfWidth turns full-width digits and dots into ASCII.
func toHalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		}
		return r
	}, s)
}
