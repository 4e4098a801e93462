package faq

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/internal/sharedtest"
)

func TestStarterHasEnoughCitedAnswers(t *testing.T) {
	es := Entries()
	if len(es) < 30 {
		t.Fatalf("starter FAQ has %d entries, want 30+", len(es))
	}
	seen := map[string]bool{}
	for _, e := range es {
		if seen[e.Question] {
			t.Errorf("duplicate question %q", e.Question)
		}
		seen[e.Question] = true
		if !citation.MatchString(e.Answer) {
			t.Errorf("%q: answer cites no law article", e.Question)
		}
		if n := strings.Count(e.Answer, "。") + strings.Count(e.Answer, "！") + strings.Count(e.Answer, "？"); n < 2 || n > 4 {
			t.Errorf("%q: answer has %d sentences, want 2–4", e.Question, n)
		}
		if n := len([]rune(e.Answer)); n < 40 || n > 400 {
			t.Errorf("%q: answer is %d characters, want a short plain answer", e.Question, n)
		}
	}
}

func TestParse(t *testing.T) {
	got := Parse("# 标题\n\n引言\n\n## 问一？\n答：第一段。\n第二段。\n\n## 空的？\n\n## 问二？\n答：好。\n")
	want := []Entry{{"问一？", "第一段。\n第二段。"}, {"问二？", "好。"}}
	if len(got) != len(want) {
		t.Fatalf("got %d entries %v, want %v", len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

var (
	citation = regexp.MustCompile(`《([^》]+)》(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十])?)`)
	// A citation as 《X》第N条, or "同法/同条例/同规定/同解释/同办法第N条" referring to the last named law.
	anyCite   = regexp.MustCompile(`《([^》]+)》(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十])?)|同(?:法|条例|规定|解释|办法)(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十])?)`)
	articleRe = regexp.MustCompile(`(?m)^(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十])?)[ 　]`)
)

// TestCitationsExistInCorpus checks every article the starter cites against
// the law texts in ../shared/corpus/laws (skipped when absent).
func TestCitationsExistInCorpus(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus in %s", dir)
	}
	articles := map[string]map[string]bool{} // law title → articles
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(data), "\n")
		title := lawKey(strings.TrimPrefix(first, "# "))
		set := map[string]bool{}
		for _, m := range articleRe.FindAllStringSubmatch(string(data), -1) {
			set[m[1]] = true
		}
		articles[title] = set
	}
	n := 0
	for _, e := range Entries() {
		last := ""
		for _, m := range anyCite.FindAllStringSubmatch(e.Answer, -1) {
			law, art := m[1], m[2]
			if law == "" {
				law, art = last, m[3]
			}
			last = law
			n++
			set, ok := articles[lawKey(law)]
			if !ok {
				t.Errorf("%q cites 《%s》, not in the corpus", e.Question, law)
				continue
			}
			if !set[art] {
				t.Errorf("%q cites 《%s》%s, no such article in the corpus", e.Question, law, art)
			}
		}
	}
	if n < 30 {
		t.Errorf("checked only %d citations", n)
	}
}

// lawKey lets 〈〉 inside a title match the corpus's 《》.
func lawKey(s string) string {
	return strings.NewReplacer("〈", "《", "〉", "》", " ", "").Replace(strings.TrimSpace(s))
}

// corpusDir finds ../shared/corpus/laws beside the repository root.
func corpusDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(sharedtest.Root(t, "corpus/laws"), "corpus", "laws")
}
