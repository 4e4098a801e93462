package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/pufabot/pufabot/knowledge/embed"
)

// articles are short law-like texts written for these tests.
var articles = []Entry{
	{ChunkID: 1, DocID: "fam", Kind: "law", Law: "示例婚姻家庭法", Article: "第一条", Chapter: "第一章 离婚", Text: "第一条 夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。"},
	{ChunkID: 2, DocID: "fam", Kind: "law", Law: "示例婚姻家庭法", Article: "第二条", Chapter: "第二章 家庭关系", Text: "第二条 禁止家庭暴力。禁止家庭成员间的虐待和遗弃。"},
	{ChunkID: 3, DocID: "labor", Kind: "law", Law: "示例劳动合同法", Article: "第三条", Chapter: "第一章 总则", Text: "第三条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。"},
	{ChunkID: 4, DocID: "labor", Kind: "law", Law: "示例劳动合同法", Article: "第四条", Chapter: "第二章 解除", Text: "第四条 用人单位解除劳动合同的，应当向劳动者支付经济补偿。"},
	{ChunkID: 5, DocID: "road", Kind: "law", Law: "示例道路交通安全法", Article: "第五条", Chapter: "第一章 事故", Text: "第五条 机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿。"},
	{ChunkID: 6, DocID: "faq1", Kind: "faq", Title: "工资被拖欠怎么办？", Text: "可以先与老板协商，协商不成向劳动保障监察机构投诉或者申请劳动仲裁。"},
}

func newTestIndex(t *testing.T, entries []Entry) (*Index, *embed.Local) {
	t.Helper()
	em := embed.NewLocal(64)
	texts := make([]string, len(entries))
	for i, e := range entries {
		texts[i] = e.Text
	}
	vecs, err := em.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	x := New(em.Dim())
	es := append([]Entry(nil), entries...)
	for i := range es {
		es[i].Vector = vecs[i]
	}
	if err := x.Add(es); err != nil {
		t.Fatalf("Add: %v", err)
	}
	return x, em
}

func search(t *testing.T, x *Index, em *embed.Local, q Query) []Hit {
	t.Helper()
	if em != nil {
		v, err := em.Embed(context.Background(), []string{q.Text})
		if err != nil {
			t.Fatal(err)
		}
		q.Vector = v[0]
	}
	hits, err := x.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return hits
}

func TestSearchFindsArticle(t *testing.T) {
	x, em := newTestIndex(t, articles)
	tests := []struct {
		name, q string
		want    int64
	}{
		{"exact words", "家庭暴力", 2},
		{"question with stop phrases", "请问公司解除劳动合同要给经济补偿吗？", 4},
		{"traffic", "出了交通事故保险公司赔不赔", 5},
		{"faq title", "工资被拖欠了怎么办", 6},
		{"traditional question", "夫妻一方要求離婚怎麼辦", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits := search(t, x, em, Query{Text: tc.q, K: 3})
			if len(hits) == 0 || hits[0].ChunkID != tc.want {
				t.Fatalf("Search(%q) top = %v, want chunk %d", tc.q, ids(hits), tc.want)
			}
			h := hits[0]
			if h.Score <= 0 || h.Score > 1 || h.Lexical <= 0 {
				t.Errorf("top hit scores = %.3f (lexical %.3f, semantic %.3f), want score in (0,1] and lexical > 0", h.Score, h.Lexical, h.Semantic)
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].Score > hits[i-1].Score {
					t.Errorf("hits not sorted by score: %v", hits)
				}
			}
		})
	}
}

func ids(hits []Hit) []int64 {
	out := make([]int64, len(hits))
	for i, h := range hits {
		out[i] = h.ChunkID
	}
	return out
}

