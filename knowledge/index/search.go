package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// Search returns the best K chunks for the query, best first. A query with
// neither matching terms nor a vector returns no hits.
func (x *Index) Search(ctx context.Context, q Query) ([]Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("index search: %w", err)
	}
	if q.Vector != nil && len(q.Vector) != x.dim {
		return nil, fmt.Errorf("index search: query vector has %d dimensions, want %d", len(q.Vector), x.dim)
	}
	k := q.K
	if k <= 0 {
		k = 5
	}
	qt := x.queryTerms(q.Text, q.Expansion)
	var qv []float32
	if q.Vector != nil {
		qv = normalized(q.Vector)
	}

	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.nAlive == 0 {
		return nil, nil
	}
	acc := x.getScores(len(x.entries))
	defer x.putScores(acc)
	x.lexical(qt, acc, q.Exclude)

	keep := func(id int32) bool {
		if !x.alive[id] {
			return false
		}
		e := &x.entries[id]
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, e.Kind) {
			return false
		}
		return q.Exclude == nil || !q.Exclude(e.DocID)
	}
	m := max(x.p.candidates, k)
	lexIDs := topByScore(acc.touched, acc.s, m, keep)
	if x.p.phraseBoost > 0 {
		lexIDs = x.phraseRerank(q.Text, lexIDs, acc.s)
	}

	var semIDs []int32
	// chromem-go scans every vector (exhaustive search). Within the scan
	// budget, or when the words found too few chunks, it supplies vector
	// candidates; beyond it, the vectors only re-rank the lexical
	// candidates (identical dev-set results with the local embedder, and
	// the latency goal met at 140,000 chunks).
	scan := x.nVecs*x.dim <= x.p.scanBudget || len(lexIDs) < k
	if qv != nil && x.nVecs > 0 && !x.p.noVectorScan && scan {
		res, err := x.coll.QueryEmbedding(ctx, qv, min(m, x.nVecs), nil, nil)
		if err != nil {
			return nil, fmt.Errorf("index search: vectors: %w", err)
		}
		for _, r := range res {
			id, err := strconv.Atoi(r.ID)
			if err != nil || !keep(int32(id)) {
				continue
			}
			semIDs = append(semIDs, int32(id))
		}
	}
	return x.fuse(acc.s, qv, lexIDs, semIDs, k), nil
}

// lexical puts every chunk's lexical score for the query terms in acc:
// BM25 over the text and the law-name and chapter fields, optionally
// the articles cited by matching FAQ entries, optionally a second pass with
// pseudo-relevance feedback terms, then the law priors.
func (x *Index) lexical(qt map[uint64]float64, acc *scoreBuf, exclude func(docID string) bool) {
	x.bm25(qt, acc)
	x.propagateAnchors(acc, exclude)
	if x.p.prfDocs > 0 && len(acc.touched) > 0 {
		if fb := x.feedback(qt, acc); len(fb) > 0 {
			acc.reset()
			x.bm25(fb, acc)
		}
	}
	x.priors(acc)
}

// feedback returns the query terms plus the best terms of the top
// first-pass chunks (pseudo-relevance feedback, RM3-like).
func (x *Index) feedback(qt map[uint64]float64, acc *scoreBuf) map[uint64]float64 {
	top := topByScore(acc.touched, acc.s, x.p.prfDocs, func(id int32) bool { return x.alive[id] })
	if len(top) == 0 {
		return nil
	}
	n := float64(x.nAlive)
	weight := map[uint64]float64{}
	for _, id := range top {
		counts := map[uint64]float64{}
		var total float64
		tokenize(textnorm.Normalize(indexText(x.entries[id])), x.p.unigrams, func(k uint64) { counts[k]++; total++ })
		for k, c := range counts {
			weight[k] += c / total
		}
	}
	type tw struct {
		k uint64
		w float64
	}
	var cands []tw
	for k, w := range weight {
		if _, ok := qt[k]; ok {
			continue
		}
		t, ok := x.terms[k]
		if !ok {
			continue
		}
		df := float64(len(x.postings[t]))
		if df > x.p.maxDFRatio*n || df < 2 {
			continue
		}
		cands = append(cands, tw{k, w * bm25IDF(n, df)})
	}
	sort.Slice(cands, func(i, j int) bool {
		return cands[i].w > cands[j].w || cands[i].w == cands[j].w && cands[i].k < cands[j].k
	})
	if len(cands) > x.p.prfTerms {
		cands = cands[:x.p.prfTerms]
	}
	out := make(map[uint64]float64, len(qt)+len(cands))
	for k, w := range qt {
		out[k] = w
	}
	if len(cands) == 0 {
		return out
	}
	top1 := cands[0].w
	for _, c := range cands {
		out[c.k] = x.p.prfWeight * c.w / top1
	}
	return out
}

