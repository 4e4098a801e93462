package knowledge

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/internal/sharedtest"
	"github.com/pufabot/pufabot/knowledge/faq"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// TestAnswerGoalsOnCorpus runs the answer path without an LLM, as a fresh
// data directory with corpus/laws answers, over the dev questions and the
// off-topic messages of testdata/answer_offtopic.txt, and checks the
// issue's figures: ≥ 90 % of dev questions judged covered, ≥ 95 % of
// off-topic messages answered without a law citation. The share of dev
// questions whose extractive answer cites a gold article is logged; its
// goal is 50 %, not yet met (README, Evaluation), so the test holds it
// above a floor that catches a regression. scripts/eval-answers.sh measures
// the same through the CLI. Skipped without ../shared.
func TestAnswerGoalsOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("loads corpus/laws; skipped with -short")
	}
	shared := sharedtest.Root(t, "corpus/laws")
	dev := readGold(t, filepath.Join(shared, "eval", "legal_qa_dev.jsonl"))
	off := readLines(t, filepath.Join("testdata", "answer_offtopic.txt"))

	ctx := context.Background()
	kb, log := lawsBase(t, shared)
	a, err := NewAnswerer(DefaultAnswerConfig(), LLMConfig{}, AnswererDeps{Search: kb, FAQ: kb, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(i int, text string) Answer {
		// One user per question: no conversation carries over.
		ans, err := a.Answer(ctx, bot.Question{Channel: bot.ChannelWeChat, UserID: fmt.Sprintf("goal-%d", i), Text: text})
		if err != nil {
			t.Fatalf("Answer(%q): %v", text, err)
		}
		return ans
	}

	var covered, cited int
	for i, it := range dev {
		ans := ask(i, it.Question)
		if ans.Covered {
			covered++
		}
		if citesGold(ans.Citations, it.Gold) {
			cited++
		}
	}
	var clean int
	for i, q := range off {
		ans := ask(len(dev)+i, q)
		if len(ans.Citations) == 0 {
			clean++
		} else {
			t.Logf("off-topic message cited a law: %q → %v", q, ans.Citations)
		}
	}
	share := func(n, of int) float64 { return float64(n) / float64(of) }
	t.Logf("dev: covered %d/%d (%.1f%%), gold article cited %d/%d (%.1f%%); off-topic without a citation %d/%d (%.1f%%)",
		covered, len(dev), 100*share(covered, len(dev)), cited, len(dev), 100*share(cited, len(dev)),
		clean, len(off), 100*share(clean, len(off)))
	if share(covered, len(dev)) < 0.90 {
		t.Errorf("covered %d/%d, goal ≥ 90%%", covered, len(dev))
	}
	if share(clean, len(off)) < 0.95 {
		t.Errorf("off-topic without a citation %d/%d, goal ≥ 95%%", clean, len(off))
	}
	// 46.7 % when this test was written; the floor leaves the dev set's
	// noise (±2 points) and catches a real regression.
	if share(cited, len(dev)) < 0.44 {
		t.Errorf("gold article cited %d/%d, below the 44%% regression floor (goal 50%%)", cited, len(dev))
	}

	// Troubles told in everyday words, some beside a word that looks
	// off-topic (咳嗽, 哪天, 下雨): none is steered away.
	for i, q := range readLines(t, filepath.Join("testdata", "troubles_blind.txt")) {
		if ans := ask(len(dev)+len(off)+i, q); ans.Mode == questions.ModeOffTopic {
			t.Errorf("a resident's trouble got the off-topic steer: %q", q)
		}
	}

	// Residents' own wordings of curated questions, with the laws loaded.
	// When this was written: 78/160 and 71/160 got their entry, 6 and 6
	// another entry (before faq_lead: 44 and 3, 2 and 2).
	checkOwnWordings(t, a, "faq_paraphrases.jsonl", 0.40, 0.05)
	checkOwnWordings(t, a, "faq_paraphrases_blind.jsonl", 0.38, 0.05)
}

// TestOwnWordingsGetCuratedAnswers asks the starter FAQ's questions as
// residents word them on a fresh knowledge base, the starter FAQ alone.
// testdata/faq_paraphrases.jsonl holds two wordings each of 80 entries, a
// short one and a told story, on which faq_lead was chosen;
// faq_paraphrases_blind.jsonl two more of each, written by someone who had
// not seen the answerer, and measured after.
func TestOwnWordingsGetCuratedAnswers(t *testing.T) {
	// When this was written: 112/160 and 98/160 got their entry, 20 and 19
	// another entry (before faq_lead: 96 and 75, 18 and 16).
	a := starterAnswerer(t)
	checkOwnWordings(t, a, "faq_paraphrases.jsonl", 0.60, 0.15)
	checkOwnWordings(t, a, "faq_paraphrases_blind.jsonl", 0.52, 0.15)
}

// checkOwnWordings asks every wording of testdata/name and fails when
// fewer than minHit get their own entry's answer or more than maxWrong
// another entry's.
func checkOwnWordings(t *testing.T, a *Answerer, name string, minHit, maxWrong float64) {
	t.Helper()
	answers := map[string]string{}
	for _, e := range faq.Entries() {
		answers[e.Question] = e.Answer
	}
	var hit, wrong int
	modes := map[string]int{}
	lines := readLines(t, filepath.Join("testdata", name))
	for i, line := range lines {
		var it struct{ Entry, Q string }
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatalf("%s:%d: %v", name, i+1, err)
		}
		want, ok := answers[it.Entry]
		if !ok {
			t.Fatalf("%s:%d: no starter entry %q", name, i+1, it.Entry)
		}
		ans, err := a.Answer(context.Background(), bot.Question{Channel: bot.ChannelWeChat, UserID: fmt.Sprintf("%s-%d", name, i), Text: it.Q})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case ans.Mode == questions.ModeFAQ && strings.HasPrefix(ans.Text, firstRunes(want, 30)):
			hit++
		case ans.Mode == questions.ModeFAQ:
			wrong++
			t.Logf("%s: another entry: %q (for %q): %s", name, it.Q, it.Entry, firstRunes(ans.Text, 40))
		default:
			modes[ans.Mode]++
		}
	}
	n := float64(len(lines))
	t.Logf("%s: %d/%d got their entry, %d another entry, others %v", name, hit, len(lines), wrong, modes)
	if float64(hit) < minHit*n {
		t.Errorf("%s: %d/%d wordings got their entry, want ≥ %.0f%%", name, hit, len(lines), 100*minHit)
	}
	if float64(wrong) > maxWrong*n {
		t.Errorf("%s: %d/%d wordings got another entry, want ≤ %.0f%%", name, wrong, len(lines), 100*maxWrong)
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// lawsBase returns a knowledge base loaded with corpus/laws (and the
// starter FAQ), as a fresh data directory has after `kb add`, and the
// question log beside it; both close with tb.
func lawsBase(tb testing.TB, shared string) (*Base, *questions.Store) {
	tb.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	kb, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := kb.AddPaths(ctx, []string{filepath.Join(shared, "corpus", "laws")}, nil); err != nil {
		tb.Fatal(err)
	}
	log, err := questions.Open(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	return kb, log
}

type goldItem struct {
	Question string `json:"question"`
	Gold     []struct {
		Law     string `json:"law"`
		Article string `json:"article"`
	} `json:"gold"`
}

// citesGold reports whether one of the answer's citations is a gold
// article, law names compared without the 中华人民共和国 prefix.
func citesGold(cites []Citation, gold []struct {
	Law     string `json:"law"`
	Article string `json:"article"`
}) bool {
	short := func(law string) string { return strings.TrimPrefix(strings.TrimSpace(law), "中华人民共和国") }
	for _, c := range cites {
		for _, g := range gold {
			if short(c.Law) == short(g.Law) && c.Article == g.Article {
				return true
			}
		}
	}
	return false
}

func readGold(t *testing.T, path string) []goldItem {
	t.Helper()
	var items []goldItem
	for i, line := range readLines(t, path) {
		var it goldItem
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		t.Fatalf("%s: no questions", path)
	}
	return items
}

// readLines returns the non-blank lines of a file that do not start
// with #.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// TestStarterQuestionsGetTheirAnswers: every question of the starter FAQ,
// asked word for word on a fresh knowledge base (the starter FAQ alone),
// gets a curated answer; none is steered away as off-topic or referred,
// even when it holds an off-topic cue (健身房, 手机, 网吧).
func TestStarterQuestionsGetTheirAnswers(t *testing.T) {
	ctx := context.Background()
	a := starterAnswerer(t)
	entries := faq.Entries()
	var other []string
	for i, e := range entries {
		ans, err := a.Answer(ctx, bot.Question{Channel: bot.ChannelWeChat, UserID: fmt.Sprintf("s%d", i), Text: e.Question})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Mode != questions.ModeFAQ && ans.Mode != questions.ModeSafety {
			other = append(other, fmt.Sprintf("%s → %s", e.Question, ans.Mode))
		}
	}
	if len(other) > 0 {
		t.Errorf("%d of %d starter questions did not get a curated answer:\n%s", len(other), len(entries), strings.Join(other, "\n"))
	}
}

// TestBlindTroublesOnStarterFAQ: troubles from a blind probe (session 7)
// that got another entry, or the off-topic steer, on a fresh installation.
func TestBlindTroublesOnStarterFAQ(t *testing.T) {
	a := starterAnswerer(t)
	for q, want := range map[string]string{
		// Got the entry on declaring a missing husband dead.
		"老公经常喝酒打我，我想离婚": "家庭暴力是法律明确禁止的",
		// Got nothing: 打了一顿 was not a word for a beating.
		"被邻居打了一顿，牙掉了两颗": "治安管理处罚法",
	} {
		ans, err := a.Answer(context.Background(), bot.Question{Channel: bot.ChannelWeChat, UserID: "t-" + q, Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(ans.Text, want) {
			t.Errorf("%q (mode %s) lacks %q:\n%s", q, ans.Mode, want, ans.Text)
		}
	}
}

// starterAnswerer answers from a fresh knowledge base: the starter FAQ
// alone, no LLM.
func starterAnswerer(t *testing.T) *Answerer {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	kb, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return baseAnswerer(t, db, kb)
}

// baseAnswerer answers from b, without an LLM, logging to a question log
// on db.
func baseAnswerer(t *testing.T, db *sql.DB, b *Base) *Answerer {
	t.Helper()
	log, err := questions.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewAnswerer(DefaultAnswerConfig(), LLMConfig{}, AnswererDeps{Search: b, FAQ: b, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSuggestedQuestionsAreAnswered: the example questions the bot itself
// suggests (the greeting, the off-topic steer, the welcome and help texts
// of bot/text.go) get a curated answer on a fresh installation, not a
// referral.
func TestSuggestedQuestionsAreAnswered(t *testing.T) {
	botText, err := os.ReadFile(filepath.Join("..", "bot", "text.go"))
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`比如(?:\\?"[^"\\]+\\?")+`)
	inner := regexp.MustCompile(`"([^"\\]+)\\?"`)
	var examples []string
	for _, text := range []string{textGreeting, textOffTopic, string(botText)} {
		for _, m := range quoted.FindAllString(text, -1) {
			for _, q := range inner.FindAllStringSubmatch(m, -1) {
				if !strings.Contains(q[1], "开展") && !strings.Contains(q[1], "答复") { // a cadre's report, an admin's command
					examples = append(examples, q[1])
				}
			}
		}
	}
	if len(examples) < 4 {
		t.Fatalf("found %d suggested questions (%q), want the greeting's, the steer's and the help's", len(examples), examples)
	}
	a := starterAnswerer(t)
	for i, q := range examples {
		ans, err := a.Answer(context.Background(), bot.Question{Channel: bot.ChannelWeChat, UserID: fmt.Sprintf("e%d", i), Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Mode != questions.ModeFAQ {
			t.Errorf("suggested question %q → %s, want a curated answer:\n%s", q, ans.Mode, ans.Text)
		}
	}
}

// TestAnsweredFollowUpStaysWithItsTopic: an admin's answer to a follow-up
// (那如果他不同意呢 after a divorce question) is filed under the question
// with its earlier turn, so another resident's follow-up on wages, or the
// bare words as a first message, do not get the divorce answer.
func TestAnsweredFollowUpStaysWithItsTopic(t *testing.T) {
	ctx := context.Background()
	a := starterAnswerer(t)
	at := time.Now()
	ask := func(user, text string) Answer {
		at = at.Add(time.Minute)
		ans, err := a.Answer(ctx, bot.Question{Channel: bot.ChannelWeChat, UserID: user, Text: text, At: at})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	ask("a", "老公打我，我能离婚吗")
	follow := ask("a", "那如果他不同意呢")
	if follow.QuestionID == 0 {
		t.Fatal("the follow-up was not logged")
	}
	const reply = "对方不同意离婚的，您可以向法院起诉离婚，法院会先调解。"
	res, err := a.Reply(ctx, follow.QuestionID, reply, "admin")
	if err != nil {
		t.Fatal(err)
	}
	if res.FAQDocID == "" {
		t.Fatal("the answer did not become an FAQ entry")
	}
	ask("b", "老板欠我三个月工资不给")
	if got := ask("b", "那如果他不同意呢"); strings.Contains(got.Text, "起诉离婚") {
		t.Errorf("a follow-up on wages got the divorce answer:\n%s", got.Text)
	}
	if got := ask("c", "那如果他不同意呢"); strings.Contains(got.Text, "起诉离婚") {
		t.Errorf("the bare follow-up got the divorce answer:\n%s", got.Text)
	}
	if got := ask("d", "老公打我，我能离婚吗，那如果他不同意呢"); !strings.Contains(got.Text, "起诉离婚") {
		t.Errorf("the question with its context (mode %s) did not get the answer:\n%s", got.Mode, got.Text)
	}
}
