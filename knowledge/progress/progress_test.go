package progress

import (
	"strings"
	"testing"
	"time"
)

func TestLinesAtTenPercentSteps(t *testing.T) {
	var b strings.Builder
	r := New(&b, false)
	clock := time.Unix(0, 0)
	r.now = func() time.Time { return clock }
	r.Start("加载", 100)
	for i := 0; i < 100; i++ {
		r.Step("f.md")
	}
	r.Done()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// "0/100", then 10 %, 20 % … 90 %, then the final line.
	if len(lines) != 11 {
		t.Fatalf("got %d lines, want 11:\n%s", len(lines), b.String())
	}
	if !strings.Contains(lines[1], "10/100 (10%)") || !strings.Contains(lines[10], "100/100 done") {
		t.Errorf("unexpected lines:\n%s", b.String())
	}
	if strings.Contains(b.String(), "\r") {
		t.Error("plain output contains carriage returns")
	}
}

func TestLinesEveryFewSecondsWhenSlow(t *testing.T) {
	var b strings.Builder
	r := New(&b, false)
	clock := time.Unix(0, 0)
	r.now = func() time.Time { return clock }
	r.Start("加载", 1000)
	r.Step("a") // 0 %, too soon
	clock = clock.Add(6 * time.Second)
	r.Step("b") // still 0 %, but 6 s passed
	if n := strings.Count(b.String(), "\n"); n != 2 {
		t.Fatalf("got %d lines, want 2 (start + slow tick):\n%s", n, b.String())
	}
}

func TestTerminalBarRedrawsInPlace(t *testing.T) {
	var b strings.Builder
	r := New(&b, true)
	r.Start("嵌入", 3)
	r.Step("一")
	r.Step("二")
	r.Step("三")
	r.Done()
	out := b.String()
	if !strings.Contains(out, "\r") || !strings.Contains(out, "100%") || !strings.Contains(out, "3/3 done") {
		t.Fatalf("bar output = %q", out)
	}
}
