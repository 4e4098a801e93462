package faq

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/internal/sharedtest"
	"github.com/pufabot/pufabot/knowledge/cite"
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
		if len(cite.Articles(e.Answer)) == 0 {
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

// starterVersions records the content of starter.md at each Version: a
// change to the file must come with a new Version, or a data directory
// could not tell the new content from the old (RefreshStarter keeps a
// newer version's FAQ).
var starterVersions = map[int]string{
	1: "fab65dc4c318c78fd4163599d3dc07b9352a930247e9b33ca18f9e96087b0f81",
}

func TestStarterVersion(t *testing.T) {
	sum := sha256.Sum256(Starter())
	got := hex.EncodeToString(sum[:])
	want, ok := starterVersions[Version]
	switch {
	case !ok:
		t.Fatalf("Version %d has no recorded content: add %d: %q to starterVersions", Version, Version, got)
	case got != want:
		t.Fatalf("starter.md changed (sha256 %s) but Version is still %d: bump Version and record the new content", got, Version)
	}
	for v := range starterVersions {
		if v > Version {
			t.Errorf("starterVersions records version %d, newer than Version %d", v, Version)
		}
	}
}

func TestVersionOf(t *testing.T) {
	for source, want := range map[string]int{
		SourceName(1):    1,
		SourceName(12):   12,
		"starter.md":     0, // stored before versions were kept
		"starter.md v":   0,
		"starter.md vx":  0,
		"other.md v3":    0,
		"starter.md v-2": 0,
	} {
		if got := VersionOf(source); got != want {
			t.Errorf("VersionOf(%q) = %d, want %d", source, got, want)
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
	articleRe = regexp.MustCompile(`(?m)^(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十])?)[ 　]`)
)

// TestCitationsExistInCorpus checks every article the starter cites (each
// one of a list too) against
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
		for _, r := range cite.Articles(e.Answer) {
			law, art := r.Law, r.Article
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
