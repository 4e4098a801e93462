package knowledge

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/internal/sharedtest"
	"github.com/pufabot/pufabot/knowledge/textnorm"
)

func TestZZDbg(t *testing.T) {
	qs := os.Getenv("DBG")
	if qs == "" {
		t.Skip()
	}
	shared := sharedtest.Root(t, "corpus/laws")
	kb, log := lawsBase(t, shared)
	a, err := NewAnswerer(DefaultAnswerConfig(), LLMConfig{}, AnswererDeps{Search: kb, FAQ: kb, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range strings.Split(qs, "|") {
		norm := textnorm.Normalize(q)
		tri := a.words.Triage(norm)
		found, _ := kb.Search(ctx, tri.Rest, SearchOptions{K: 20})
		res := found[:min(6, len(found))]
		best, okB := a.bestFAQ(tri.Rest, found)
		lead, okL := a.leadingFAQ(found)
		fb, okF := a.fallbackFAQ(tri.Rest, res, true)
		t.Logf("%s\n verdict=%s matched=%q legal=%v personal=%v offcue=%q curated=%v\n best=%v %q\n lead=%v %q\n fallback=%v %q (shares=%v)",
			q, tri.Verdict, tri.Matched, tri.Legal, tri.Personal, tri.OffCue, a.curatedTopic(found), okB, best.Title, okL, lead.Title, okF, fb.Title, sharesWords(tri.Rest, []Result{fb}))
	}
}
