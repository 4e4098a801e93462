package knowledge

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge/index"
)

// TestDeferredIndexSeesEveryWrite opens with DeferIndex, writes while the
// index does not exist yet, and checks the index built on the first search
// holds exactly what the database holds — the same results as a base that
// built its index at Open.
func TestDeferredIndexSeesEveryWrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw, "通知.txt": testMaterial})
	db := storage.MustOpenTemp(t)
	b, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(),
		Options{Embedder: newCounting("c/64"), NoStarter: true, DeferIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := b.AddPaths(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddFAQ(ctx, "狗咬人谁负责", "饲养人或者管理人承担侵权责任。", ""); err != nil {
		t.Fatal(err)
	}
	var material string
	for _, d := range sum.Docs {
		if d.Kind == "material" {
			material = d.ID
		}
	}
	if err := b.Remove(ctx, material); err != nil {
		t.Fatal(err)
	}
	if b.idx != nil {
		t.Fatal("index built before the first search")
	}

	eager := openTest(t, db, newCounting("c/64"), true)
	for _, q := range []string{"宅基地", "借款期限", "狗咬人", "宣传月养犬"} {
		got := search(t, b, q, SearchOptions{K: 5, IncludeRetired: true})
		want := search(t, eager, q, SearchOptions{K: 5, IncludeRetired: true})
		if len(got) != len(want) {
			t.Fatalf("%s: deferred index gave %d results, eager %d:\n%+v\n%+v", q, len(got), len(want), got, want)
		}
		for i := range got {
			if got[i].ChunkID != want[i].ChunkID || math.Abs(got[i].Score-want[i].Score) > 1e-6 {
				t.Fatalf("%s: result %d = %+v, want %+v", q, i, got[i], want[i])
			}
		}
		for _, r := range got {
			if r.DocID == material {
				t.Fatalf("%s: removed document found: %+v", q, r)
			}
		}
	}
	if rs := search(t, b, "狗咬人", SearchOptions{K: 1}); len(rs) != 1 || rs[0].Kind != "faq" {
		t.Fatalf("FAQ added before the index was built not found: %+v", rs)
	}
	st, err := b.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != st.Chunks || st.Chunks == 0 {
		t.Fatalf("stats = %+v, want every chunk indexed", st)
	}
	// Writes after the build go to the index at once.
	if _, err := b.AddFAQ(ctx, "邻居占我宅基地怎么办", "可以找村委会调解。", ""); err != nil {
		t.Fatal(err)
	}
	if rs := search(t, b, "邻居占我宅基地", SearchOptions{K: 1}); len(rs) != 1 || rs[0].Kind != "faq" {
		t.Fatalf("FAQ added after the build not found: %+v", rs)
	}
}

// TestRebuiltIndexMatchesAcrossBatches loads more chunks than one start-up
// batch, so the rebuild at Open reuses its read buffers, and checks that
// every chunk comes back with its own text and vector.
func TestRebuiltIndexMatchesAcrossBatches(t *testing.T) {
	ctx := context.Background()
	n := indexBatch + indexBatch/2
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"大法.md": bigLaw(n)})
	db := storage.MustOpenTemp(t)
	b := openTest(t, db, newCounting("c/64"), true)
	start := time.Now()
	if _, err := b.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d chunks in %v", n, time.Since(start))
	rebuilt := openTest(t, db, newCounting("c/64"), true)
	if got := rebuilt.idx.Len(); got != n {
		t.Fatalf("rebuilt index has %d chunks, want %d", got, n)
	}
	// Chunks in the first batch, at the end of it, and in the second.
	for _, k := range []int{1, indexBatch - 1, indexBatch, indexBatch + 1, n} {
		q := articleWords(k)
		want := search(t, b, q, SearchOptions{K: 1})
		got := search(t, rebuilt, q, SearchOptions{K: 1})
		if len(got) != 1 || len(want) != 1 || got[0].ChunkID != want[0].ChunkID || got[0].Text != want[0].Text ||
			!strings.Contains(got[0].Text, q) {
			t.Fatalf("article %d (%s): rebuilt %+v, built while loading %+v", k, q, got, want)
		}
		// Vector only (no word of the query is in the corpus): the
		// chunk's own vector must be the one stored for it.
		vec, err := b.emb.Embed(ctx, []string{got[0].Text})
		if err != nil {
			t.Fatal(err)
		}
		hits, err := rebuilt.idx.Search(ctx, index.Query{Text: "ZZZ", Vector: vec[0], K: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ChunkID != got[0].ChunkID || hits[0].Semantic < 0.999 {
			t.Fatalf("article %d: vector search gave %+v, want chunk %d with cosine 1", k, hits, got[0].ChunkID)
		}
	}
}

// bigLaw is a law of n articles, each with words of its own.
func bigLaw(n int) string {
	var sb strings.Builder
	sb.WriteString("# 中华人民共和国大测试法\n\n<!-- INFO END -->\n\n")
	for k := 1; k <= n; k++ {
		fmt.Fprintf(&sb, "第%d条 %s的事项，由村民委员会依照本法办理。\n\n", k, articleWords(k))
	}
	return sb.String()
}

// articleWords spells k with distinct Han characters, one per decimal digit
// and place, so that each article has words no other article has.
func articleWords(k int) string {
	const digits = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥鼠牛虎兔龙蛇马羊猴鸡狗猪金木水火土"
	rs := []rune(digits)
	var sb strings.Builder
	for place := 0; k > 0; place++ {
		sb.WriteRune(rs[(k%10+place*10)%len(rs)])
		k /= 10
	}
	return sb.String()
}

// TestDeferredBuildWithConcurrentWrites searches from several goroutines
// (the first search builds the index) while FAQ entries are added and
// removed; run with -race. Afterwards the index holds exactly the FAQ
// entries the database holds.
func TestDeferredBuildWithConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw})
	db := storage.MustOpenTemp(t)
	b, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(),
		Options{Embedder: newCounting("c/64"), NoStarter: true, DeferIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan error, 8)
	for range 4 {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				if _, err := b.Search(ctx, "宅基地 测试问题", SearchOptions{K: 5}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var kept []string
	for i := range 20 {
		id, err := b.AddFAQ(ctx, fmt.Sprintf("测试问题%d", i), fmt.Sprintf("测试答案%d。", i), "")
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if err := b.Remove(ctx, id); err != nil {
				t.Fatal(err)
			}
			continue
		}
		kept = append(kept, id)
	}
	close(done)
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	rs := search(t, b, "测试问题", SearchOptions{K: 50, Kinds: []string{"faq"}})
	got := map[string]bool{}
	for _, r := range rs {
		got[r.DocID] = true
	}
	if len(got) != len(kept) {
		t.Errorf("index holds %d FAQ documents, database %d: %v", len(got), len(kept), rs)
	}
	for _, id := range kept {
		if !got[id] {
			t.Errorf("FAQ %s not in the index", id)
		}
	}
}
