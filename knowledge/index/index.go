// Package index is the knowledge base's in-memory hybrid search: a BM25
// index over Chinese character bigrams and unigrams of the normalised text
// (with a small extra field for the chapter path, and one for the law name),
// fused with a chromem-go vector index over precomputed embeddings.
//
// The defaults are what won on the dev set (../shared/eval); the other
// ranking knobs in params are the experiments that did not, kept so that
// eval_test.go can reproduce the experiment log.
//
// The database stays the source of truth; an Index is rebuilt from its rows
// at start-up and kept in step with Add and RemoveDoc. All methods are safe
// for concurrent use.
package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/philippgille/chromem-go"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// Entry is one chunk as the index sees it.
type Entry struct {
	// ChunkID is the chunk's database id.
	ChunkID int64
	// DocID is the id of the document the chunk belongs to (RemoveDoc
	// removes all its chunks).
	DocID string
	// Kind is law, material or faq.
	Kind string
	// Law and Article name a law chunk (empty for other material).
	Law, Article string
	// Chapter is the heading path; Title a short label.
	Chapter, Title string
	// Text is the chunk text in its original script.
	Text string
	// Vector is the chunk's embedding (Dim long), or nil to index the chunk
	// lexically only. The index keeps a normalised copy.
	Vector []float32
}

// Query is one search.
type Query struct {
	// Text is the question (any script; it is normalised here). Callers
	// apply the vocabulary expansion before, if they want it.
	Text string
	// Expansion holds statute words for the question's everyday words
	// (vocab.Vocab.Words); they are searched with a lower weight than the
	// question's own words, so they widen the search without drowning it.
	Expansion []string
	// Vector is the question's embedding, nil for lexical search only.
	Vector []float32
	// K is the number of hits wanted (5 when <= 0).
	K int
	// Kinds limits hits to these kinds; empty means all.
	Kinds []string
	// Exclude, when set, drops hits of the documents it returns true for
	// (retired documents, for example).
	Exclude func(docID string) bool
}

// Hit is one search result.
type Hit struct {
	Entry
	// Score is the fused score in [0, 1), higher is better:
	// 0.9·Lexical/(Lexical+15) + 0.1·max(Semantic, 0), or
	// Lexical/(Lexical+15) for a query without a vector. It does not depend
	// on the other hits, so the same value means about the same strength of
	// match in any query and a fixed threshold can tell "covered" from "not
	// covered". (Entry.Vector is nil in hits.)
	Score float64
	// Lexical is the BM25 score (0 when no query term matched; no upper
	// bound, typically 5–60 for a good match).
	Lexical float64
	// Semantic is the cosine similarity of the query and chunk vectors, in
	// [-1, 1] (0 without vectors).
	Semantic float64
}

// Index is the in-memory hybrid index. Create it with New.
type Index struct {
	dim int
	p   params

	mu      sync.RWMutex
	entries []Entry     // by internal id; Vector nil (kept in vecs)
	vecs    [][]float32 // by internal id, normalised, shared with chromem
	alive   []bool
	docLen  []uint32  // number of text tokens
	norm    []float32 // BM25 length normalisation k1·(1−b+b·len/avgLen)
	normAvg float64   // the avgLen norm was computed with
	lawOf   []int32   // field group of the law name
	chapOf  []int32   // field group of the chapter path
	byDoc   map[string][]int32
	strs    map[string]string // interned metadata strings
	nAlive  int
	sumLen  int64

	terms    map[uint64]int32
	postings [][]uint32 // per term: id<<8 | min(tf, 255)

	laws     fieldIndex
	chapters fieldIndex

	// byArticle lists the chunks of each article (law-name group and
	// article as printed); anchors holds the articles each citing chunk
	// cites.
	byArticle map[articleRef][]int32
	anchors   map[int32][]anchor
	anchorIDs []int32  // the keys of anchors, ascending
	citedLaws sync.Map // law named by an anchor → field group (int32), reset by Add

	coll      *chromem.Collection
	nVecs     int
	scores    sync.Pool
	tokenBufs sync.Pool // *tokenBuf
	expect    int       // chunks expected when the bulk load Grow announced is done
}

