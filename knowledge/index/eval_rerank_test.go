package index

// A learned re-ranker over the first stage's candidates, fitted and scored
// with 5-fold cross-validation on the dev set: it measures how far the
// signals the search already has (the scores of several rankers, the law,
// phrase overlap, length) can take hit@2 when combined as well as a linear
// model can. README, Evaluation, reports the result.
//
//	PUFABOT_EVAL=1 PUFABOT_EVAL_SWEEP=rerank go test -run TestDevSet -v ./knowledge/index

import (
	"context"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pufabot/pufabot/knowledge/embed"
	"github.com/pufabot/pufabot/knowledge/textnorm"
	"github.com/pufabot/pufabot/knowledge/vocab"
)

// rerankCandidates is how many distinct articles of the default ranking
// the re-ranker reorders.
const rerankCandidates = 20

// rerankFeatures names the features, in order.
var rerankFeatures = []string{
	"fused score", "1/rank", "lexical part", "cosine",
	"score without anchors", "score without chapter field", "score without vocabulary", "score without vectors",
	"民法典", "judicial interpretation", "law's share of the candidates", "same law as the first",
	"question trigrams in article", "question bigrams in article", "log length",
}

type rerankCand struct {
	f    []float64
	gold bool
}

// rerankData returns, for every dev question, the default ranking's first
// rerankCandidates distinct articles with their features, standardised.
func rerankData(tb testing.TB, build func(func(*params)) *Index, em embed.Embedder, voc *vocab.Vocab, items []devItem) [][]rerankCand {
	tb.Helper()
	def := build(nil)
	type ranker struct {
		x          *Index
		vocab, vec bool
	}
	rankers := []ranker{
		{def, true, true},
		{build(func(p *params) { p.anchorWeight, p.lawAnchorWeight = 0, 0 }), true, true},
		{build(func(p *params) { p.chapterWeight = 0 }), true, true},
		{def, false, true},
		{def, true, false},
	}
	stop := defaultParams().stop
	var data [][]rerankCand
	for _, it := range items {
		gold := map[string]bool{}
		for _, g := range it.Gold {
			gold[g.Law+"|"+g.Article] = true
		}
		var scores []map[string]float64
		var cands []Hit
		for ri, r := range rankers {
			query := Query{Text: it.Question, K: 100, Kinds: []string{"law"}}
			q := it.Question
			if r.vocab {
				query.Expansion = voc.Words(it.Question)
				q = voc.Expand(q)
			}
			if r.vec {
				v, err := em.Embed(context.Background(), []string{q})
				if err != nil {
					tb.Fatal(err)
				}
				query.Vector = v[0]
			}
			hits, err := r.x.Search(context.Background(), query)
			if err != nil {
				tb.Fatal(err)
			}
			m := map[string]float64{}
			for _, h := range hits {
				key := h.Law + "|" + h.Article
				if _, seen := m[key]; seen {
					continue
				}
				m[key] = h.Score
				if ri == 0 && len(cands) < rerankCandidates {
					cands = append(cands, h)
				}
			}
			scores = append(scores, m)
		}
		if len(cands) == 0 {
			data = append(data, nil)
			continue
		}
		perLaw := map[string]int{}
		for _, h := range cands {
			perLaw[h.Law]++
		}
		bis, tris := map[string]bool{}, map[string]bool{}
		for _, run := range hanRuns(stripStopPhrases(textnorm.Normalize(it.Question), stop)) {
			for i := 0; i+2 <= len(run); i++ {
				bis[string(run[i:i+2])] = true
				if i+3 <= len(run) {
					tris[string(run[i:i+3])] = true
				}
			}
		}
		var row []rerankCand
		for rank, h := range cands {
			key := h.Law + "|" + h.Article
			doc := textnorm.Normalize(h.Chapter + " " + h.Text)
			row = append(row, rerankCand{gold: gold[key], f: []float64{
				h.Score, 1 / float64(rank+1), h.Lexical / (h.Lexical + 15), h.Semantic,
				scores[1][key], scores[2][key], scores[3][key], scores[4][key],
				boolf(strings.Contains(h.Law, "民法典") && !strings.HasPrefix(h.Law, "最高")),
				boolf(strings.HasPrefix(h.Law, "最高")),
				float64(perLaw[h.Law]) / float64(len(cands)),
				boolf(h.Law == cands[0].Law),
				shareIn(tris, doc), shareIn(bis, doc),
				math.Log(float64(utf8.RuneCountInString(h.Text))),
			}})
		}
		data = append(data, row)
	}
	standardise(data)
	return data
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// shareIn is the share of the phrases found in doc.
func shareIn(phrases map[string]bool, doc string) float64 {
	if len(phrases) == 0 {
		return 0
	}
	n := 0
	for p := range phrases {
		if strings.Contains(doc, p) {
			n++
		}
	}
	return float64(n) / float64(len(phrases))
}

// standardise scales every feature to mean 0 and standard deviation 1.
func standardise(data [][]rerankCand) {
	nf := len(rerankFeatures)
	mean, sd := make([]float64, nf), make([]float64, nf)
	var n float64
	for _, row := range data {
		for _, c := range row {
			for j, v := range c.f {
				mean[j] += v
			}
			n++
		}
	}
	for j := range mean {
		mean[j] /= n
	}
	for _, row := range data {
		for _, c := range row {
			for j, v := range c.f {
				sd[j] += (v - mean[j]) * (v - mean[j])
			}
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j]/n) + 1e-9
	}
	for _, row := range data {
		for _, c := range row {
			for j := range c.f {
				c.f[j] = (c.f[j] - mean[j]) / sd[j]
			}
		}
	}
}