// priors applies the law-level priors: a factor for judicial
// interpretations (residents are better served by the statute itself) and
// a boost for chunks of the laws that match the query best overall.
func (x *Index) priors(acc *scoreBuf) {
	if x.p.neighbour > 0 {
		x.smooth(acc)
	}
	if x.p.interpFactor != 1 {
		for _, id := range acc.touched {
			if g := x.lawOf[id]; g >= 0 && x.laws.interp[g] {
				acc.s[id] *= float32(x.p.interpFactor)
			}
		}
	}
	if x.p.lawAgg == 0 {
		return
	}
	// Sum of the best three chunk scores of each law.
	best := map[int32]*[3]float32{}
	for _, id := range acc.touched {
		g := x.lawOf[id]
		if g < 0 || !x.alive[id] {
			continue
		}
		b := best[g]
		if b == nil {
			b = &[3]float32{}
			best[g] = b
		}
		v := acc.s[id]
		for i := range b {
			if v > b[i] {
				v, b[i] = b[i], v
			}
		}
	}
	for _, id := range acc.touched {
		if b := best[x.lawOf[id]]; b != nil {
			acc.s[id] += float32(x.p.lawAgg) * (b[0] + b[1] + b[2]) / 3
		}
	}
}

// smooth adds to each chunk a share of its neighbours' scores (the
// articles before and after it in the same document): neighbouring articles
// share a topic, and a question often touches several of them.
func (x *Index) smooth(acc *scoreBuf) {
	orig := make(map[int32]float32, len(acc.touched))
	for _, id := range acc.touched {
		orig[id] = acc.s[id]
	}
	lam := float32(x.p.neighbour) / 2
	for id, v := range orig {
		for _, nb := range [2]int32{id - 1, id + 1} {
			if nb < 0 || int(nb) >= len(x.entries) || x.entries[nb].DocID != x.entries[id].DocID {
				continue
			}
			if acc.s[nb] == 0 {
				acc.touched = append(acc.touched, nb)
			}
			acc.s[nb] += lam * v
		}
	}
}

// bm25 adds every chunk's BM25 score for the query terms to acc.
func (x *Index) bm25(qt map[uint64]float64, acc *scoreBuf) {
	n := float64(x.nAlive)
	k1, b := x.p.k1, x.p.b
	for key, qw := range qt {
		t, ok := x.terms[key]
		if !ok {
			continue
		}
		ps := x.postings[t]
		df := float64(len(ps))
		if df > x.p.maxDFRatio*n {
			continue // a near-stopword: costs most, says least
		}
		if df < x.p.minDF {
			continue
		}
		if key&wordBit == 0 && uint32(key) == 0 && df > x.p.maxUnigramDF*n {
			continue // common characters: bigrams carry them better
		}
		w := float32(qw * min(bm25IDF(n, df), x.p.maxIDF) * (k1 + 1))
		s, norm := acc.s, x.norm
		for _, p := range ps {
			id := int32(p >> 8)
			tf := float32(p & 255)
			if s[id] == 0 {
				acc.touched = append(acc.touched, id)
			}
			s[id] += w * tf / (tf + norm[id])
		}
	}
	if x.p.lawWeight == 0 && x.p.chapterWeight == 0 {
		return
	}
	var lawS, chapS []float64
	if x.p.lawWeight > 0 {
		lawS = x.laws.scores(qt, k1, b)
	}
	if x.p.chapterWeight > 0 {
		chapS = x.chapters.scores(qt, k1, b)
	}
	for _, id := range acc.touched {
		if g := x.lawOf[id]; lawS != nil && g >= 0 {
			acc.s[id] += float32(x.p.lawWeight * lawS[g])
		}
		if g := x.chapOf[id]; chapS != nil && g >= 0 {
			acc.s[id] += float32(x.p.chapterWeight * chapS[g])
		}
	}
}

// fuse merges the lexical and vector candidates into the top k hits.
func (x *Index) fuse(lex []float32, qv []float32, lexIDs, semIDs []int32, k int) []Hit {
	type cand struct {
		id       int32
		lex, sem float64
		score    float64
		rrf      float64
	}
	byID := make(map[int32]*cand, len(lexIDs)+len(semIDs))
	get := func(id int32) *cand {
		c, ok := byID[id]
		if !ok {
			c = &cand{id: id, lex: float64(lex[id])}
			if qv != nil && x.vecs[id] != nil {
				c.sem = dot(qv, x.vecs[id])
			}
			byID[id] = c
		}
		return c
	}
	const rrfK = 60
	for r, id := range lexIDs {
		get(id).rrf += 1 / float64(rrfK+r+1)
	}
	for r, id := range semIDs {
		get(id).rrf += 1 / float64(rrfK+r+1)
	}
	cands := make([]*cand, 0, len(byID))
	for _, c := range byID {
		lexPart := c.lex / (c.lex + x.p.lexHalf)
		if qv == nil {
			c.score = lexPart
		} else {
			c.score = x.p.lexWeight*lexPart + (1-x.p.lexWeight)*math.Max(c.sem, 0)
		}
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if x.p.rrf && a.rrf != b.rrf {
			return a.rrf > b.rrf
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.id < b.id
	})
	if len(cands) > k {
		cands = cands[:k]
	}
	hits := make([]Hit, len(cands))
	for i, c := range cands {
		hits[i] = Hit{Entry: x.entries[c.id], Score: c.score, Lexical: c.lex, Semantic: c.sem}
	}
	return hits
}

