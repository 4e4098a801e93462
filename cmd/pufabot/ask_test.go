package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// testLaw is a small law file in the corpus format.
const testLaw = `# 中华人民共和国人民调解法

2010年8月28日 第十一届全国人民代表大会常务委员会第十六次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。

第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷的活动。

第四条 人民调解委员会调解民间纠纷，不收取任何费用。
`

// dataWithLaw returns a data directory with testLaw loaded.
func dataWithLaw(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	law := filepath.Join(dir, "人民调解法(2010-08-28).md")
	if err := os.WriteFile(law, []byte(testLaw), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if code, _, errOut := run(t, "", "kb", "add", "--data-dir", data, law); code != 0 {
		t.Fatalf("kb add: exit %d: %s", code, errOut)
	}
	return data
}

type askJSON struct {
	Question  string `json:"question"`
	Mode      string `json:"mode"`
	Covered   bool   `json:"covered"`
	Text      string `json:"text"`
	Citations []struct {
		Law     string `json:"law"`
		Article string `json:"article"`
	} `json:"citations"`
	LatencyMS *int64 `json:"latency_ms"`
}

func TestAskJSONAndStdin(t *testing.T) {
	data := dataWithLaw(t)

	code, out, errOut := run(t, "", "ask", "--json", "--data-dir", data, "人民调解委员会调解纠纷收费吗")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a askJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if a.Question != "人民调解委员会调解纠纷收费吗" || a.Mode != "extractive" || !a.Covered || a.LatencyMS == nil {
		t.Errorf("got %+v", a)
	}
	found := false
	for _, c := range a.Citations {
		found = found || (c.Law == "中华人民共和国人民调解法" && c.Article == "第四条")
	}
	if !found || !strings.Contains(a.Text, "依据：") {
		t.Errorf("citations %+v, text:\n%s", a.Citations, a.Text)
	}

	code, out, _ = run(t, "人民调解委员会调解纠纷收费吗\n\n今天星期几\n救命，他正在打我\n", "ask", "--json", "--data-dir", data)
	if code != 0 {
		t.Fatalf("stdin: exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 JSON lines, got %d:\n%s", len(lines), out)
	}
	wantModes := []string{"extractive", "offtopic", "safety"}
	for i, l := range lines {
		var a askJSON
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if a.Mode != wantModes[i] {
			t.Errorf("line %d mode = %s, want %s", i+1, a.Mode, wantModes[i])
		}
		if i > 0 && len(a.Citations) != 0 {
			t.Errorf("line %d cites %+v", i+1, a.Citations)
		}
	}

	code, out, _ = run(t, "", "ask", "--data-dir", data, "人民调解委员会调解纠纷收费吗")
	if code != 0 || !strings.Contains(out, "《中华人民共和国人民调解法》第四条") || strings.HasPrefix(out, "{") {
		t.Errorf("plain ask: exit %d\n%s", code, out)
	}
}

func TestQuestionsListAndAnswer(t *testing.T) {
	data := dataWithLaw(t)
	// Not covered by the one law loaded: referred and logged as unanswered.
	code, out, errOut := run(t, "", "ask", "--json", "--user", "r1", "--data-dir", data, "林权证丢了怎么补办")
	if code != 0 {
		t.Fatalf("ask: exit %d: %s", code, errOut)
	}
	var a askJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil || a.Mode != "referral" || a.Covered || !strings.Contains(a.Text, "12348") {
		t.Fatalf("want a referral, got %+v (%v)", a, err)
	}

	code, out, _ = run(t, "", "questions", "list", "--unanswered", "--data-dir", data)
	if code != 0 || !strings.Contains(out, "林权证丢了怎么补办") || !strings.Contains(out, "待答复") {
		t.Fatalf("list --unanswered: exit %d\n%s", code, out)
	}
	id := regexp.MustCompile(`(?m)^(\d+)\s`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("no id in:\n%s", out)
	}
	if code, out, _ = run(t, "", "questions", "list", "--since", "2099-01-01", "--data-dir", data); code != 0 || !strings.Contains(out, "没有符合条件") {
		t.Errorf("list --since future: exit %d\n%s", code, out)
	}
	if code, _, _ = run(t, "", "questions", "list", "--since", "yesterday", "--data-dir", data); code != 2 {
		t.Errorf("bad --since: exit %d, want 2", code)
	}

	code, out, errOut = run(t, "", "questions", "answer", "--data-dir", data, id[1], "先找村委会调解，不成可以向镇政府申请处理。")
	if code != 0 || !strings.Contains(out, "已答复第"+id[1]+"号") || !strings.Contains(out, "没能推送") {
		t.Fatalf("answer: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ = run(t, "", "questions", "list", "--unanswered", "--data-dir", data); code != 0 || strings.Contains(out, "宅基地") {
		t.Errorf("answered question still unanswered:\n%s", out)
	}
	// The reply is now a FAQ entry: the same question gets it.
	code, out, _ = run(t, "", "ask", "--json", "--data-dir", data, "林权证丢了怎么补办")
	if err := json.Unmarshal([]byte(out), &a); err != nil || a.Mode != "faq" || !strings.Contains(a.Text, "先找村委会调解") {
		t.Errorf("after the reply: exit %d, %+v", code, a)
	}
	if code, _, _ = run(t, "", "questions", "answer", "--data-dir", data, "9999", "x"); code != 1 {
		t.Errorf("unknown id: exit %d, want 1", code)
	}
}

func TestAskWithLLMSection(t *testing.T) {
	data := dataWithLaw(t)
	var prompts []string
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-env" {
			t.Errorf("LLM got %s auth %q", r.URL.Path, r.Header.Get("Authorization"))
		}
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		prompts = append(prompts, req.Messages[len(req.Messages)-1].Content)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"不收费。《中华人民共和国人民调解法》第四条规定人民调解委员会调解民间纠纷不收取任何费用，另见《民法典》第九百九十九条。"}}]}`)
	}))
	defer llm.Close()
	cfg := filepath.Join(t.TempDir(), "pufabot.toml")
	body := fmt.Sprintf("[llm]\nbase_url = %q\nmodel = \"m\"\ntimeout = \"2s\"\n", llm.URL+"/v1")
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "PUFABOT_LLM_API_KEY" {
				return "sk-env"
			}
			return ""
		},
		Now: func() time.Time { return time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC) }}
	if code := m.Run(context.Background(), []string{"ask", "--json", "--config", cfg, "--data-dir", data, "人民调解委员会调解纠纷收费吗"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var a askJSON
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if a.Mode != "llm" || strings.Contains(a.Text, "第九百九十九条") || len(a.Citations) != 1 || a.Citations[0].Article != "第四条" {
		t.Errorf("got %+v", a)
	}
	if len(prompts) != 1 || !strings.Contains(prompts[0], "不收取任何费用") {
		t.Errorf("prompts = %q", prompts)
	}
}

func TestChatFeedbackAfterAnswer(t *testing.T) {
	data := dataWithLaw(t)
	code, out, _ := run(t, "人民调解委员会调解纠纷收费吗\n有用\n", "chat", "--data-dir", data)
	if code != 0 || !strings.Contains(out, "第四条") || !strings.Contains(out, "谢谢您的反馈") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "questions", "list", "--json", "--data-dir", data)
	if code != 0 || !strings.Contains(out, `"feedback":"useful"`) {
		t.Errorf("feedback not stored: exit %d\n%s", code, out)
	}
}

func TestAskStdinWithUserIsAConversation(t *testing.T) {
	data := dataWithLaw(t)
	// With --user, the second line is a follow-up of the first; without, it
	// stands alone (no legal word, nothing shared with the law: off-topic).
	code, out, _ := run(t, "人民调解委员会调解纠纷收费吗\n那如果他们收了呢？\n", "ask", "--json", "--user", "u1", "--data-dir", data)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	var a askJSON
	if err := json.Unmarshal([]byte(lines[1]), &a); err != nil || !a.Covered {
		t.Errorf("follow-up with --user: %+v (%v)", a, err)
	}
	code, out, _ = run(t, "人民调解委员会调解纠纷收费吗\n那如果他们收了呢？\n", "ask", "--json", "--data-dir", data)
	lines = strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if err := json.Unmarshal([]byte(lines[1]), &a); err != nil || a.Covered {
		t.Errorf("without --user the follow-up stood on its own yet was covered: %+v (%v)", a, err)
	}
}

// TestQuickStartAnswersFromStarterFAQ is the README's quick start: a fresh
// data dir holds only the starter FAQ, and everyday questions worded unlike
// the FAQ's own questions still get its curated answers, while off-topic
// messages get no law.
func TestQuickStartAnswersFromStarterFAQ(t *testing.T) {
	data := t.TempDir()
	in := "邻居占了我家宅基地怎么办\n被车撞了对方不赔钱\n借钱不还怎么办\n红烧肉怎么做\n"
	code, out, errOut := run(t, in, "ask", "--json", "--data-dir", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	for i, line := range lines {
		var a askJSON
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if i < 3 {
			if a.Mode != "faq" || !a.Covered || len(a.Citations) == 0 || !strings.Contains(a.Text, "依据") {
				t.Errorf("%q: mode %s covered %v citations %v\n%s", a.Question, a.Mode, a.Covered, a.Citations, a.Text)
			}
		} else if len(a.Citations) != 0 || a.Covered {
			t.Errorf("off-topic %q answered with law: %+v", a.Question, a)
		}
	}
}
