package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// run runs the whole program with args and stdin, returning exit code,
// stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC) },
	}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestHelpListsEverySubcommand(t *testing.T) {
	code, out, _ := run(t, "", "help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, c := range []string{"serve", "chat", "version", "help", "kb", "activity", "users", "jobs", "questions", "ask"} {
		if !strings.Contains(out, "  "+c+" ") {
			t.Errorf("help does not list %q:\n%s", c, out)
		}
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	code, _, errOut := run(t, "", "serv")
	if code != 2 || !strings.Contains(errOut, `unknown command "serv"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "pufabot ") {
		t.Fatalf("exit %d out %q", code, out)
	}
}

func TestChatPipedStdinGoesThroughBot(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "帮助\n\n更多\n", "chat", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "解答日常法律问题") || !strings.Contains(out, "没有更多内容") {
		t.Fatalf("chat output:\n%s", out)
	}
	if strings.Contains(out, "> ") {
		t.Fatal("piped stdin must not print prompts")
	}
}

func TestChatAsAdminSeesAdminHelp(t *testing.T) {
	code, out, errOut := run(t, "帮助\n", "chat", "--as", "admin", "--data-dir", t.TempDir())
	if code != 0 || !strings.Contains(out, "管理员") {
		t.Fatalf("exit %d out %q err %q", code, out, errOut)
	}
}

func TestChatRejectsUnknownRole(t *testing.T) {
	code, _, errOut := run(t, "", "chat", "--as", "mayor", "--data-dir", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "--as") {
		t.Fatalf("exit %d err %q", code, errOut)
	}
}

func TestBadConfigStopsStartup(t *testing.T) {
	p := writeConfig(t, "[server]\nlisten = \"nonsense\"\n")
	code, _, errOut := run(t, "", "serve", "--config", p, "--data-dir", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "server.listen") || !strings.Contains(errOut, ":2:") {
		t.Fatalf("exit %d err %q", code, errOut)
	}
}
