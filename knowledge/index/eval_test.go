package index

// The dev-set evaluation and the corpus benchmarks. They need the shared
// corpus beside the repository (../shared) and are skipped without it.
//
//	PUFABOT_EVAL=1 go test -run TestDevSet -v ./knowledge/index
//	PUFABOT_EVAL=1 PUFABOT_EVAL_SWEEP=1 go test -run TestDevSet -v ./knowledge/index
//	go test -run XXX -bench SearchLaws -benchmem ./knowledge/index
//	PUFABOT_BENCH_ALL=1 go test -run XXX -bench LawsAll -benchtime 1x ./knowledge/index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pufabot/pufabot/internal/sharedtest"
	"github.com/pufabot/pufabot/knowledge/chunk"
	"github.com/pufabot/pufabot/knowledge/embed"
	"github.com/pufabot/pufabot/knowledge/faq"
	"github.com/pufabot/pufabot/knowledge/loader"
	"github.com/pufabot/pufabot/knowledge/vocab"
)

// sharedDir finds ../shared beside the repository root, or skips.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	return sharedtest.Root(tb, "corpus/laws")
}

// corpusEntries loads and chunks every law file under dir with the real
// loader and chunker.
func corpusEntries(tb testing.TB, dir string) []Entry {
	tb.Helper()
	var entries []Entry
	var mu sync.Mutex
	var id int64
	err := loader.LoadDir(dir, func(path string, doc loader.Doc, err error) {
		if err != nil {
			tb.Logf("skip %s: %v", path, err)
			return
		}
		meta, chunks := chunk.Split(doc, chunk.KindLaw)
		mu.Lock()
		defer mu.Unlock()
		for _, c := range chunks {
			id++
			entries = append(entries, Entry{
				ChunkID: id, DocID: path, Kind: meta.Kind, Law: c.Law, Article: c.Article,
				Chapter: c.Chapter, Title: c.Title, Text: c.Text,
			})
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return entries
}

// starterEntries returns the starter FAQ as the knowledge base indexes it.
func starterEntries(firstID int) []Entry {
	var out []Entry
	for i, e := range faq.Entries() {
		out = append(out, Entry{
			ChunkID: int64(firstID + i + 1), DocID: "starter:faq", Kind: "faq",
			Title: e.Question, Text: "问：" + e.Question + "\n答：" + e.Answer,
		})
	}
	return out
}

type devItem struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Source   string `json:"source"`
	Gold     []struct {
		Law     string `json:"law"`
		Article string `json:"article"`
	} `json:"gold"`
}

func readDev(tb testing.TB, path string) []devItem {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var items []devItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var it devItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		items = append(items, it)
	}
	return items
}

func embedAll(tb testing.TB, em embed.Embedder, entries []Entry) {
	tb.Helper()
	texts := make([]string, len(entries))
	for i, e := range entries {
		texts[i] = e.Text
	}
	vecs := make([][]float32, len(texts))
	parallel((len(texts)+255)/256, func(b int) {
		lo, hi := b*256, min(b*256+256, len(texts))
		vs, err := em.Embed(context.Background(), texts[lo:hi])
		if err != nil {
			panic(err)
		}
		copy(vecs[lo:hi], vs)
	})
	for i := range entries {
		entries[i].Vector = vecs[i]
	}
}

// evalRun is one configuration's result.
type evalRun struct {
	name        string
	r5, mrr     float64
	hit2        float64 // share with a gold article among the first two articles
	bySource    map[string][2]float64
	predictions [][]Hit
}

// runDev searches every dev question and scores recall@5 and MRR@10 the
// way score_retrieval.py does (repeats of one article counted once).
func runDev(tb testing.TB, x *Index, em embed.Embedder, voc *vocab.Vocab, items []devItem, name string) evalRun {
	tb.Helper()
	run := evalRun{name: name, bySource: map[string][2]float64{}}
	count := map[string]int{}
	for _, it := range items {
		query := Query{Text: it.Question, K: 10, Kinds: []string{"law"}}
		q := it.Question
		if voc != nil {
			query.Expansion = voc.Words(it.Question)
			q = voc.Expand(q)
		}
		if em != nil {
			v, err := em.Embed(context.Background(), []string{q})
			if err != nil {
				tb.Fatal(err)
			}
			query.Vector = v[0]
		}
		hits, err := x.Search(context.Background(), query)
		if err != nil {
			tb.Fatal(err)
		}
		run.predictions = append(run.predictions, hits)
		var ranked []string
		seen := map[string]bool{}
		for _, h := range hits {
			key := h.Law + "|" + h.Article
			if !seen[key] {
				seen[key] = true
				ranked = append(ranked, key)
			}
		}
		gold := map[string]bool{}
		for _, g := range it.Gold {
			gold[g.Law+"|"+g.Article] = true
		}
		found, rr := 0, 0.0
		for i, key := range ranked {
			if gold[key] && i < 2 && rr == 0 {
				run.hit2++
			}
			if gold[key] {
				if i < 5 {
					found++
				}
				if rr == 0 && i < 10 {
					rr = 1 / float64(i+1)
				}
			}
		}
		r5 := float64(found) / float64(len(gold))
		src := sourceName(it.Source)
		s := run.bySource[src]
		s[0] += r5
		s[1] += rr
		run.bySource[src] = s
		count[src]++
		run.r5 += r5
		run.mrr += rr
	}
	run.r5 /= float64(len(items))
	run.mrr /= float64(len(items))
	run.hit2 /= float64(len(items))
	for src, s := range run.bySource {
		run.bySource[src] = [2]float64{s[0] / float64(count[src]), s[1] / float64(count[src])}
	}
	return run
}

func sourceName(s string) string {
	if strings.Contains(s, "STARD") {
		return "STARD"
	}
	return "LawBench"
}

func (r evalRun) String() string {
	var srcs []string
	for s := range r.bySource {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	out := fmt.Sprintf("%-40s recall@5 %.3f  MRR@10 %.3f  hit@2 %.3f", r.name, r.r5, r.mrr, r.hit2)
	for _, s := range srcs {
		out += fmt.Sprintf("  | %s %.3f / %.3f", s, r.bySource[s][0], r.bySource[s][1])
	}
	return out
}

func writePred(tb testing.TB, path string, items []devItem, preds [][]Hit) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for i, it := range items {
		type ref struct {
			Law     string `json:"law"`
			Article string `json:"article"`
		}
		var r []ref
		for _, h := range preds[i] {
			r = append(r, ref{h.Law, h.Article})
		}
		if err := enc.Encode(map[string]any{"id": it.ID, "retrieved": r}); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestDevSet indexes corpus/laws, runs the 272 dev questions and scores
// them (in Go, and with the official scorer when python3 is present).
// PUFABOT_EVAL_SWEEP=1 also runs the variants behind the README's
// experiment log.
func TestDevSet(t *testing.T) {
	if os.Getenv("PUFABOT_EVAL") == "" {
		t.Skip("set PUFABOT_EVAL=1 to run the dev-set evaluation")
	}
	shared := sharedDir(t)
	items := readDev(t, filepath.Join(shared, "eval", "legal_qa_dev.jsonl"))
	entries := corpusEntries(t, filepath.Join(shared, "corpus", "laws"))
	// The knowledge base a fresh data directory holds: the laws and the
	// starter FAQ (its entries are results too, but only articles score).
	entries = append(entries, starterEntries(len(entries))...)
	t.Logf("%d chunks, %d questions", len(entries), len(items))
	em := embed.NewLocal(256)
	embedAll(t, em, entries)
	voc, err := vocab.Load("")
	if err != nil {
		t.Fatal(err)
	}

	build := func(mod func(*params)) *Index {
		x := New(em.Dim())
		if mod != nil {
			mod(&x.p)
		}
		if err := x.Add(entries); err != nil {
			t.Fatal(err)
		}
		return x
	}
	x := build(nil)
	best := runDev(t, x, em, voc, items, "default")
	t.Log(best)

	logScores(t, x, em, voc, items, best)

	out := os.Getenv("PUFABOT_EVAL_OUT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "pred.jsonl")
	}
	writePred(t, out, items, best.predictions)
	if py, err := exec.LookPath("python3"); err == nil {
		cmd := exec.Command(py, filepath.Join(shared, "eval", "score_retrieval.py"),
			filepath.Join(shared, "eval", "legal_qa_dev.jsonl"), out, "--by-source")
		res, err := cmd.CombinedOutput()
		t.Logf("score_retrieval.py %s:\n%s", out, res)
		if err != nil {
			t.Errorf("score_retrieval.py: %v", err)
		}
	}

	switch os.Getenv("PUFABOT_EVAL_SWEEP") {
	case "":
		return
	case "rerank":
		rerankSweep(t, build, em, voc, items)
		return
	case "embed":
		for _, v := range []struct {
			name    string
			dim     int
			context bool
		}{{"embed 128 text", 128, false}, {"embed 64 text", 64, false}, {"embed 256 chapter+text", 256, true}, {"embed 512 text", 512, false}} {
			em := embed.NewLocal(v.dim)
			es := append([]Entry(nil), entries...)
			if v.context {
				for i := range es {
					es[i].Text = es[i].Chapter + "\n" + es[i].Text
				}
			}
			embedAll(t, em, es)
			for i := range es {
				es[i].Text = entries[i].Text
			}
			x := New(em.Dim())
			if err := x.Add(es); err != nil {
				t.Fatal(err)
			}
			t.Log(runDev(t, x, em, voc, items, v.name))
			x.p.lexWeight = 0.8
			t.Log(runDev(t, x, em, voc, items, v.name+" lexWeight 0.8"))
		}
		return
	}
	t.Log(runDev(t, x, nil, voc, items, "lexical only (no vector)"))
	t.Log(runDev(t, x, em, nil, items, "no vocabulary"))
	t.Log(runDev(t, x, nil, nil, items, "lexical, no vocabulary"))
	variants := []struct {
		name string
		mod  func(*params)
	}{
		{"anchor focus 0 (every entry its full share)", func(p *params) { p.anchorFocus = 0 }},
		{"anchor focus 2", func(p *params) { p.anchorFocus = 2 }},
		{"anchor 0", func(p *params) { p.anchorWeight = 0 }},
		{"no anchors at all", func(p *params) { p.anchorWeight = 0; p.lawAnchorWeight = 0 }},
		{"anchor 0.2", func(p *params) { p.anchorWeight = 0.2 }},
		{"anchor 0.4", func(p *params) { p.anchorWeight = 0.4 }},
		{"anchor 0.7", func(p *params) { p.anchorWeight = 0.7 }},
		{"anchor 1.0", func(p *params) { p.anchorWeight = 1 }},
		{"law anchors 0", func(p *params) { p.lawAnchorWeight = 0 }},
		{"law anchors 0.1", func(p *params) { p.lawAnchorWeight = 0.1 }},
		{"law anchors 0.5", func(p *params) { p.lawAnchorWeight = 0.5 }},
		{"law anchors 0.7", func(p *params) { p.lawAnchorWeight = 0.7 }},
		{"law anchors 0.2", func(p *params) { p.lawAnchorWeight = 0.2 }},
		{"law anchors 0.35", func(p *params) { p.lawAnchorWeight = 0.35 }},
		{"anchor 0.55", func(p *params) { p.anchorWeight = 0.55 }},
		{"anchor 0.85", func(p *params) { p.anchorWeight = 0.85 }},
		{"anchor 0.7 top1", func(p *params) { p.anchorWeight = 0.7; p.anchorTop = 1 }},
		{"anchor 0.7 top3", func(p *params) { p.anchorWeight = 0.7; p.anchorTop = 3 }},
		{"anchor 0.7 top10", func(p *params) { p.anchorWeight = 0.7; p.anchorTop = 10 }},
		{"anchor 0.6 top10", func(p *params) { p.anchorTop = 10 }},
		{"anchor 0.6 top5", func(p *params) { p.anchorTop = 5 }},
		{"anchor 0.6 all", func(p *params) { p.anchorTop = 0 }},
		{"anchor 0.5 all", func(p *params) { p.anchorWeight = 0.5; p.anchorTop = 0 }},
		{"expansion unigrams ×0.5", func(p *params) { p.expansionUnigram = 0.5 }},
		{"expansion unigrams ×0", func(p *params) { p.expansionUnigram = 0 }},
		{"expansion unigrams ×1.5", func(p *params) { p.expansionUnigram = 1.5 }},
		{"expansion unigrams ×2", func(p *params) { p.expansionUnigram = 2 }},
		{"interp 0.9", func(p *params) { p.interpFactor = 0.9 }},
		{"interp 0.8", func(p *params) { p.interpFactor = 0.8 }},
		{"interp 0.7", func(p *params) { p.interpFactor = 0.7 }},
		{"law field 0.5", func(p *params) { p.lawWeight = 0.5 }},
		{"expansion 0.7", func(p *params) { p.expansionWeight = 0.7 }},
		{"expansion 0.35", func(p *params) { p.expansionWeight = 0.35 }},
		{"chapter 0.7", func(p *params) { p.chapterWeight = 0.7 }},
		{"chapter 1.3", func(p *params) { p.chapterWeight = 1.3 }},
		{"k1 1.0 b 0.6", func(p *params) { p.k1 = 1.0; p.b = 0.6 }},
		{"unigramWeight 0.7", func(p *params) { p.unigramWeight = 0.7 }},
		{"unigramWeight 0.35", func(p *params) { p.unigramWeight = 0.35 }},
		{"neighbour 0.2", func(p *params) { p.neighbour = 0.2 }},
		{"prf 3 docs", func(p *params) { p.prfDocs = 3 }},
		{"lawAgg 0.1", func(p *params) { p.lawAgg = 0.1 }},
		{"phrase re-rank 0.3", func(p *params) { p.phraseBoost = 0.3 }},
		{"phrase re-rank 1.0", func(p *params) { p.phraseBoost = 1 }},
		{"rrf fusion", func(p *params) { p.rrf = true }},
		{"bigrams only", func(p *params) { p.unigrams = false }},
		{"no chapter field", func(p *params) { p.chapterWeight = 0 }},
		{"no stop phrases", func(p *params) { p.stop = nil }},
	}
	for _, v := range variants {
		if os.Getenv("PUFABOT_EVAL_ONLY") != "" && !strings.Contains(v.name, os.Getenv("PUFABOT_EVAL_ONLY")) {
			continue
		}
		t.Log(runDev(t, build(v.mod), em, voc, items, v.name))
	}
}

// logScores prints the top hit's Score for questions whose top hit is a
// gold article, for the others, and for questions the laws do not answer,
// to help choose a "covered" threshold.
func logScores(t *testing.T, x *Index, em embed.Embedder, voc *vocab.Vocab, items []devItem, run evalRun) {
	var hit, miss []float64
	for i, it := range items {
		if len(run.predictions[i]) == 0 {
			continue
		}
		top := run.predictions[i][0]
		gold := false
		for _, g := range it.Gold {
			gold = gold || g.Law == top.Law && g.Article == top.Article
		}
		if gold {
			hit = append(hit, top.Score)
		} else {
			miss = append(miss, top.Score)
		}
	}
	var off []float64
	for _, q := range []string{"今天天气怎么样", "你好", "谢谢你", "明天几点开会", "推荐一部好看的电影", "玉米什么时候播种最好", "手机充不进电怎么办", "怎么做红烧肉"} {
		v, _ := em.Embed(context.Background(), []string{voc.Expand(q)})
		hits, err := x.Search(context.Background(), Query{Text: q, Expansion: voc.Words(q), Vector: v[0], K: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > 0 {
			off = append(off, hits[0].Score)
		} else {
			off = append(off, 0)
		}
	}
	q := func(v []float64) string {
		sort.Float64s(v)
		if len(v) == 0 {
			return "none"
		}
		return fmt.Sprintf("n=%d p10 %.2f p50 %.2f p90 %.2f", len(v), v[len(v)/10], v[len(v)/2], v[len(v)*9/10])
	}
	t.Logf("top-1 Score: gold at rank 1: %s; not gold: %s; off-topic questions: %s", q(hit), q(miss), q(off))
}
