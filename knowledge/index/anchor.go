package index

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/pufabot/pufabot/knowledge/chunk"
	"github.com/pufabot/pufabot/knowledge/cite"
	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// FAQ anchors. A curated FAQ entry is written in residents' words and names
// the articles it rests on ("《中华人民共和国民法典》第一千零七十九条"). When a
// question matches such an entry, the articles it cites are likely the
// answer too, even if they share no word with the question: the entry's
// citations work like anchor text in web search. Every FAQ entry admins add
// (by upload or by answering an unanswered question) so also teaches the
// index which articles residents' words point to. Law texts that cite
// another law's article (judicial interpretations: 依照民法典第五百七十七条)
// are anchors of that article too, with a smaller weight.

// kindFAQ is the Kind of curated question-and-answer chunks (chunk.KindFAQ).
const kindFAQ = "faq"

// articleNo finds the article numbers of a law text's reference.
var articleNo = regexp.MustCompile(`第[0-9零〇一二两三四五六七八九十百千万]+条(?:之[一二三四五六七八九十]+)?`)

// articleRef names one article of one law: the law-name field group and
// the article's number (第十条之一 → 10, 1), however it is printed
// (第八条, 第8条).
type articleRef struct {
	law      int32
	num, sub int32
}

// articleNumber parses an article as printed; ok is false for anything
// that is not 第…条.
func articleNumber(article string) (num, sub int32, ok bool) {
	n, sb, ok := chunk.ParseArticle(textnorm.Normalize(article))
	return int32(n), int32(sb), ok
}

// anchor is one article a chunk cites: the law as cited (normalised) and
// the article's number.
type anchor struct {
	law      string
	num, sub int32
	fromLaw  bool // a law text's reference (law may be a short name with words before it)
}

