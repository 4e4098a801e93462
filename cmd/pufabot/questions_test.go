package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// askID asks a question as user and returns its question-log id.
func askID(t *testing.T, data, user, text string) string {
	t.Helper()
	code, out, errOut := run(t, "", "ask", "--json", "--user", user, "--data-dir", data, text)
	if code != 0 {
		t.Fatalf("ask %q: exit %d: %s", text, code, errOut)
	}
	code, out, _ = run(t, "", "questions", "list", "--json", "--data-dir", data)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var q struct {
			ID       json.Number `json:"id"`
			Question string      `json:"question"`
		}
		if json.Unmarshal([]byte(line), &q) == nil && q.Question == text {
			return q.ID.String()
		}
	}
	t.Fatalf("question %q not in the log:\n%s", text, out)
	return ""
}

func TestQuestionsAnswerRefusesSecondAnswerAndNonQuestions(t *testing.T) {
	data := dataWithLaw(t)
	id := askID(t, data, "r1", "林权证丢了怎么补办")
	greeting := askID(t, data, "r2", "你好")

	steps := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // on stdout (exit 0) or stderr
	}{
		{"first answer", []string{id, "先找村委会调解。"}, 0, "已答复第" + id + "号"},
		{"second answer refused", []string{id, "直接起诉。"}, 1, "was already answered (已答复·未送达): \"先找村委会调解。\"; nothing was changed"},
		{"--force replaces", []string{"--force", id, "先调解，不成再起诉。"}, 0, "已答复第" + id + "号"},
		{"greeting refused", []string{greeting, "你好。"}, 1, "is not a resident's legal question (\"你好\""},
		{"greeting refused with --force", []string{"--force", greeting, "你好。"}, 1, "needs no answer"},
	}
	for _, s := range steps {
		code, out, errOut := run(t, "", append([]string{"questions", "answer", "--data-dir", data}, s.args...)...)
		got := out
		if code != 0 {
			got = errOut
		}
		if code != s.wantCode || !strings.Contains(got, s.wantOut) {
			t.Errorf("%s: exit %d\n%s%s\nwant exit %d and %q", s.name, code, out, errOut, s.wantCode, s.wantOut)
		}
	}
	// The FAQ holds the forced answer, the greeting made none.
	code, out, _ := run(t, "", "ask", "--json", "--data-dir", data, "林权证丢了怎么补办")
	if code != 0 || !strings.Contains(out, "先调解，不成再起诉") {
		t.Errorf("FAQ after --force: exit %d %s", code, out)
	}
	code, out, _ = run(t, "", "questions", "list", "--json", "--data-dir", data)
	if m := regexp.MustCompile(`"question":"你好","reply":"([^"]*)"`).FindStringSubmatch(out); code != 0 || (m != nil && m[1] != "") {
		t.Errorf("greeting got a reply:\n%s", out)
	}
}

func TestQuestionsListLimitMustBePositive(t *testing.T) {
	data := t.TempDir()
	for _, v := range []string{"-1", "0"} {
		if code, _, errOut := run(t, "", "questions", "list", "--limit", v, "--data-dir", data); code != 2 || !strings.Contains(errOut, "--limit must be a positive number") {
			t.Errorf("--limit %s: exit %d %q, want 2 and a usage error", v, code, errOut)
		}
	}
}

// A staff answer that could not be pushed (the terminal cannot push) comes
// in front of the reply to the resident's next message, in another process.
func TestUndeliveredAnswerComesWithNextMessage(t *testing.T) {
	data := dataWithLaw(t)
	id := askID(t, data, "r1", "林权证丢了怎么补办")
	if code, out, errOut := run(t, "", "questions", "answer", "--data-dir", data, id, "先找村委会调解。"); code != 0 || !strings.Contains(out, "他下次发消息时会先收到这条答复") {
		t.Fatalf("answer: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run(t, "你好\n谢谢\n", "chat", "--user", "r1", "--data-dir", data)
	if code != 0 || strings.Count(out, "先找村委会调解。") != 1 || !strings.Contains(out, "您之前问的\"林权证丢了怎么补办\"") {
		t.Fatalf("chat: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "questions", "list", "--data-dir", data)
	if code != 0 || !strings.Contains(out, "已答复·已送达") {
		t.Errorf("after the next message:\n%s", out)
	}
}
