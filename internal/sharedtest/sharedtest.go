// Package sharedtest finds the shared material (law corpus, eval sets, the
// wxclient tool) that sits in ../shared beside the repository in CI. Tests
// and benchmarks that need it skip, with a message saying what is missing,
// on a clone where it is absent.
package sharedtest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
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
