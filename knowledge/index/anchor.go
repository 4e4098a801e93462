package index

import (
	"regexp"
	"slices"
	"strings"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// FAQ anchors. A curated FAQ entry is written in residents' words and names
// the articles it rests on ("《中华人民共和国民法典》第一千零七十九条"). When a
// question matches such an entry, the articles it cites are likely the
// answer too, even if they share no word with the question: the entry's
// citations work like anchor text in web search. Every FAQ entry admins add
// (by upload or by answering an unanswered question) so also teaches the
// index which articles residents' words point to.

// kindFAQ is the Kind of curated question-and-answer chunks (chunk.KindFAQ).
const kindFAQ = "faq"

// anchorRe finds 《Law》第X条 and the further articles listed after it
// (、第Y条), and 同法第Z条 (the law cited just before).
var (
	anchorRe  = regexp.MustCompile(`(《[^《》\n]{1,60}》|同法)((?:第[0-9零〇一二两三四五六七八九十百千万]+条(?:之[一二三四五六七八九十]+)?(?:第[零〇一二三四五六七八九十]+[款项])*[、，,和及与]?)+)`)
	articleNo = regexp.MustCompile(`第[0-9零〇一二两三四五六七八九十百千万]+条(?:之[一二三四五六七八九十]+)?`)
)

// anchor is one article an FAQ entry cites: the law as cited (normalised)
// and the article as printed.
type anchor struct {
	law, article string
}

// citedArticles returns the articles an FAQ text cites, in order, without
// repeats, in the normalised script (Traditional → Simplified).
func citedArticles(text string) []anchor {
	var out []anchor
	seen := map[anchor]bool{}
	last := ""
	for _, m := range anchorRe.FindAllStringSubmatch(textnorm.Normalize(text), -1) {
		law := m[1]
		if law == "同法" {
			if last == "" {
				continue
			}
			law = last
		} else {
			law = strings.Trim(law, "《》")
			// 《最高人民法院关于适用〈中华人民共和国民法典〉…》 is printed
			// with 《…》 inside the law names of the corpus.
			law = strings.NewReplacer("〈", "《", "〉", "》").Replace(law)
			last = law
		}
		for _, a := range articleNo.FindAllString(m[2], -1) {
			k := anchor{law: law, article: a}
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// lawGroup returns the law-name group of a cited law, whether it was cited
// with or without the 中华人民共和国 prefix; -1 when no chunk carries it.
func (x *Index) lawGroup(law string) int32 {
	if g, ok := x.laws.ids[law]; ok {
		return g
	}
	if g, ok := x.laws.ids["中华人民共和国"+law]; ok {
		return g
	}
	return -1
}

// propagateAnchors adds to every article cited by one of the best
// (anchorTop) FAQ chunks that matched the query a share (anchorWeight) of
// that chunk's score, the best one when several cite the same article.
// Retired FAQ entries (exclude) pass nothing on.
func (x *Index) propagateAnchors(acc *scoreBuf, exclude func(docID string) bool) {
	if x.p.anchorWeight == 0 || len(x.anchors) == 0 {
		return
	}
	// FAQ chunks are few; the chunks a query touches may be most of the
	// index.
	var faqs []int32
	for id := range x.anchors {
		if acc.s[id] > 0 && x.alive[id] && (exclude == nil || !exclude(x.entries[id].DocID)) {
			faqs = append(faqs, id)
		}
	}
	slices.Sort(faqs) // map order is random; ties must not be
	if x.p.anchorTop > 0 && len(faqs) > x.p.anchorTop {
		faqs = topByScore(faqs, acc.s, x.p.anchorTop, func(int32) bool { return true })
	}
	bonus := map[int32]float32{}
	for _, id := range faqs {
		cites := x.anchors[id]
		s := acc.s[id]
		for _, c := range cites {
			g := x.lawGroup(c.law)
			if g < 0 {
				continue
			}
			for _, target := range x.byArticle[c.article] {
				if x.lawOf[target] == g && x.alive[target] && s > bonus[target] {
					bonus[target] = s
				}
			}
		}
	}
	w := float32(x.p.anchorWeight)
	for id, b := range bonus {
		if acc.s[id] == 0 {
			acc.touched = append(acc.touched, id)
		}
		acc.s[id] += w * b
	}
}