// params are the ranking knobs; defaults are what won on the dev set (see
// the package's eval test and /work/notes/readme-retrieval.md).
type params struct {
	k1, b            float64
	unigrams         bool
	lawWeight        float64 // weight of the law-name field's BM25
	chapterWeight    float64 // weight of the chapter field's BM25
	maxDFRatio       float64 // query terms in more than this share of chunks are skipped
	candidates       int     // lexical and vector candidates considered for fusion
	lexWeight        float64 // share of the lexical part in the fused score
	lexHalf          float64 // BM25 score that maps to 0.5
	rrf              bool    // rank by reciprocal-rank fusion instead of Score
	stop             []string
	prfDocs          int     // pseudo-relevance feedback: chunks read (0 = off)
	prfTerms         int     // feedback terms added
	prfWeight        float64 // weight of the best feedback term
	interpFactor     float64 // score factor of judicial interpretations
	lawAgg           float64 // weight of the law's best-three mean score
	binaryQuery      bool    // count each query term once
	logQuery         bool    // query term weight 1 + ln(tf)
	expansionWeight  float64 // weight of Query.Expansion terms
	minDF            float64 // query terms in fewer chunks are skipped
	maxIDF           float64 // cap on a term's IDF
	unigramWeight    float64 // query weight of unigram terms
	noVectorScan     bool    // semantic scores for lexical candidates only
	scanBudget       int     // largest chunks×dim searched exhaustively by chromem-go
	maxUnigramDF     float64 // unigram query terms in more than this share of chunks are skipped
	phraseBoost      float64 // re-rank factor for shared character trigrams
	expansionUnigram float64 // factor on the weight of expansion unigrams
	neighbour        float64 // share of the neighbouring chunks' scores added
	anchorWeight     float64 // share of a matching FAQ chunk's score given to the articles it cites
	anchorTop        int     // only the best anchorTop FAQ chunks pass their score on (0 = all)
	lawAnchorWeight  float64 // share of a law chunk's score given to the articles it refers to
	lawAnchorTop     int     // only the best lawAnchorTop citing law chunks pass their score on (0 = all)
	anchorFocus      float64 // an FAQ chunk's bonus × (its score / the best citing FAQ chunk's)^anchorFocus
}

func defaultParams() params {
	p := params{
		// Character unigrams and bigrams, each query term counted once,
		// unigrams at half weight: unigrams catch words split differently
		// in question and statute, bigrams carry the precision.
		unigrams: true, unigramWeight: 0.5, binaryQuery: true,
		k1: 1.2, b: 0.75,
		// The chapter heading names the topic ("租赁合同", "相邻关系")
		// that a resident's words point to: +5 points of recall@5.
		chapterWeight: 1.0,
		maxDFRatio:    0.5, maxUnigramDF: 0.5,
		candidates: 100,
		// The local embedding adds a little as a tie-breaker only.
		lexWeight: 0.9, lexHalf: 15,
		expansionWeight: 0.5, expansionUnigram: 1,
		prfTerms: 10, prfWeight: 0.3,
		interpFactor: 1,
		// Every matching FAQ entry passes 0.6 of its score to the articles
		// it cites (an article takes its best bonus, so many weak matches
		// do not add up). No cap on how many entries pass: a top-3 cap
		// tied with "all" at 42 entries but starved the anchors as the FAQ
		// grew (244 entries: top 3 0.508 / 0.442, top 10 0.516 / 0.449,
		// all 0.521 / 0.450), and admins keep adding entries.
		anchorWeight: 0.6, anchorTop: 0,
		// ... and each passes in proportion to how close it comes to the
		// best-matching entry that cites an article (bonus 0.6·s·(s/best),
		// chosen on the dev set over 0 and 2): an entry on a
		// neighbouring topic, sharing only the domain's words, passes
		// little. Without it the FAQ's growth cost precision: 74 more
		// entries (housing, contracts) took hit@2 from 0.478 to 0.449;
		// with it 0.485 → 0.471 (recall@5 0.521 → 0.512 at 244 entries).
		anchorFocus: 1,
		// A law text's references to another law (依照民法典第五百七十七条,
		// mostly judicial interpretations, written in concrete words) pass
		// 0.35 of the citing chunk's score to the article: 0.477 / 0.418 →
		// 0.496 / 0.425; 0.35–0.7 all within 0.002.
		lawAnchorWeight: 0.35,
		// The best 200 citing law chunks: at laws-all thousands of
		// articles that cite another law match a typical question, and
		// the weak ones add nothing but time.
		lawAnchorTop: 200,
		maxIDF:       100,
		// 1M multiply-adds (4,096 chunks × 256): above it vectors only
		// re-rank the lexical candidates. The exhaustive scan of
		// corpus/laws (11,000 chunks) was 57% of the server's CPU under
		// load (scripts/loadtest.sh, pprof) and changed no dev-set result.
		scanBudget: 1 << 20,
	}
	p.stop = append([]string(nil), stopPhrases...)
	sort.SliceStable(p.stop, func(i, j int) bool { return len(p.stop[i]) > len(p.stop[j]) })
	return p
}

