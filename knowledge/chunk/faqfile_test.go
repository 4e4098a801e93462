package chunk

import (
	"os"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/knowledge/loader"
)

// The starter FAQ shipped with the knowledge base must come out as one
// chunk per question, its answer kept whole.
func TestStarterFAQ(t *testing.T) {
	const path = "../faq/starter.md"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("starter FAQ not present: %v", err)
	}
	doc, err := loader.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	meta, chunks := Split(doc, "")
	if meta.Kind != KindFAQ {
		t.Fatalf("kind = %q, want faq", meta.Kind)
	}
	questions := 0
	for _, b := range doc.Blocks {
		if b.Kind == loader.Heading && isQuestionHeading(b.Text) {
			questions++
		}
	}
	qa := 0
	for _, c := range chunks {
		if strings.HasSuffix(c.Title, "？") || strings.HasSuffix(c.Title, "?") {
			qa++
			if !strings.HasPrefix(c.Text, c.Title) || !strings.Contains(c.Text, "\n答：") {
				t.Errorf("Q/A chunk not whole: %q", c.Text)
			}
		}
	}
	if questions < 30 || qa != questions {
		t.Errorf("%d question headings, %d Q/A chunks", questions, qa)
	}
}

// TestOneQuestionFile: a file holding a single question and its answer is
// an FAQ, not publicity material quoted as 《问：…》.
func TestOneQuestionFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"one.md":      "# 村务问答\n\n## 问：村里的垃圾清运费每户交多少？\n\n答：每户每年60元，由村委会统一收取。\n",
		"bare.md":     "## 垃圾清运费每户交多少？\n\n每户每年60元。\n",
		"material.md": "# 防范电信诈骗\n\n## 一、常见骗局\n\n冒充客服退款。\n\n## 怎样防范？\n\n不点陌生链接。\n",
	} {
		path := dir + "/" + name
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		doc, err := loader.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		want := KindFAQ
		if name == "material.md" {
			want = KindMaterial
		}
		if got := Detect(doc); got != want {
			t.Errorf("%s: kind %q, want %q", name, got, want)
		}
	}
}
