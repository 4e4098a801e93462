package activity

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// sharedEval finds ../shared/eval/name beside the repository root, or
// skips the test.
func sharedEval(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "eval", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found (../shared/eval beside the repo): %v", name, err)
	}
	return p
}

func readJSONL(t *testing.T, path string, each func(line []byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		each(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestIsReportOnSharedEval measures the clerk's report detection on the
// shared sets: every activity_dev message is a cadre's report and must be
// taken as one; no resident question of legal_qa_dev may be.
func TestIsReportOnSharedEval(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	reports, taken := 0, 0
	readJSONL(t, sharedEval(t, "activity_dev.jsonl"), func(line []byte) {
		var it struct{ ID, Now, Text string }
		if err := json.Unmarshal(line, &it); err != nil {
			t.Fatal(err)
		}
		now, _ := time.Parse(time.RFC3339, it.Now)
		_, found := ParseDetailed(it.Text, now, loc)
		reports++
		if IsReport(it.Text, found) && !IsPlan(it.Text) {
			taken++
		} else {
			t.Logf("report not taken: %s %q %+v", it.ID, it.Text, found)
		}
	})
	questions, wrong := 0, 0
	now := time.Date(2025, 3, 16, 10, 0, 0, 0, loc)
	readJSONL(t, sharedEval(t, "legal_qa_dev.jsonl"), func(line []byte) {
		var it struct{ ID, Question string }
		if err := json.Unmarshal(line, &it); err != nil {
			t.Fatal(err)
		}
		_, found := ParseDetailed(it.Question, now, loc)
		questions++
		if IsReport(it.Question, found) || IsPlan(it.Question) {
			wrong++
			t.Logf("question taken as report or plan: %s %q", it.ID, it.Question)
		}
	})
	t.Logf("reports taken %d/%d, questions taken as reports or plans %d/%d", taken, reports, wrong, questions)
	if taken < reports*95/100 {
		t.Errorf("only %d of %d reports recognised", taken, reports)
	}
	if wrong > questions/100 {
		t.Errorf("%d of %d questions taken as reports", wrong, questions)
	}
}