// maxID is the largest internal id a packed posting can hold.
const maxID = 1<<24 - 1

// New returns an empty index for vectors of dim dimensions.
func New(dim int) *Index {
	db := chromem.NewDB()
	// Cannot fail: the name is valid and the DB is in-memory.
	coll, _ := db.CreateCollection("chunks", nil, noEmbed)
	return &Index{
		dim:       dim,
		p:         defaultParams(),
		byDoc:     make(map[string][]int32),
		strs:      make(map[string]string),
		terms:     make(map[uint64]int32),
		byArticle: make(map[articleRef][]int32),
		anchors:   make(map[int32][]anchor),
		laws:      newFieldIndex(),
		chapters:  newFieldIndex(),
		coll:      coll,
	}
}

// noEmbed is the collection's embedding function: the index only ever adds
// precomputed vectors, so being asked to embed is a bug.
func noEmbed(context.Context, string) ([]float32, error) {
	return nil, errors.New("index: embeddings must be precomputed")
}

// Len is the number of chunks in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.nAlive
}

// SetVectorScanLimit sets the number of chunks up to which every query with
// a vector also scans all vectors with chromem-go's exhaustive search, to
// find chunks that share no word with the question. Above it, vectors
// re-rank the lexical candidates, and the scan runs only when the words
// find fewer than K chunks. The default, 1M/dim chunks (4,096 at 256
// dimensions), keeps the server's throughput above 1,000 questions a
// second on two cores; a caller with
// strong remote embeddings may trade latency for recall. n < 0 means
// always scan, 0 never (except as the fallback).
func (x *Index) SetVectorScanLimit(n int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if n < 0 {
		x.p.scanBudget = math.MaxInt
		return
	}
	x.p.scanBudget = n * x.dim
}

// Dim is the vector length the index expects.
func (x *Index) Dim() int { return x.dim }

// prepared is an entry tokenised outside the lock.
type prepared struct {
	w, lo, hi int32 // its terms are bufs[w].keys[lo:hi] (and tfs)
	n         uint32
	law       string
	chap      string
	vec       []float32
	cites     []anchor // articles an FAQ chunk cites
	art       articleRef
	artOK     bool // art.num, art.sub hold the article's number (law set on insert)
}

// tokenBuf is one worker's tokenising state. It is reused across Adds (a
// map and a slice per entry were most of the garbage of a bulk load, and
// the garbage, not the index, set the start-up peak of resident memory).
type tokenBuf struct {
	counts map[uint64]uint32
	// The terms of the entries tokenised, and their frequency in the
	// entry capped at 255 as postings store it (two slices: 9 bytes a
	// term where a struct would take 16).
	keys []uint64
	tfs  []uint8
}

// maxKeptTerms caps the term buffer a worker keeps for the next Add
// (9 MiB, room for a start-up batch): sync.Pool drops it two GCs after
// the last Add, so a bulk load's buffers are not carried as resident
// memory.
const maxKeptTerms = 1 << 20

