package knowledge

// The answer path without an LLM at production size, on the shared corpus
// beside the repository (skipped without it):
//
//	go test -run XXX -bench AnswerLaws -benchtime 3x ./knowledge/
//
// Reports p50_ms / p99_ms of Answerer.Answer over the dev questions:
// triage, conversation lookup, Base.Search, the extractive answer and the
// question-log insert, on a Base loaded with corpus/laws; and
// p99_without_search_ms, the answerer's own part (everything but
// Base.Search).

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/internal/sharedtest"
)

func BenchmarkAnswerLaws(b *testing.B) {
	shared := sharedtest.Root(b, "corpus/laws")
	qs := sharedtest.Questions(b, filepath.Join(shared, "eval", "legal_qa_dev.jsonl"))
	ctx := context.Background()
	kb, log := lawsBase(b, shared)
	ts := &timedSearcher{s: kb}
	a, err := NewAnswerer(DefaultAnswerConfig(), LLMConfig{}, AnswererDeps{Search: ts, FAQ: kb, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	var lat, own []time.Duration
	b.ResetTimer()
	for i := range b.N {
		for j, q := range qs {
			start := time.Now()
			ts.took = 0
			ans, err := a.Answer(ctx, bot.Question{Channel: bot.ChannelWeChat, UserID: fmt.Sprintf("u%d-%d", i, j), Text: q})
			took := time.Since(start)
			lat = append(lat, took)
			own = append(own, took-ts.took)
			if err != nil || ans.Text == "" {
				b.Fatalf("Answer(%q): %v", q, err)
			}
		}
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	for _, l := range [][]time.Duration{lat, own} {
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	}
	b.ReportMetric(ms(lat[len(lat)/2]), "p50_ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99_ms")
	b.ReportMetric(ms(own[len(own)*99/100]), "p99_without_search_ms")
	b.ReportMetric(0, "ns/op")
}

// timedSearcher measures the Base's share of one answer.
type timedSearcher struct {
	s    Searcher
	took time.Duration
}

func (t *timedSearcher) Search(ctx context.Context, q string, opts SearchOptions) ([]Result, error) {
	start := time.Now()
	r, err := t.s.Search(ctx, q, opts)
	t.took += time.Since(start)
	return r, err
}
