// Package sharedtest finds the shared material (law corpus, eval sets, the
// wxclient tool) that sits in ../shared beside the repository in CI. Tests
// and benchmarks that need it skip, with a message saying what is missing,
// on a clone where it is absent.
package sharedtest

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Root returns the shared directory (../shared beside the directory that
// holds go.mod). It skips tb unless need, a path inside it such as
// "corpus/laws", exists.
func Root(tb testing.TB, need string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(filepath.Join(shared, need)); err != nil {
		tb.Skipf("%s not found (../shared sits beside the repository in CI, not in a user's clone): %v",
			filepath.Join(shared, need), err)
	}
	return shared
}

// Questions returns the "question" field of every line of an eval JSONL
// file, in order; it skips tb when the file is absent.
func Questions(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("questions: %v", err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var it struct {
			Question string `json:"question"`
		}
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		qs = append(qs, it.Question)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return qs
}

// FakeWeChatAPI builds ../shared/tools/wxclient and runs its fake WeChat /
// WeCom API (`wxclient fake-api`, args are extra flags) until the test
// ends, and returns its base URL. It skips without the tool or with -short.
func FakeWeChatAPI(tb testing.TB, args ...string) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds and runs wxclient; skipped with -short")
	}
	src := filepath.Join(Root(tb, "tools/wxclient/go.mod"), "tools", "wxclient")
	tmp := tb.TempDir()
	bin := filepath.Join(tmp, "wxclient")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = src // its own module
	if out, err := build.CombinedOutput(); err != nil {
		tb.Fatalf("build wxclient: %v\n%s", err, out)
	}
	addrFile, errFile := filepath.Join(tmp, "addr"), filepath.Join(tmp, "stderr")
	stderr, err := os.Create(errFile)
	if err != nil {
		tb.Fatal(err)
	}
	defer stderr.Close()
	cmd := exec.Command(bin, append([]string{"fake-api", "-listen", "127.0.0.1:0", "-addr-file", addrFile,
		"-log", filepath.Join(tmp, "calls.jsonl")}, args...)...)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start fake-api: %v", err)
	}
	tb.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(addrFile); err == nil && strings.TrimSpace(string(b)) != "" {
			base := strings.TrimSpace(string(b))
			if !strings.HasPrefix(base, "http") {
				base = "http://" + base
			}
			return base
		}
	}
	out, _ := os.ReadFile(errFile)
	tb.Fatalf("fake-api did not write its address within 10 s; its stderr:\n%s", out)
	return ""
}