func TestTraditionalAndSimplifiedMatchAlike(t *testing.T) {
	simp := []Entry{
		{ChunkID: 1, DocID: "s", Kind: "law", Law: "示例法", Article: "第一条", Text: "第一条 禁止家庭暴力。国家保护妇女、儿童和老年人的合法权益。"},
		{ChunkID: 2, DocID: "s", Kind: "law", Law: "示例法", Article: "第二条", Text: "第二条 机动车发生交通事故，由保险公司赔偿。"},
	}
	trad := []Entry{
		{ChunkID: 1, DocID: "t", Kind: "law", Law: "示例法", Article: "第一条", Text: "第一條 禁止家庭暴力。國家保護婦女、兒童和老年人的合法權益。"},
		{ChunkID: 2, DocID: "t", Kind: "law", Law: "示例法", Article: "第二条", Text: "第二條 機動車發生交通事故，由保險公司賠償。"},
	}
	xs, em := newTestIndex(t, simp)
	xt, _ := newTestIndex(t, trad)
	for _, q := range []string{"老年人的权益保护", "老年人的權益保護", "交通事故保险赔偿", "交通事故保險賠償"} {
		hs := search(t, xs, em, Query{Text: q, K: 2})
		ht := search(t, xt, em, Query{Text: q, K: 2})
		if len(hs) != len(ht) || len(hs) == 0 {
			t.Fatalf("%q: %d hits on Simplified, %d on Traditional", q, len(hs), len(ht))
		}
		for i := range hs {
			if hs[i].ChunkID != ht[i].ChunkID || fmt.Sprintf("%.6f", hs[i].Score) != fmt.Sprintf("%.6f", ht[i].Score) {
				t.Errorf("%q hit %d: Simplified chunk %d score %.6f, Traditional chunk %d score %.6f",
					q, i, hs[i].ChunkID, hs[i].Score, ht[i].ChunkID, ht[i].Score)
			}
		}
	}
}

func TestRemoveDocKindsAndExclude(t *testing.T) {
	x, em := newTestIndex(t, articles)
	if got := x.Len(); got != len(articles) {
		t.Fatalf("Len = %d, want %d", got, len(articles))
	}
	q := "工资 劳动报酬 拖欠"
	if hits := search(t, x, em, Query{Text: q, K: 10, Kinds: []string{"faq"}}); len(hits) != 1 || hits[0].Kind != "faq" {
		t.Errorf("Kinds=faq: got %v, want only chunk 6", ids(hits))
	}
	hits := search(t, x, em, Query{Text: q, K: 10, Exclude: func(d string) bool { return d == "labor" }})
	for _, h := range hits {
		if h.DocID == "labor" {
			t.Errorf("Exclude(labor): got chunk %d of labor", h.ChunkID)
		}
	}
	x.RemoveDoc("labor")
	if got := x.Len(); got != len(articles)-2 {
		t.Errorf("Len after RemoveDoc = %d, want %d", got, len(articles)-2)
	}
	for _, h := range search(t, x, em, Query{Text: q, K: 10}) {
		if h.DocID == "labor" {
			t.Errorf("after RemoveDoc(labor): got chunk %d", h.ChunkID)
		}
	}
	// Re-adding the document makes it findable again.
	if err := x.Add([]Entry{articles[2]}); err != nil {
		t.Fatal(err)
	}
	if hits := search(t, x, nil, Query{Text: "劳动报酬", K: 1}); len(hits) != 1 || hits[0].ChunkID != 3 {
		t.Errorf("after re-add: got %v, want [3]", ids(hits))
	}
}