// Grow makes room for n more chunks, so that a bulk load of known size
// does not grow the per-chunk arrays step by step (each step a copy, and
// up to half of the last one left unused).
func (x *Index) Grow(n int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.expect = len(x.entries) + n
	x.entries = slices.Grow(x.entries, n)
	x.vecs = slices.Grow(x.vecs, n)
	x.alive = slices.Grow(x.alive, n)
	x.docLen = slices.Grow(x.docLen, n)
	x.norm = slices.Grow(x.norm, n)
	x.lawOf = slices.Grow(x.lawOf, n)
	x.chapOf = slices.Grow(x.chapOf, n)
}

// Add indexes entries. Adding a chunk whose ChunkID is already present adds
// it again; callers replace a document by RemoveDoc then Add. The index
// keeps neither entries nor their vectors (it copies what it needs), so the
// caller may reuse both once Add returns.
func (x *Index) Add(entries []Entry) error {
	b, err := x.prepare(entries, x.getTokenBuf)
	if err != nil {
		return err
	}
	defer b.release(x.putTokenBuf)
	return x.insert(b)
}

func (x *Index) getTokenBuf() *tokenBuf {
	if buf, ok := x.tokenBufs.Get().(*tokenBuf); ok {
		return buf
	}
	return newTokenBuf()
}

func (x *Index) putTokenBuf(buf *tokenBuf) {
	if cap(buf.keys) > maxKeptTerms {
		buf.keys, buf.tfs = nil, nil
	}
	x.tokenBufs.Put(buf)
}

func newTokenBuf() *tokenBuf { return &tokenBuf{counts: make(map[uint64]uint32, 512)} }

// AddAll adds the batches received from batches in order, as Add would
// one by one, but tokenises the next batch while the previous one is
// inserted (the insert is serial: on two CPUs this overlap is most of a
// bulk load's gain). done is called with each batch, in order, once the
// index no longer needs it. After an error the remaining batches are only
// drained (and passed to done).
func (x *Index) AddAll(batches <-chan []Entry, done func([]Entry)) error {
	pending := make(chan *pendingAdd, 1)
	inserted := make(chan error, 1)
	// Two batches' token buffers in turn (sync.Pool would drop them at
	// every GC, and a bulk load runs many).
	spare := make(chan *tokenBuf, 2*runtimeCPUs())
	get := func() *tokenBuf {
		select {
		case buf := <-spare:
			return buf
		default:
			return newTokenBuf()
		}
	}
	put := func(buf *tokenBuf) {
		select {
		case spare <- buf:
		default:
		}
	}
	var failed atomic.Bool
	go func() {
		var err error
		for b := range pending {
			if err == nil && !b.skip {
				if err = x.insert(b); err != nil {
					failed.Store(true)
				}
			}
			b.release(put)
			done(b.entries)
		}
		inserted <- err
	}()
	var err error
	for entries := range batches {
		if err != nil || failed.Load() {
			pending <- &pendingAdd{entries: entries, skip: true}
			continue
		}
		var b *pendingAdd
		if b, err = x.prepare(entries, get); err != nil {
			b = &pendingAdd{entries: entries, skip: true}
		}
		pending <- b
	}
	close(pending)
	return errors.Join(err, <-inserted)
}

// pendingAdd is a batch tokenised outside the lock, ready to insert.
type pendingAdd struct {
	skip    bool // only to hand back: an earlier batch failed
	entries []Entry
	prep    []prepared
	bufs    []*tokenBuf
}

// release hands the batch's token buffers back for the next batch.
func (b *pendingAdd) release(put func(*tokenBuf)) {
	for _, buf := range b.bufs {
		put(buf)
	}
	b.bufs = nil
}

