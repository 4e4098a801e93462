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
