package index

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/knowledge/embed"
)

// manyEntries repeats the test articles with their vectors, n copies each
// with their own chunk ids and text (a rare character of their own and a
// length of their own, so that no two chunks tie).
func manyEntries(t *testing.T, n int) ([]Entry, *embed.Local) {
	t.Helper()
	em := embed.NewLocal(64)
	var out []Entry
	for c := range n {
		for _, a := range articles {
			a.ChunkID = int64(c*len(articles)) + a.ChunkID
			a.DocID = fmt.Sprintf("%s-%d", a.DocID, c)
			a.Text += string(rune(0x9F00+c)) + strings.Repeat("村", c%7)
			out = append(out, a)
		}
	}
	texts := make([]string, len(out))
	for i, e := range out {
		texts[i] = e.Text
	}
	vecs, err := em.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range out {
		out[i].Vector = vecs[i]
	}
	return out, em
}

func batchesOf(es []Entry, size int) [][]Entry {
	var bs [][]Entry
	for len(es) > 0 {
		n := min(size, len(es))
		bs = append(bs, es[:n])
		es = es[n:]
	}
	return bs
}

// TestAddAllEqualsAddInOrder: AddAll of batches builds the same index as
// Add of the same batches one by one (same ids, same scores), hands every
// batch back in order, and the caller may then overwrite the batches.
func TestAddAllEqualsAddInOrder(t *testing.T) {
	es, em := manyEntries(t, 60)
	batches := batchesOf(es, 50)

	seq := New(em.Dim())
	for _, b := range batches {
		if err := seq.Add(b); err != nil {
			t.Fatal(err)
		}
	}

	// AddAll gets copies, which are scribbled over once handed back.
	all := New(em.Dim())
	ch := make(chan []Entry)
	go func() {
		defer close(ch)
		for _, b := range batches {
			cp := append([]Entry(nil), b...)
			for i := range cp {
				cp[i].Vector = append([]float32(nil), cp[i].Vector...)
			}
			ch <- cp
		}
	}()
	var done [][]Entry
	err := all.AddAll(ch, func(b []Entry) {
		done = append(done, append([]Entry(nil), b...))
		for i := range b {
			b[i].Text = "已覆盖"
			for j := range b[i].Vector {
				b[i].Vector[j] = 0
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != len(batches) {
		t.Fatalf("done called %d times, want %d", len(done), len(batches))
	}
	for i := range done {
		if done[i][0].ChunkID != batches[i][0].ChunkID {
			t.Fatalf("batch %d handed back out of order (first chunk %d, want %d)", i, done[i][0].ChunkID, batches[i][0].ChunkID)
		}
	}
	if all.Len() != seq.Len() || all.Len() != len(es) {
		t.Fatalf("Len = %d (AddAll), %d (Add), want %d", all.Len(), seq.Len(), len(es))
	}
	for _, q := range []string{"老公打我", "工资被拖欠", "交通事故赔偿", "离婚调解", "解除劳动合同补偿"} {
		want := search(t, seq, em, Query{Text: q, K: 10})
		got := search(t, all, em, Query{Text: q, K: 10})
		sameHits(t, q, got, want)
		if len(got) == 0 || got[0].Semantic == 0 || strings.Contains(got[0].Text, "已覆盖") {
			t.Fatalf("%s: hits %+v", q, got)
		}
	}
}

// TestAddAllStopsAtError: a batch that cannot be added fails AddAll; the
// batches after it are still handed back, and nothing of them is added.
func TestAddAllStopsAtError(t *testing.T) {
	es, em := manyEntries(t, 10)
	batches := batchesOf(es, 12)
	bad := append([]Entry(nil), batches[2]...)
	bad[3].Vector = bad[3].Vector[:10] // wrong size
	batches[2] = bad
	x := New(em.Dim())
	ch := make(chan []Entry, len(batches))
	for _, b := range batches {
		ch <- b
	}
	close(ch)
	n := 0
	err := x.AddAll(ch, func([]Entry) { n++ })
	if err == nil || !strings.Contains(err.Error(), "dimensions") {
		t.Fatalf("err = %v, want the wrong vector size", err)
	}
	if n != len(batches) {
		t.Fatalf("done called %d times, want %d", n, len(batches))
	}
	if x.Len() != 2*12 {
		t.Fatalf("Len = %d, want the %d chunks before the bad batch", x.Len(), 2*12)
	}
}

// TestGrowKeepsResults: announcing a bulk load's size changes how postings
// grow, not what is found.
func TestGrowKeepsResults(t *testing.T) {
	es, em := manyEntries(t, 200)
	plain, grown := New(em.Dim()), New(em.Dim())
	grown.Grow(len(es))
	for _, b := range batchesOf(es, 300) {
		if err := plain.Add(b); err != nil {
			t.Fatal(err)
		}
		if err := grown.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"家庭暴力", "劳动报酬", "强制保险"} {
		sameHits(t, q, search(t, grown, em, Query{Text: q, K: 20}), search(t, plain, em, Query{Text: q, K: 20}))
	}
}

// sameHits checks two hit lists name the same chunks in the same order
// with the same scores (up to float32 summation order, which a map's order
// varies from run to run).
func sameHits(t *testing.T, q string, got, want []Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d hits, want %d", q, len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.ChunkID != w.ChunkID || g.Text != w.Text || math.Abs(g.Score-w.Score) > 1e-6 ||
			math.Abs(g.Lexical-w.Lexical) > 1e-4 || math.Abs(g.Semantic-w.Semantic) > 1e-6 {
			t.Fatalf("%s: hit %d = %+v, want %+v", q, i, g, w)
		}
	}
}
