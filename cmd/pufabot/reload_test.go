package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// wechatAsker sends residents' questions to a running serve's /wechat in
// plain mode, each from a new user (no conversation context carries over)
// with a new MsgId, and returns the passive reply's text.
type wechatAsker struct {
	base string
	n    atomic.Int64
}

func (w *wechatAsker) ask(t *testing.T, question string) string {
	t.Helper()
	n := w.n.Add(1)
	return postWeChatText(t, w.base, fmt.Sprintf("oReload%d", n), question, 7000000000000000000+n)
}

// eventually asks question until the reply satisfies ok, for at most 10 s
// (the server reloads every 200 ms), and returns that reply.
func (w *wechatAsker) eventually(t *testing.T, question, want string, ok func(reply string) bool) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		reply := w.ask(t, question)
		if ok(reply) {
			return reply
		}
		if time.Now().After(deadline) {
			t.Fatalf("the running server's reply to %q never came to %s; last:\n%s", question, want, reply)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// reloadTestLaw is a law added while serve runs: it answers the fee
// question the retired 人民调解法 answered.
const reloadTestLaw = `# 人民调解实施测试条例

<!-- INFO END -->

## 第一章 总则

第五条 人民调解委员会调解民间纠纷，不收取任何费用，人民调解员不得索取、收受当事人的财物。
`

// TestServeSeesKBCommandsWhileRunning: `pufabot kb retire / add` and
// `pufabot questions answer`, run beside a running serve on the same data
// dir, change that server's answers within a few reload intervals, with
// no restart.
func TestServeSeesKBCommandsWhileRunning(t *testing.T) {
	data := dataWithLaw(t) // 人民调解法, via kb add
	base, _, logs := startServeIn(t, data, fmt.Sprintf(
		"[wechat]\ntoken = %q\nrate_limit = 0\n[knowledge]\nreload_interval = \"200ms\"\n", serveToken))
	w := &wechatAsker{base: base}
	const (
		feeQ    = "人民调解委员会调解纠纷收费吗"
		feeCite = "人民调解法》第四条"
		newText = "不得索取、收受当事人的财物"
	)
	if reply := w.ask(t, feeQ); !strings.Contains(reply, feeCite) || strings.Contains(reply, newText) {
		t.Fatalf("before any change: reply to %q lacks %q (or quotes a law not loaded):\n%s", feeQ, feeCite, reply)
	}

	lawID := regexp.MustCompile(`(?m)^(d-[0-9a-f]+)\s.*人民调解法`).FindStringSubmatch(mustRun(t, "kb", "list", "--data-dir", data))
	if lawID == nil {
		t.Fatal("kb list does not show 人民调解法")
	}
	mustRun(t, "kb", "retire", "--data-dir", data, lawID[1])
	w.eventually(t, feeQ, "no longer citing the retired law", func(r string) bool { return !strings.Contains(r, feeCite) })

	src := filepath.Join(t.TempDir(), "人民调解实施测试条例.md")
	if err := os.WriteFile(src, []byte(reloadTestLaw), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "kb", "add", "--data-dir", data, src)
	w.eventually(t, feeQ, "quoting the law just added", func(r string) bool { return strings.Contains(r, newText) })

	// A question the material does not cover, answered by staff with the
	// CLI: the running server then answers it with the reply.
	const forestQ = "林权证丢了怎么补办"
	const staffAnswer = "带身份证到镇林业站申请补办"
	if reply := w.ask(t, forestQ); strings.Contains(reply, staffAnswer) {
		t.Fatalf("answered before staff replied:\n%s", reply)
	}
	id := regexp.MustCompile(`(?m)^(\d+)\s.*林权证`).FindStringSubmatch(mustRun(t, "questions", "list", "--unanswered", "--data-dir", data))
	if id == nil {
		t.Fatal("the question is not listed as unanswered")
	}
	mustRun(t, "questions", "answer", "--data-dir", data, id[1], staffAnswer+"。")
	w.eventually(t, forestQ, "the staff's answer", func(r string) bool { return strings.Contains(r, staffAnswer) })

	if got := strings.Count(logs.String(), "knowledge base reloaded"); got < 3 {
		t.Errorf("%d reload log lines, want one per change (3):\n%s", got, logs)
	}
}

// TestChatSeesQuestionsAnswerWhileRunning: a staff answer given with
// `pufabot questions answer` to another resident's question becomes an
// FAQ entry that a `pufabot chat` already running answers with, without a
// restart.
func TestChatSeesQuestionsAnswerWhileRunning(t *testing.T) {
	data := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "pufabot.toml")
	if err := os.WriteFile(cfg, []byte("[knowledge]\nreload_interval = \"200ms\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	in, feed := io.Pipe()
	out := &syncBuffer{}
	m := &Main{Stdin: in, Stdout: out, Stderr: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	done := make(chan int, 1)
	go func() { done <- m.Run(context.Background(), []string{"chat", "--config", cfg, "--data-dir", data}) }()
	t.Cleanup(func() {
		feed.Close()
		<-done
	})
	say := func(text string) string {
		t.Helper()
		before := out.String()
		if _, err := io.WriteString(feed, text+"\n"); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if s := out.String(); len(s) > len(before) {
				time.Sleep(50 * time.Millisecond) // the rest of a long reply
				return strings.TrimPrefix(out.String(), before)
			}
		}
		t.Fatalf("no reply to %q", text)
		return ""
	}
	say("彩礼能要回来吗") // chat is up, its knowledge base loaded and indexed

	const question = "林权证丢了怎么补办"
	const staffAnswer = "带身份证到镇林业站申请补办"
	mustRun(t, "ask", "--data-dir", data, "--user", "villager-1", question)
	id := regexp.MustCompile(`(?m)^(\d+)\s.*林权证`).FindStringSubmatch(mustRun(t, "questions", "list", "--unanswered", "--data-dir", data))
	if id == nil {
		t.Fatal("the question is not listed as unanswered")
	}
	mustRun(t, "questions", "answer", "--data-dir", data, id[1], staffAnswer+"。")
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(250 * time.Millisecond) {
		reply := say(question)
		if strings.Contains(reply, staffAnswer) {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("chat still does not give the staff's answer:\n%s", reply)
		}
	}
}