// citedArticles returns the articles an FAQ text cites, in order, without
// repeats, in the normalised script (Traditional → Simplified).
func citedArticles(text string) []anchor {
	var out []anchor
	seen := map[anchor]bool{}
	// 《最高人民法院关于适用〈中华人民共和国民法典〉…》 is printed with 《…》
	// inside the law names of the corpus.
	inner := strings.NewReplacer("〈", "《", "〉", "》")
	for _, r := range cite.Articles(textnorm.Normalize(text)) {
		num, sub, ok := articleNumber(r.Article)
		k := anchor{law: inner.Replace(r.Law), num: num, sub: sub}
		if ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// refRe finds references inside law texts to other laws' articles:
// 民法典第X条 / 依照民事诉讼法第X条 (a law by its short name, with the words
// before it; resolved against the laws in the index when searching).
var refRe = regexp.MustCompile(`([\p{Han}]{2,16}?(?:法典|法|条例))((?:第[0-9零〇一二两三四五六七八九十百千万]+条(?:之[一二三四五六七八九十]+)?(?:第[零〇一二三四五六七八九十]+[款项])*[、，,和及与至]?)+)`)

// chunkAnchors returns the articles a chunk cites: an FAQ entry's
// citations, and with lawRefs the references of a law text to articles.
func chunkAnchors(e Entry, lawRefs bool) []anchor {
	if e.Kind == kindFAQ {
		return citedArticles(e.Text)
	}
	if !lawRefs || e.Law == "" {
		return nil
	}
	// Most articles refer to no other law; the regular expression is the
	// slow part of a bulk load.
	if !strings.Contains(e.Text, "法第") && !strings.Contains(e.Text, "典第") && !strings.Contains(e.Text, "例第") {
		return nil
	}
	var out []anchor
	seen := map[anchor]bool{}
	text := textnorm.Normalize(e.Text)
	// Skip the chunk's own article number at its start.
	if i := strings.IndexAny(text, " 　"); i > 0 && i < 40 {
		text = text[i:]
	}
	for _, m := range refRe.FindAllStringSubmatch(text, -1) {
		law := m[1]
		if isSelfReference(law) {
			// A statute's references to its own articles (违反本法第十条
			// 规定的) cost recall@5 0.007 on the dev set: they are in
			// the same words as what they cite.
			continue
		}
		for _, a := range articleNo.FindAllString(m[2], -1) {
			num, sub, ok := articleNumber(a)
			k := anchor{law: law, num: num, sub: sub, fromLaw: true}
			if ok && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// isSelfReference reports whether the words before 第X条 end with 本法,
// 本条例 … (the citing law itself).
func isSelfReference(words string) bool {
	for _, self := range []string{"本法", "本条例", "本解释", "本规定", "本办法"} {
		if strings.HasSuffix(words, self) {
			return true
		}
	}
	return false
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

// citedGroup resolves the law an anchor names to its law-name group (-1:
// not in the index). An FAQ's 《…》 names the law, with or without the
// 中华人民共和国 prefix; a law text's reference is the longest tail of the
// words before 第X条 that names a law. Resolutions are cached until the
// next Add, so a search does no string work for them.
func (x *Index) citedGroup(c anchor) int32 {
	key := c.law
	if !c.fromLaw {
		key = "\x00" + c.law // the two kinds resolve differently
	}
	if g, ok := x.citedLaws.Load(key); ok {
		return g.(int32)
	}
	g := x.lawGroup(c.law)
	if c.fromLaw {
		for i := range c.law {
			if g = x.lawGroup(c.law[i:]); g >= 0 || len(c.law)-i <= 3 {
				break
			}
		}
	}
	x.citedLaws.Store(key, g)
	return g
}

// propagateAnchors adds to every article cited by one of the best
// (anchorTop) FAQ chunks that matched the query a share (anchorWeight) of
// that chunk's score, scaled by its score relative to the best matching
// FAQ chunk that cites an article (anchorFocus; an entry citing nothing
// passes nothing and sets no scale), and likewise for the best
// (lawAnchorTop) law chunks citing another law (lawAnchorWeight); the best
// bonus when several cite the same article. Retired documents (exclude)
// pass nothing on.
func (x *Index) propagateAnchors(acc *scoreBuf, exclude func(docID string) bool) {
	if x.p.anchorWeight == 0 && x.p.lawAnchorWeight == 0 || len(x.anchors) == 0 {
		return
	}
	// Citing chunks are a small share of the index; the chunks a query
	// touches may be most of it.
	var faqs, laws []int32
	for _, id := range x.anchorIDs {
		if acc.s[id] > 0 && x.alive[id] && (exclude == nil || !exclude(x.entries[id].DocID)) {
			if x.entries[id].Kind == kindFAQ {
				if x.p.anchorWeight > 0 {
					faqs = append(faqs, id)
				}
			} else if x.p.lawAnchorWeight > 0 {
				laws = append(laws, id)
			}
		}
	}
	if x.p.anchorTop > 0 && len(faqs) > x.p.anchorTop {
		faqs = topByScore(faqs, acc.s, x.p.anchorTop, func(int32) bool { return true })
	}
	if x.p.lawAnchorTop > 0 && len(laws) > x.p.lawAnchorTop {
		laws = topByScore(laws, acc.s, x.p.lawAnchorTop, func(int32) bool { return true })
	}
	var bestFAQ float32
	for _, id := range faqs {
		bestFAQ = max(bestFAQ, acc.s[id])
	}
	nFAQ := len(faqs)
	faqs = append(faqs, laws...)
	bonus := map[int32]float32{}
	for i, id := range faqs {
		cites := x.anchors[id]
		s := acc.s[id]
		if i < nFAQ && x.p.anchorFocus > 0 {
			s *= float32(math.Pow(float64(s/bestFAQ), x.p.anchorFocus))
		}
		for _, c := range cites {
			g, w := x.citedGroup(c), x.p.anchorWeight
			if c.fromLaw {
				w = x.p.lawAnchorWeight
			}
			if g < 0 {
				continue
			}
			b := float32(w) * s
			for _, target := range x.byArticle[articleRef{g, c.num, c.sub}] {
				if x.alive[target] && b > bonus[target] && target != id {
					bonus[target] = b
				}
			}
		}
	}
	// In id order: chunks of one article get equal bonuses, and which of
	// tied chunks makes a cut must not depend on map order.
	ids := make([]int32, 0, len(bonus))
	for id := range bonus {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if acc.s[id] == 0 {
			acc.touched = append(acc.touched, id)
		}
		acc.s[id] += bonus[id]
	}
}

// forgetAnchors drops a removed chunk from the anchor tables, so that
// removed documents cost searches nothing. The caller holds the write lock.
func (x *Index) forgetAnchors(id int32) {
	delete(x.anchors, id)
	e := &x.entries[id]
	if e.Law == "" || e.Article == "" {
		return
	}
	if num, sub, ok := articleNumber(e.Article); ok {
		ref := articleRef{x.lawOf[id], num, sub}
		x.byArticle[ref] = slices.DeleteFunc(x.byArticle[ref], func(t int32) bool { return t == id })
		if len(x.byArticle[ref]) == 0 {
			delete(x.byArticle, ref)
		}
	}
}