// prepare checks and tokenises entries (no lock held).
func (x *Index) prepare(entries []Entry, get func() *tokenBuf) (*pendingAdd, error) {
	prep := make([]prepared, len(entries))
	for _, e := range entries {
		if e.Vector != nil && len(e.Vector) != x.dim {
			return nil, fmt.Errorf("index add chunk %d: vector has %d dimensions, want %d", e.ChunkID, len(e.Vector), x.dim)
		}
	}
	// Tokenising dominates bulk adds: spread it over the CPUs, each worker
	// with its own buffer.
	workers := min(runtimeCPUs(), max(len(entries)/64, 1))
	bufs := make([]*tokenBuf, workers)
	var wg sync.WaitGroup
	for w := range workers {
		buf := get()
		buf.keys, buf.tfs = buf.keys[:0], buf.tfs[:0]
		bufs[w] = buf
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(entries); i += workers {
				e := &entries[i]
				p := prepared{w: int32(w), lo: int32(len(buf.keys))}
				clear(buf.counts)
				tokenize(textnorm.Normalize(indexText(*e)), x.p.unigrams, func(k uint64) {
					buf.counts[k]++
					p.n++
				})
				for k, tf := range buf.counts {
					buf.keys = append(buf.keys, k)
					buf.tfs = append(buf.tfs, uint8(min(tf, 255)))
				}
				p.hi = int32(len(buf.keys))
				p.law = textnorm.Normalize(e.Law)
				p.chap = textnorm.Normalize(e.Chapter)
				p.cites = chunkAnchors(*e, x.p.lawAnchorWeight > 0)
				if e.Law != "" && e.Article != "" {
					p.art.num, p.art.sub, p.artOK = articleNumber(e.Article)
				}
				if e.Vector != nil {
					p.vec = normalized(e.Vector)
				}
				prep[i] = p
			}
		}()
	}
	wg.Wait()
	return &pendingAdd{entries: entries, prep: prep, bufs: bufs}, nil
}

// insert adds a prepared batch under the lock.
func (x *Index) insert(b *pendingAdd) error {
	entries, prep, bufs := b.entries, b.prep, b.bufs
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.entries)+len(entries) > maxID {
		return fmt.Errorf("index add: more than %d chunks", maxID)
	}
	first := len(x.entries)
	// chromem-go's collection has its own lock: fill it beside the
	// postings (the other half of the serial work).
	vecErr := make(chan error, 1)
	go func() {
		for i := range prep {
			if prep[i].vec == nil {
				continue
			}
			err := x.coll.AddDocument(context.Background(), chromem.Document{ID: strconv.Itoa(first + i), Embedding: prep[i].vec})
			if err != nil {
				vecErr <- fmt.Errorf("index add chunk %d: %w", entries[i].ChunkID, err)
				return
			}
		}
		vecErr <- nil
	}()
	for i, e := range entries {
		p := &prep[i]
		id := int32(len(x.entries))
		e.Vector = nil
		// Thousands of chunks share a law name, chapter path and document
		// id: keep one copy of each string.
		e.DocID, e.Kind, e.Law, e.Chapter = x.intern(e.DocID), x.intern(e.Kind), x.intern(e.Law), x.intern(e.Chapter)
		x.entries = append(x.entries, e)
		x.vecs = append(x.vecs, p.vec)
		x.alive = append(x.alive, true)
		x.docLen = append(x.docLen, p.n)
		x.lawOf = append(x.lawOf, x.laws.group(p.law, x.p.unigrams))
		x.chapOf = append(x.chapOf, x.chapters.group(p.chap, x.p.unigrams))
		x.byDoc[e.DocID] = append(x.byDoc[e.DocID], id)
		if p.artOK {
			ref := articleRef{x.lawOf[id], p.art.num, p.art.sub}
			x.byArticle[ref] = append(x.byArticle[ref], id)
		}
		if len(p.cites) > 0 {
			x.anchors[id] = p.cites
			x.anchorIDs = append(x.anchorIDs, id)
		}
		x.nAlive++
		x.sumLen += int64(p.n)
		buf := bufs[p.w]
		for j, key := range buf.keys[p.lo:p.hi] {
			tid, ok := x.terms[key]
			if !ok {
				tid = int32(len(x.postings))
				x.terms[key] = tid
				x.postings = append(x.postings, nil)
			}
			x.postings[tid] = x.appendPosting(x.postings[tid], id, uint32(id)<<8|uint32(buf.tfs[int(p.lo)+j]))
		}
		x.norm = append(x.norm, 0)
		if p.vec != nil {
			x.nVecs++
		}
	}
	x.updateNorms(first)
	x.citedLaws.Clear() // anchors may now resolve to the new laws
	if err := <-vecErr; err != nil {
		// The collection lacks some of the batch's vectors: take the
		// whole batch out again, so that no search sees half of it and
		// nVecs stays the collection's size.
		x.dropBatch(first)
		return err
	}
	return nil
}

