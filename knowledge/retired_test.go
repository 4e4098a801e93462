package knowledge

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// TestRetiredLawKeepsItsFAQOut: a curated answer citing a law that an
// admin retired is no longer given; it comes back with the law.
func TestRetiredLawKeepsItsFAQOut(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	b := openTest(t, db, newCounting("c/64"), true)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw})
	if _, err := b.AddPaths(ctx, []string{filepath.Join(dir, "乡村测试法.md")}, nil); err != nil {
		t.Fatal(err)
	}
	const q = "家里人动手打人，法律管不管？"
	if _, err := b.AddFAQ(ctx, q, "管。《中华人民共和国乡村测试法》第二条写明禁止家庭暴力。可以找村委会调解，也可以报警。", "test"); err != nil {
		t.Fatal(err)
	}
	a := baseAnswerer(t, db, b)
	ask := func(user string) Answer {
		ans, err := a.Answer(ctx, bot.Question{Channel: bot.ChannelWeChat, UserID: user, Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if ans := ask("u1"); ans.Mode != questions.ModeFAQ {
		t.Fatalf("before retiring: mode %s, want faq:\n%s", ans.Mode, ans.Text)
	}
	var lawID string
	docs, err := b.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Kind == "law" {
			lawID = d.ID
		}
	}
	if err := b.Retire(ctx, lawID, StatusRepealed); err != nil {
		t.Fatal(err)
	}
	if !b.RetiredLaw("乡村测试法") || !b.RetiredLaw("中华人民共和国乡村测试法") || b.RetiredLaw("民法典") {
		t.Errorf("RetiredLaw: retired law not reported, or an unknown one reported")
	}
	if ans := ask("u2"); ans.Mode == questions.ModeFAQ {
		t.Errorf("after retiring the law it cites, the curated answer is still given:\n%s", ans.Text)
	}
	if err := b.Retire(ctx, lawID, StatusCurrent); err != nil {
		t.Fatal(err)
	}
	if ans := ask("u3"); ans.Mode != questions.ModeFAQ {
		t.Errorf("law back in use: mode %s, want faq", ans.Mode)
	}
}