// fitRerank fits linear weights on the questions qs by pairwise logistic
// regression (every gold candidate against every other one of its
// question), with L2 regularisation, by gradient ascent.
func fitRerank(data [][]rerankCand, qs []int, use []bool, l2 float64) []float64 {
	nf := len(rerankFeatures)
	w := make([]float64, nf)
	w[0] = 1
	for range 300 {
		g := make([]float64, nf)
		pairs := 0
		for _, qi := range qs {
			for _, a := range data[qi] {
				if !a.gold {
					continue
				}
				for _, b := range data[qi] {
					if b.gold {
						continue
					}
					d := 0.0
					for j := range w {
						d += w[j] * (a.f[j] - b.f[j])
					}
					p := 1 / (1 + math.Exp(d))
					for j := range w {
						g[j] += p * (a.f[j] - b.f[j])
					}
					pairs++
				}
			}
		}
		for j := range w {
			if !use[j] {
				w[j] = 0
				continue
			}
			w[j] += 0.5 * (g[j]/float64(max(pairs, 1)) - l2*w[j])
		}
	}
	return w
}

// climbRerank fits linear weights on the questions qs by coordinate
// ascent on hit@2 itself, starting from the fitted pairwise weights.
func climbRerank(data [][]rerankCand, qs []int, start []float64) []float64 {
	w := append([]float64(nil), start...)
	best := rerankHits(data, qs, w)
	steps := []float64{-1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1}
	for range 5 {
		improved := false
		for j := range w {
			for _, st := range steps {
				old := w[j]
				w[j] = old + st
				if h := rerankHits(data, qs, w); h > best {
					best, improved = h, true
				} else {
					w[j] = old
				}
			}
		}
		if !improved {
			break
		}
	}
	return w
}

// rerankHits counts the questions of qs with a gold article among the two
// best candidates by the weights w.
func rerankHits(data [][]rerankCand, qs []int, w []float64) int {
	n := 0
	for _, qi := range qs {
		best := [2]int{-1, -1}
		score := func(c rerankCand) float64 {
			s := 0.0
			for j := range w {
				s += w[j] * c.f[j]
			}
			return s
		}
		row := data[qi]
		for i := range row {
			switch {
			case best[0] < 0 || score(row[i]) > score(row[best[0]]):
				best[1], best[0] = best[0], i
			case best[1] < 0 || score(row[i]) > score(row[best[1]]):
				best[1] = i
			}
		}
		for _, b := range best {
			if b >= 0 && row[b].gold {
				n++
				break
			}
		}
	}
	return n
}

// rerankSweep logs the cross-validated hit@2 of re-rankers on feature
// subsets, and the same fitted on all questions (an upper bound).
func rerankSweep(t *testing.T, build func(func(*params)) *Index, em embed.Embedder, voc *vocab.Vocab, items []devItem) {
	data := rerankData(t, build, em, voc, items)
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	subset := func(js ...int) []bool {
		use := make([]bool, len(rerankFeatures))
		for _, j := range js {
			use[j] = true
		}
		return use
	}
	fused := make([]float64, len(rerankFeatures))
	fused[0] = 1
	t.Logf("default ranking: hit@2 %.3f over %d candidates", float64(rerankHits(data, all, fused))/float64(len(data)), rerankCandidates)
	for _, s := range []struct {
		name string
		use  []bool
	}{
		{"rankers", subset(0, 1, 4, 5, 6, 7)},
		{"score + law and text features", subset(0, 8, 9, 10, 11, 12, 13, 14)},
		{"all features", subset(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)},
	} {
		for _, l2 := range []float64{0.001, 0.01, 0.1} {
			cv, climbed := 0, 0
			for fold := range 5 {
				var train, test []int
				for i := range data {
					if i%5 == fold {
						test = append(test, i)
					} else {
						train = append(train, i)
					}
				}
				w := fitRerank(data, train, s.use, l2)
				cv += rerankHits(data, test, w)
				climbed += rerankHits(data, test, climbRerank(data, train, w))
			}
			w := fitRerank(data, all, s.use, l2)
			fitted := rerankHits(data, all, w)
			fittedClimb := rerankHits(data, all, climbRerank(data, all, w))
			n := float64(len(data))
			t.Logf("%-30s L2 %.3f: hit@2 %.3f cross-validated, %.3f fitted on all; climbing hit@2: %.3f cross-validated, %.3f fitted on all",
				s.name, l2, float64(cv)/n, float64(fitted)/n, float64(climbed)/n, float64(fittedClimb)/n)
		}
	}
}