// dropBatch removes the chunks from id first on, added by an insert that
// failed. The caller holds the write lock.
func (x *Index) dropBatch(first int) {
	ids := make([]int32, 0, len(x.entries)-first)
	for id := int32(first); int(id) < len(x.entries); id++ {
		ids = append(ids, id)
	}
	x.kill(ids)
}

// kill removes chunks: their postings stay as tombstones (skipped in
// searches) until the index is rebuilt. The caller holds the write lock.
func (x *Index) kill(ids []int32) {
	var vecIDs []string
	for _, id := range ids {
		if !x.alive[id] {
			continue
		}
		x.alive[id] = false
		x.nAlive--
		x.sumLen -= int64(x.docLen[id])
		if x.vecs[id] != nil {
			vecIDs = append(vecIDs, strconv.Itoa(int(id)))
			x.vecs[id] = nil
			x.nVecs--
		}
		x.forgetAnchors(id)
		x.entries[id] = Entry{}
	}
	if len(ids) > 0 {
		x.anchorIDs = slices.DeleteFunc(x.anchorIDs, func(i int32) bool { return !x.alive[i] })
	}
	if len(vecIDs) > 0 {
		// Cannot fail when ids are given; ids not in the collection are
		// ignored.
		_ = x.coll.Delete(context.Background(), nil, nil, vecIDs...)
	}
}

// appendPosting appends the posting p of chunk id, growing a full list by
// a quarter rather than append's doubling: postings are most of the
// index's memory, and they are built once and then only read. In a bulk
// load of known size (Grow) a list grows at once to the size its term's
// frequency so far projects, at most double: each step of a quarter left
// the old list behind as garbage, four times the postings in all.
func (x *Index) appendPosting(ps []uint32, id int32, p uint32) []uint32 {
	if n := len(ps); n == cap(ps) {
		c := n + n/4 + 4
		if seen := int64(id) + 1; seen >= 1024 && int64(x.expect) > seen {
			proj := int(int64(n+1) * int64(x.expect) / seen)
			c = max(c, min(proj, 2*n+4))
		}
		grown := make([]uint32, n, c)
		copy(grown, ps)
		ps = grown
	}
	return append(ps, p)
}

// updateNorms sets the BM25 length normalisation of chunks from id first
// on, or of all chunks when the average length has drifted by more than
// 1% since it was last computed.
func (x *Index) updateNorms(first int) {
	if x.nAlive == 0 {
		return
	}
	avg := float64(x.sumLen) / float64(x.nAlive)
	if x.normAvg == 0 || math.Abs(avg-x.normAvg) > 0.01*x.normAvg {
		x.normAvg, first = avg, 0
	}
	k1, b := x.p.k1, x.p.b
	for id := first; id < len(x.norm); id++ {
		x.norm[id] = float32(k1 * (1 - b + b*float64(x.docLen[id])/x.normAvg))
	}
}

// intern returns the index's copy of s.
func (x *Index) intern(s string) string {
	if v, ok := x.strs[s]; ok {
		return v
	}
	x.strs[s] = s
	return s
}

// indexText is what the lexical index reads of an entry: the text, and the
// title when it says more than the article number.
func indexText(e Entry) string {
	if e.Title == "" || e.Title == e.Article {
		return e.Text
	}
	return e.Title + "\n" + e.Text
}

// RemoveDoc removes every chunk of a document. Their postings stay as
// tombstones (skipped in searches) until the index is rebuilt.
func (x *Index) RemoveDoc(docID string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	ids := x.byDoc[docID]
	delete(x.byDoc, docID)
	x.kill(ids)
}

func normalized(v []float32) []float32 {
	var s float64
	for _, f := range v {
		s += float64(f) * float64(f)
	}
	if s == 0 {
		return nil // a zero vector matches nothing; keep it out of chromem
	}
	out := make([]float32, len(v))
	inv := float32(1 / math.Sqrt(s))
	for i, f := range v {
		out[i] = f * inv
	}
	return out
}

func dot(a, b []float32) float64 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return float64(s)
}

func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }
