package index

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"
)

func TestCitedArticles(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []anchor
	}{
		{"full name", "依据是《中华人民共和国民法典》第一千零七十九条。",
			[]anchor{faqRef("中华人民共和国民法典", "第一千零七十九条")}},
		{"list and 同法", "见《中华人民共和国劳动合同法》第四十六条、第四十七条；没签合同的见同法第八十二条。",
			[]anchor{faqRef("中华人民共和国劳动合同法", "第四十六条"), faqRef("中华人民共和国劳动合同法", "第四十七条"), faqRef("中华人民共和国劳动合同法", "第八十二条")}},
		{"paragraph and inserted article", "《刑法》第二百六十六条第一款和第一百三十三条之一",
			[]anchor{faqRef("刑法", "第二百六十六条"), faqRef("刑法", "第一百三十三条之一")}},
		{"interpretation with inner brackets", "《最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）》第五条",
			[]anchor{faqRef("最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）", "第五条")}},
		{"repeat counted once", "《民法典》第十条，再看《民法典》第十条。", []anchor{faqRef("民法典", "第十条")}},
		{"同法 with no law before", "同法第三条", nil},
		{"同解释", "《最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释》第十二条，同解释第十五条。",
			[]anchor{faqRef("最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释", "第十二条"), faqRef("最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释", "第十五条")}},
		{"同法 after a law named without an article", "《中华人民共和国劳动合同法》规定要签书面合同，没签的见同法第八十二条。",
			[]anchor{faqRef("中华人民共和国劳动合同法", "第八十二条")}},
		{"同条例", "《工伤保险条例》第十四条，期限见同条例第十七条。",
			[]anchor{faqRef("工伤保险条例", "第十四条"), faqRef("工伤保险条例", "第十七条")}},
		{"law named without article", "《中华人民共和国民法典》规定了这件事。", nil},
		{"traditional script", "《中華人民共和國民法典》第一千零七十九條", []anchor{faqRef("中华人民共和国民法典", "第一千零七十九条")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := citedArticles(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("citedArticles(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// anchorEntries are an article that shares no word with the question and
// an FAQ entry, in residents' words, that cites it.
var anchorEntries = []Entry{
	{ChunkID: 1, DocID: "civil", Kind: "law", Law: "中华人民共和国示例法", Article: "第八条", Chapter: "第一章 债", Text: "第八条 当事人一方不履行合同义务的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。"},
	{ChunkID: 2, DocID: "civil", Kind: "law", Law: "中华人民共和国示例法", Article: "第九条", Chapter: "第一章 债", Text: "第九条 租赁期限届满，承租人应当返还租赁物。"},
	{ChunkID: 3, DocID: "other", Kind: "law", Law: "示例条例", Article: "第八条", Chapter: "第一章 总则", Text: "第八条 装修工程的质量由施工单位负责。"},
	{ChunkID: 4, DocID: "faq", Kind: "faq", Title: "活干到半截人跑了，能要赔钱吗？",
		Text: "问：活干到半截人跑了，能要赔钱吗？\n答：对方说话不算数，可以要求他接着干或者赔钱，见《示例法》第八条。"},
}

func TestFAQAnchorsLiftCitedArticle(t *testing.T) {
	q := "活干到半截他跑路" // no character in common with the articles
	x, _ := newTestIndex(t, anchorEntries)
	hits := search(t, x, nil, Query{Text: q, K: 5, Kinds: []string{"law"}})
	if len(hits) == 0 || hits[0].Law != "中华人民共和国示例法" || hits[0].Article != "第八条" {
		t.Fatalf("with the FAQ anchor: hits %v, want 《中华人民共和国示例法》第八条 first", hitNames(hits))
	}
	// The same-numbered article of another law gets nothing.
	for _, h := range hits {
		if h.Law == "示例条例" {
			t.Errorf("示例条例 第八条 found through an anchor naming another law: %v", hitNames(hits))
		}
	}

	// Without the FAQ entry, or with it retired, the article is not found.
	x2, _ := newTestIndex(t, anchorEntries[:3])
	if hits := search(t, x2, nil, Query{Text: q, K: 5, Kinds: []string{"law"}}); len(hits) != 0 {
		t.Errorf("without the FAQ: hits %v, want none (no shared words)", hitNames(hits))
	}
	retired := func(doc string) bool { return doc == "faq" }
	if hits := search(t, x, nil, Query{Text: q, K: 5, Kinds: []string{"law"}, Exclude: retired}); len(hits) != 0 {
		t.Errorf("FAQ retired: hits %v, want none", hitNames(hits))
	}
	// Removing the cited law's document leaves the anchor pointing nowhere.
	x.RemoveDoc("civil")
	for _, h := range search(t, x, nil, Query{Text: q, K: 5}) {
		if h.DocID == "civil" {
			t.Errorf("removed document found through an anchor: %v", h)
		}
	}
}

// TestFAQAnchorFocus: an FAQ entry that matches the question only by a
// shared word passes on a share of its bonus in proportion to how close it
// comes to the best-matching entry; the best entry passes its full share.
func TestFAQAnchorFocus(t *testing.T) {
	weak := Entry{ChunkID: 5, DocID: "faq", Kind: "faq", Title: "借的农具用到半截坏了怎么办？",
		Text: "问：借的农具用到半截坏了怎么办？\n答：用完要还，弄坏了要修好或者折价赔，见《示例法》第九条。"}
	entries := append(slices.Clone(anchorEntries), weak)
	q := Query{Text: "活干到半截他跑路", K: 5, Kinds: []string{"law"}}
	scores := func(focus float64) (rule, lease float64) {
		x, _ := newTestIndex(t, entries)
		x.p.anchorFocus = focus
		for _, h := range search(t, x, nil, q) {
			switch h.Law + h.Article {
			case "中华人民共和国示例法第八条":
				rule = h.Lexical
			case "中华人民共和国示例法第九条":
				lease = h.Lexical
			}
		}
		return rule, lease
	}
	rule0, lease0 := scores(0)
	rule1, lease1 := scores(1)
	if rule0 == 0 || lease0 == 0 {
		t.Fatalf("without focus: 第八条 %.3f, 第九条 %.3f; want both lifted by their entries", rule0, lease0)
	}
	if math.Abs(rule1-rule0) > 1e-5*rule0 {
		t.Errorf("best entry's article: %.9f with focus, %.9f without; want the same", rule1, rule0)
	}
	// The weak entry's bonus shrinks by its score relative to the best.
	if ratio, want := lease1/lease0, lease0/rule0; lease1 >= lease0 || math.Abs(ratio-want) > 0.01 {
		t.Errorf("weak entry's article: %.3f with focus, %.3f without (ratio %.3f); want ratio %.3f", lease1, lease0, ratio, want)
	}
}

// TestFAQAnchorsAddedBeforeLaw: an FAQ loaded before the law it cites
// (the starter FAQ of an empty knowledge base) still points at it.
func TestFAQAnchorsAddedBeforeLaw(t *testing.T) {
	x, _ := newTestIndex(t, anchorEntries[3:])
	if err := x.Add(anchorEntries[:3]); err != nil {
		t.Fatal(err)
	}
	hits := search(t, x, nil, Query{Text: "活干到半截他跑路", K: 3, Kinds: []string{"law"}})
	if len(hits) == 0 || hits[0].Article != "第八条" || hits[0].Law != "中华人民共和国示例法" {
		t.Fatalf("hits %v, want 《中华人民共和国示例法》第八条 first", hitNames(hits))
	}
}

// faqRef and lawRef are the anchors of an FAQ citation and of a law
// text's reference, with the article as printed.
func faqRef(law, article string) anchor {
	num, sub, _ := articleNumber(article)
	return anchor{law: law, num: num, sub: sub}
}

func lawRef(law, article string) anchor {
	a := faqRef(law, article)
	a.fromLaw = true
	return a
}

func hitNames(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Law+h.Article)
	}
	return out
}

func TestChunkAnchorsOfLawText(t *testing.T) {
	tests := []struct {
		name string
		e    Entry
		want []anchor
	}{
		{"references to the law itself are not anchors",
			Entry{Kind: "law", Law: "中华人民共和国劳动合同法", Article: "第八十二条", Text: "第八十二条 用人单位违反本法第十条规定，未与劳动者订立书面劳动合同的……"},
			nil},
		{"own article number at the start is not a reference",
			Entry{Kind: "law", Law: "示例法", Article: "第三条", Text: "第三条 依照刑法第二十条处理。"},
			[]anchor{lawRef("依照刑法", "第二十条")}},
		{"short name after a verb, two articles",
			Entry{Kind: "law", Law: "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）", Article: "第三条", Text: "第三条 当事人依照民法典第一千零九十一条、第一千零九十二条提起诉讼的……"},
			[]anchor{lawRef("当事人依照民法典", "第一千零九十一条"), lawRef("当事人依照民法典", "第一千零九十二条")}},
		{"no reference", Entry{Kind: "law", Law: "示例法", Article: "第一条", Text: "第一条 禁止家庭暴力。"}, nil},
		{"material is not a law", Entry{Kind: "material", Text: "依照本法第十条"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chunkAnchors(tt.e, true); !slices.Equal(got, tt.want) {
				t.Errorf("chunkAnchors = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLawReferencesLiftCitedArticle: an interpretation written in concrete
// words refers to the statute article by its short name; a question in
// those words finds the statute article too.
func TestLawReferencesLiftCitedArticle(t *testing.T) {
	entries := []Entry{
		{ChunkID: 1, DocID: "code", Kind: "law", Law: "中华人民共和国示例法典", Article: "第九十条", Chapter: "第一章 债", Text: "第九十条 当事人一方不履行合同义务的，应当承担违约责任。"},
		{ChunkID: 2, DocID: "interp", Kind: "law", Law: "最高人民法院关于适用示例法典的解释", Article: "第二条", Chapter: "一、买卖", Text: "第二条 出卖人交付的拖拉机不能耕地，买受人依照示例法典第九十条请求赔偿的，人民法院应予支持。"},
		{ChunkID: 3, DocID: "other", Kind: "law", Law: "示例农机条例", Article: "第九十条", Chapter: "第一章 总则", Text: "第九十条 农机推广站负责培训。"},
	}
	q := "买的拖拉机不能耕地"
	x, _ := newTestIndex(t, entries)
	hits := search(t, x, nil, Query{Text: q, K: 3})
	if len(hits) < 2 || hits[1].Law != "中华人民共和国示例法典" || hits[1].Article != "第九十条" {
		t.Fatalf("hits %v, want the interpretation then 《中华人民共和国示例法典》第九十条", hitNames(hits))
	}
	for _, h := range hits {
		if h.Law == "示例农机条例" {
			t.Errorf("the same article number of another law was lifted: %v", hitNames(hits))
		}
	}
	x.p.lawAnchorWeight = 0
	for _, h := range search(t, x, nil, Query{Text: q, K: 3}) {
		if h.DocID == "code" {
			t.Errorf("without references the statute article shares no word with the question, yet was found: %v", h)
		}
	}
}

// TestAnchorsMatchArticleNumbersHoweverPrinted: material printed 第8条 is
// the article an FAQ cites as 第八条.
func TestAnchorsMatchArticleNumbersHoweverPrinted(t *testing.T) {
	entries := append([]Entry(nil), anchorEntries...)
	entries[0].Article = "第8条"
	entries[0].Text = "第8条 当事人一方不履行合同义务的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。"
	x, _ := newTestIndex(t, entries)
	hits := search(t, x, nil, Query{Text: "活干到半截他跑路", K: 3, Kinds: []string{"law"}})
	if len(hits) == 0 || hits[0].Article != "第8条" {
		t.Fatalf("hits %v, want 《中华人民共和国示例法》第8条 lifted by the FAQ citing 第八条", hitNames(hits))
	}
}

// TestRemovedFAQLeavesNoAnchors: replacing an FAQ document again and
// again leaves one set of anchors, not one per version.
func TestRemovedFAQLeavesNoAnchors(t *testing.T) {
	x, _ := newTestIndex(t, anchorEntries)
	for range 20 {
		x.RemoveDoc("faq")
		if err := x.Add(anchorEntries[3:]); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(x.anchorIDs); n != 1 || len(x.anchors) != 1 {
		t.Errorf("after 20 replacements: %d anchor ids, %d anchored chunks; want 1", n, len(x.anchors))
	}
	x.RemoveDoc("faq")
	if len(x.anchorIDs) != 0 || len(x.anchors) != 0 {
		t.Errorf("FAQ removed: %d anchor ids left", len(x.anchorIDs))
	}
	x.RemoveDoc("civil")
	for ref, ids := range x.byArticle {
		for _, id := range ids {
			if !x.alive[id] {
				t.Errorf("byArticle %v still lists removed chunk %d", ref, id)
			}
		}
	}
}

// TestLawReferencesWorkWithoutFAQAnchors: the two anchor kinds have their
// own weights.
func TestLawReferencesWorkWithoutFAQAnchors(t *testing.T) {
	entries := []Entry{
		{ChunkID: 1, DocID: "code", Kind: "law", Law: "中华人民共和国示例法典", Article: "第九十条", Text: "第九十条 当事人一方不履行合同义务的，应当承担违约责任。"},
		{ChunkID: 2, DocID: "interp", Kind: "law", Law: "最高人民法院关于适用示例法典的解释", Article: "第二条", Text: "第二条 出卖人交付的拖拉机不能耕地，买受人依照示例法典第九十条请求赔偿的，人民法院应予支持。"},
	}
	x, _ := newTestIndex(t, entries)
	x.p.anchorWeight = 0
	hits := search(t, x, nil, Query{Text: "买的拖拉机不能耕地", K: 3})
	if len(hits) != 2 || hits[1].DocID != "code" {
		t.Errorf("FAQ anchors off: hits %v, want the statute article through the reference", hitNames(hits))
	}
}

// TestDropBatchUndoesAnInsert: what insert does when chromem-go refuses a
// vector — the batch leaves no trace a search or the vector count sees.
func TestDropBatchUndoesAnInsert(t *testing.T) {
	x, em := newTestIndex(t, articles[:3])
	before := search(t, x, em, Query{Text: "交通事故 保险公司赔偿", K: 5})
	es := append([]Entry(nil), articles[3:]...)
	for i := range es {
		v, _ := em.Embed(context.Background(), []string{es[i].Text})
		es[i].Vector = v[0]
	}
	if err := x.Add(es); err != nil {
		t.Fatal(err)
	}
	x.mu.Lock()
	x.dropBatch(3)
	x.mu.Unlock()
	if x.Len() != 3 || x.nVecs != 3 || x.coll.Count() != 3 {
		t.Errorf("after dropBatch: %d chunks, %d vectors, %d in chromem-go; want 3 each", x.Len(), x.nVecs, x.coll.Count())
	}
	after := search(t, x, em, Query{Text: "交通事故 保险公司赔偿", K: 5})
	if len(after) != len(before) {
		t.Errorf("hits after dropBatch %v, before the batch %v", hitNames(after), hitNames(before))
	}
	for _, h := range after {
		if h.ChunkID > 3 {
			t.Errorf("dropped chunk %d found", h.ChunkID)
		}
	}
}

// TestStarterFAQAnchorsResolve: every article the starter FAQ cites is
// found in corpus/laws by the index, so each citation can lift its article
// (a title printed differently from the law's would silently anchor
// nothing). Needs ../shared.
func TestStarterFAQAnchorsResolve(t *testing.T) {
	shared := sharedDir(t)
	entries := corpusEntries(t, filepath.Join(shared, "corpus", "laws"))
	entries = append(entries, starterEntries(len(entries))...)
	x := New(8)
	if err := x.Add(entries); err != nil {
		t.Fatal(err)
	}
	n := 0
	for id, cites := range x.anchors {
		if x.entries[id].Kind != kindFAQ {
			continue
		}
		for _, c := range cites {
			n++
			g := x.citedGroup(c)
			if g < 0 || len(x.byArticle[articleRef{g, c.num, c.sub}]) == 0 {
				t.Errorf("%q cites %s article %d (sub %d), which the index does not find", x.entries[id].Title, c.law, c.num, c.sub)
			}
		}
	}
	if n < 800 {
		t.Errorf("only %d FAQ citations read; want the starter FAQ's (800+)", n)
	}
}