// phraseRerank multiplies the lexical score of each candidate by
// 1 + phraseBoost·f, where f is the share of the question's character
// trigrams found in the chunk: BM25 over bigrams ignores word order, and a
// longer shared phrase (重大误解, 高度危险作业) is strong evidence.
func (x *Index) phraseRerank(text string, ids []int32, s []float32) []int32 {
	q := stripStopPhrases(textnorm.Normalize(text), x.p.stop)
	tris := map[string]bool{}
	for _, run := range hanRuns(q) {
		for i := 0; i+3 <= len(run); i++ {
			tris[string(run[i:i+3])] = true
		}
	}
	if len(tris) == 0 {
		return ids
	}
	for _, id := range ids {
		doc := textnorm.Normalize(x.entries[id].Chapter + " " + indexText(x.entries[id]))
		found := 0
		for t := range tris {
			if strings.Contains(doc, t) {
				found++
			}
		}
		s[id] *= float32(1 + x.p.phraseBoost*float64(found)/float64(len(tris)))
	}
	sort.SliceStable(ids, func(i, j int) bool { return s[ids[i]] > s[ids[j]] })
	return ids
}

// hanRuns splits text into runs of Han characters.
func hanRuns(text string) [][]rune {
	var runs [][]rune
	var cur []rune
	for _, r := range text {
		if isHan(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

// queryTerms normalises the question, cuts its stop phrases and returns
// its terms with their weights.
func (x *Index) queryTerms(text string, expansion []string) map[uint64]float64 {
	text = stripStopPhrases(textnorm.Normalize(text), x.p.stop)
	qt := make(map[uint64]float64)
	tokenize(text, x.p.unigrams, func(k uint64) { qt[k]++ })
	if x.p.binaryQuery {
		for k := range qt {
			qt[k] = 1
		}
	} else if x.p.logQuery {
		for k, c := range qt {
			qt[k] = 1 + math.Log(c)
		}
	}
	if x.p.unigrams && x.p.unigramWeight != 1 {
		for k := range qt {
			if k&wordBit == 0 && uint32(k) == 0 {
				qt[k] *= x.p.unigramWeight
			}
		}
	}
	for _, w := range expansion {
		tokenize(textnorm.Normalize(w), x.p.unigrams, func(k uint64) {
			ew := x.p.expansionWeight
			if k&wordBit == 0 && uint32(k) == 0 {
				ew *= x.p.expansionUnigram
			}
			qt[k] = max(qt[k], ew)
		})
	}
	return qt
}

func bm25IDF(n, df float64) float64 {
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// scoreBuf is a dense score accumulator reused across searches.
type scoreBuf struct {
	s       []float32
	touched []int32
}

func (x *Index) getScores(n int) *scoreBuf {
	if b, ok := x.scores.Get().(*scoreBuf); ok && len(b.s) >= n {
		return b
	}
	return &scoreBuf{s: make([]float32, n+n/4)}
}

func (x *Index) putScores(b *scoreBuf) {
	b.reset()
	x.scores.Put(b)
}

func (b *scoreBuf) reset() {
	for _, id := range b.touched {
		b.s[id] = 0
	}
	b.touched = b.touched[:0]
}

// topByScore returns up to m ids of ids with the highest scores that keep
// accepts, best first.
func topByScore(ids []int32, s []float32, m int, keep func(int32) bool) []int32 {
	h := &minHeap{s: s}
	for _, id := range ids {
		if h.Len() == m && s[id] <= s[h.ids[0]] {
			continue
		}
		if !keep(id) {
			continue
		}
		if h.Len() < m {
			heap.Push(h, id)
		} else {
			h.ids[0] = id
			heap.Fix(h, 0)
		}
	}
	out := make([]int32, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(int32)
	}
	return out
}

type minHeap struct {
	ids []int32
	s   []float32
}

func (h *minHeap) Len() int           { return len(h.ids) }
func (h *minHeap) Less(i, j int) bool { return h.s[h.ids[i]] < h.s[h.ids[j]] }
func (h *minHeap) Swap(i, j int)      { h.ids[i], h.ids[j] = h.ids[j], h.ids[i] }
func (h *minHeap) Push(v any)         { h.ids = append(h.ids, v.(int32)) }
func (h *minHeap) Pop() any {
	v := h.ids[len(h.ids)-1]
	h.ids = h.ids[:len(h.ids)-1]
	return v
}

// parallel runs f(0..n-1) on all CPUs.
func parallel(n int, f func(i int)) {
	workers := min(runtimeCPUs(), max(n/64, 1))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}(w)
	}
	wg.Wait()
}
