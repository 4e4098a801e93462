package knowledge

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Citation is one law article an answer rests on.
type Citation struct {
	Law     string `json:"law"`
	Article string `json:"article"`
}

// String prints the citation as residents read it: 《民法典》第一千零七十九条;
// a title inside the law's name takes 〈〉 (《最高人民法院关于适用〈中华人民
// 共和国民法典〉婚姻家庭编的解释（一）》), as the FAQ writes it.
func (c Citation) String() string {
	return "《" + innerTitle.Replace(c.Law) + "》" + c.Article
}

// innerTitle turns the title marks inside a law's name into 〈〉.
var innerTitle = strings.NewReplacer("《", "〈", "》", "〉")

// shortLaw drops the 中华人民共和国 prefix so that 《民法典》 and
// 《中华人民共和国民法典》 name the same law, and writes a title inside the
// name with 〈〉 however it was written.
func shortLaw(law string) string {
	law = innerTitle.Replace(strings.TrimSpace(law))
	return strings.TrimPrefix(law, "中华人民共和国")
}

const cnDigits = "零〇一二两三四五六七八九"

// articleNumber reads the number of "第一千零七十九条" / "第1079条" /
// "一千零七十九"; 0 when it is not a number.
func articleNumber(s string) int {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "第")
	if i := strings.Index(s, "条"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return 0
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	total, section, digit := 0, 0, 0
	for _, r := range s {
		switch r {
		case '零', '〇':
			digit = 0
		case '一':
			digit = 1
		case '二', '两':
			digit = 2
		case '三':
			digit = 3
		case '四':
			digit = 4
		case '五':
			digit = 5
		case '六':
			digit = 6
		case '七':
			digit = 7
		case '八':
			digit = 8
		case '九':
			digit = 9
		case '十', '百', '千':
			unit := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]
			if digit == 0 && r == '十' {
				digit = 1 // 十三 = 13
			}
			section += digit * unit
			digit = 0
		case '万':
			total += (section + digit) * 10000
			section, digit = 0, 0
		default:
			return 0
		}
	}
	return total + section + digit
}

// articleKey identifies an article whatever way it is written.
type articleKey struct {
	law string // short name
	num int
	// suffix is "之一" etc. for inserted articles.
	suffix string
}

// citeRe finds 《Law》第X条 groups, with the further articles that follow
// (《民法典》第一千零七十九条、第一千零八十条), an optional 根据/依据 before
// and 的规定/规定 after, so that a removed citation leaves no dangling words.
var citeRe = regexp.MustCompile(`(?:根据|依据|依照|按照)?《([^《》\n]{1,40})》(?:的)?((?:第[0-9` + cnDigits + `十百千万]+条(?:之[一二三四五六七八九十]+)?(?:第[0-9` + cnDigits + `十百千]+[款项])*(?:\s*[、，,和及与]\s*(?:第[0-9` + cnDigits + `十百千万]+条(?:之[一二三四五六七八九十]+)?(?:第[0-9` + cnDigits + `十百千]+[款项])*))*)?)(?:的规定|规定)?`)

var articleRe = regexp.MustCompile(`第([0-9` + cnDigits + `十百千万]+)条(之[一二三四五六七八九十]+)?`)

// checkCitations keeps in answer only the citations of articles that were
// retrieved (known maps each retrieved article to its citation as stored),
// removing invented ones. A sentence whose every citation is invented is
// removed whole: what it claims rests on nothing retrieved, and it must not
// stay as a bare assertion. It returns the cleaned answer and the citations
// that stood, in order, without repeats.
func checkCitations(answer string, known map[articleKey]Citation) (string, []Citation) {
	var cites []Citation
	seen := map[articleKey]bool{}
	var out strings.Builder
	for _, sentence := range splitSentences(answer) {
		invented, grounded := 0, 0
		cleaned := citeRe.ReplaceAllStringFunc(sentence, func(m string) string {
			sub := citeRe.FindStringSubmatch(m)
			law, arts := sub[1], sub[2]
			if arts == "" {
				// A law named without an article: fine when it is a retrieved law.
				for k := range known {
					if lawMatches(law, k.law) {
						return m
					}
				}
				invented++
				return ""
			}
			var kept []string
			for _, am := range articleRe.FindAllStringSubmatch(arts, -1) {
				k := articleKey{law: shortLaw(law), num: articleNumber(am[1]), suffix: am[2]}
				c, ok := lookupArticle(known, k)
				if !ok {
					invented++
					continue
				}
				grounded++
				kept = append(kept, c.Article)
				if ck := (articleKey{law: shortLaw(c.Law), num: k.num, suffix: k.suffix}); !seen[ck] {
					seen[ck] = true
					cites = append(cites, c)
				}
			}
			if len(kept) == 0 {
				return ""
			}
			prefix := ""
			for _, p := range []string{"根据", "依据", "依照", "按照"} {
				if strings.HasPrefix(m, p) {
					prefix = p
				}
			}
			suffix := ""
			switch {
			case strings.HasSuffix(m, "的规定"):
				suffix = "的规定"
			case strings.HasSuffix(m, "规定"):
				suffix = "规定"
			}
			return prefix + "《" + law + "》" + strings.Join(kept, "、") + suffix
		})
		if invented > 0 && grounded == 0 {
			if strings.HasSuffix(sentence, "\n") {
				out.WriteString("\n")
			}
			continue
		}
		out.WriteString(cleaned)
	}
	return tidyAfterRemoval(out.String()), cites
}

// splitSentences cuts s after every sentence end (。！？；, a line break),
// keeping it; the pieces join back to s. A line ending in a colon goes on
// into the next (根据…规定：\n拒不还钱的要坐牢。 is one sentence).
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '\n' {
			if line := strings.TrimRight(s[start:i], " \t"); strings.HasSuffix(line, "：") || strings.HasSuffix(line, ":") {
				continue
			}
		}
		if strings.ContainsRune("。！？；!?;\n", r) {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func lawMatches(cited, known string) bool {
	c, k := shortLaw(cited), shortLaw(known)
	if c == "" || k == "" {
		return false
	}
	return c == k || strings.Contains(k, c) || strings.Contains(c, k)
}

func lookupArticle(known map[articleKey]Citation, k articleKey) (Citation, bool) {
	if c, ok := known[k]; ok {
		return c, true
	}
	for kk, c := range known {
		if kk.num == k.num && kk.suffix == k.suffix && lawMatches(k.law, kk.law) {
			return c, true
		}
	}
	return Citation{}, false
}

// tidyAfterRemoval removes punctuation left behind by removed citations.
func tidyAfterRemoval(s string) string {
	for _, r := range []struct{ from, to string }{
		{"（）", ""}, {"()", ""}, {"，，", "，"}, {"，。", "。"}, {"、、", "、"}, {"、。", "。"},
		{"和。", "。"}, {"及。", "。"}, {"与。", "。"}, {"和，", "，"}, {"\n\n\n", "\n\n"},
		{"\n，", "\n"}, {"\n。", "\n"},
	} {
		for strings.Contains(s, r.from) {
			s = strings.ReplaceAll(s, r.from, r.to)
		}
	}
	return strings.TrimLeft(strings.TrimSpace(s), "，。、")
}