func TestSearchEdgeCases(t *testing.T) {
	ctx := context.Background()
	empty := New(8)
	if hits, err := empty.Search(ctx, Query{Text: "离婚", Vector: make([]float32, 8), K: 5}); err != nil || len(hits) != 0 {
		t.Errorf("empty index: hits %v, err %v; want none, nil", hits, err)
	}
	x, em := newTestIndex(t, articles)
	if _, err := x.Search(ctx, Query{Text: "离婚", Vector: []float32{1, 2}}); err == nil {
		t.Error("query vector of wrong length: want error")
	}
	if err := x.Add([]Entry{{ChunkID: 9, DocID: "d", Text: "x", Vector: []float32{1}}}); err == nil {
		t.Error("entry vector of wrong length: want error")
	}
	// K above the collection size is clamped, not an error.
	hits := search(t, x, em, Query{Text: "离婚", K: 100})
	if len(hits) == 0 || len(hits) > len(articles) {
		t.Errorf("K=100: got %d hits, want 1..%d", len(hits), len(articles))
	}
	if hits := search(t, x, nil, Query{Text: "？！。", K: 5}); len(hits) != 0 {
		t.Errorf("punctuation-only query: got %v, want none", ids(hits))
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := x.Search(cctx, Query{Text: "离婚"}); err == nil {
		t.Error("cancelled context: want error")
	}
}

func TestVectorSearch(t *testing.T) {
	ctx := context.Background()
	x := New(3)
	err := x.Add([]Entry{
		{ChunkID: 1, DocID: "a", Kind: "law", Text: "甲乙丙", Vector: []float32{1, 0, 0}},
		{ChunkID: 2, DocID: "a", Kind: "law", Text: "丁戊己", Vector: []float32{0, 1, 0}},
		{ChunkID: 3, DocID: "b", Kind: "faq", Text: "庚辛壬", Vector: []float32{0, 0, 2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		limit int // SetVectorScanLimit; 0 leaves the default
		q     Query
		want  []int64
	}{
		{"no shared word: vectors find it", 0, Query{Text: "完全无关", Vector: []float32{0, 0.1, 0}, K: 1}, []int64{2}},
		{"unnormalised vectors compare by direction", 0, Query{Vector: []float32{0, 0, 5}, K: 1}, []int64{3}},
		{"words find fewer than K: vectors fill in", 0, Query{Text: "甲乙", Vector: []float32{0, 0, 1}, K: 2}, []int64{1, 3}},
		{"kinds apply to vector hits", 0, Query{Vector: []float32{0, 0, 1}, K: 3, Kinds: []string{"law"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := x.Search(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(hits)
			if tc.want == nil {
				for _, h := range hits {
					if h.Kind != "law" {
						t.Errorf("got %s hit %d with Kinds=[law]", h.Kind, h.ChunkID)
					}
				}
				return
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Search = %v, want %v", got, tc.want)
			}
		})
	}

	// Above the scan limit, vectors only re-rank the chunks the words found.
	x.SetVectorScanLimit(0)
	hits, err := x.Search(ctx, Query{Text: "甲乙 丁戊", Vector: []float32{0, 0, 1}, K: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.ChunkID == 3 {
			t.Errorf("scan limit 0 with enough lexical hits: got vector-only chunk 3 in %v", ids(hits))
		}
	}
	x.SetVectorScanLimit(-1)
	hits, _ = x.Search(ctx, Query{Text: "甲乙 丁戊", Vector: []float32{0, 0, 1}, K: 3})
	if len(hits) != 3 {
		t.Errorf("scan always: got %v, want all 3 chunks", ids(hits))
	}
}

func TestConcurrentAddAndSearch(t *testing.T) {
	x, em := newTestIndex(t, articles)
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 50; i++ {
			e := articles[i%len(articles)]
			e.ChunkID = int64(100 + i)
			e.DocID = fmt.Sprintf("extra%d", i%5)
			if err := x.Add([]Entry{e}); err != nil {
				t.Error(err)
				return
			}
			if i%7 == 0 {
				x.RemoveDoc(e.DocID)
			}
		}
	}()
	v, _ := em.Embed(ctx, []string{"家庭暴力"})
	for i := 0; i < 50; i++ {
		if _, err := x.Search(ctx, Query{Text: "家庭暴力 劳动报酬", Vector: v[0], K: 5}); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	if x.Len() < len(articles) {
		t.Errorf("Len = %d after concurrent adds, want at least %d", x.Len(), len(articles))
	}
}
