package metrics

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExposition(t *testing.T) {
	r := NewRegistry()
	msgs := r.Counter("pufabot_messages_total", "Messages handled.", "channel", "route")
	lat := r.Histogram("pufabot_llm_seconds", "LLM call latency.", []float64{0.1, 1}, "outcome")
	r.GaugeFunc("up_things", "A gauge.", func() float64 { return 2.5 })
	msgs.Inc("wechat", "help")
	msgs.Add(2, "wechat", "help")
	msgs.Inc("wecom", `we"ird\`)
	lat.Observe(0.05, "ok")
	lat.Observe(0.1, "ok") // on the bound: counts in le="0.1"
	lat.Observe(3, "ok")
	var b strings.Builder
	if _, err := r.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	want := `# HELP pufabot_messages_total Messages handled.
# TYPE pufabot_messages_total counter
pufabot_messages_total{channel="wechat",route="help"} 3
pufabot_messages_total{channel="wecom",route="we\"ird\\"} 1
# HELP pufabot_llm_seconds LLM call latency.
# TYPE pufabot_llm_seconds histogram
pufabot_llm_seconds_bucket{outcome="ok",le="0.1"} 2
pufabot_llm_seconds_bucket{outcome="ok",le="1"} 2
pufabot_llm_seconds_bucket{outcome="ok",le="+Inf"} 3
pufabot_llm_seconds_sum{outcome="ok"} 3.15
pufabot_llm_seconds_count{outcome="ok"} 3
# HELP up_things A gauge.
# TYPE up_things gauge
up_things 2.5
`
	if got := b.String(); got != want {
		t.Errorf("exposition:\n%s\nwant:\n%s", got, want)
	}
}

func TestNilIsSafe(t *testing.T) {
	var c *CounterVec
	var h *HistogramVec
	c.Inc("x")
	h.Observe(1, "x")
	if c.Value("x") != 0 || h.Count("x") != 0 {
		t.Error("nil metrics report values")
	}
}

func TestWrongLabelCountPanics(t *testing.T) {
	c := NewRegistry().Counter("c_total", "c", "a", "b")
	defer func() {
		if recover() == nil {
			t.Error("no panic for a missing label value")
		}
	}()
	c.Inc("only-one")
}

func TestConcurrentCounts(t *testing.T) {
	r := NewRegistry()
	c := r.Counter("c_total", "c", "k")
	h := r.Histogram("h_seconds", "h", LatencyBuckets, "k")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Inc("a")
				h.Observe(0.003, "a")
			}
		}()
	}
	wg.Wait()
	if got := c.Value("a"); got != 8000 {
		t.Errorf("counter = %v, want 8000", got)
	}
	if got := h.Count("a"); got != 8000 {
		t.Errorf("histogram count = %d, want 8000", got)
	}
}

func TestHandlerAndRuntime(t *testing.T) {
	r := NewRegistry()
	r.RegisterRuntime(time.Now())
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); ct != ContentType {
		t.Errorf("Content-Type = %q", ct)
	}
	body := rec.Body.String()
	for _, name := range []string{"go_goroutines ", "go_memstats_heap_alloc_bytes ", "process_resident_memory_bytes "} {
		if !strings.Contains(body, "\n"+name) {
			t.Errorf("no %s in\n%s", name, body)
		}
	}
	if strings.Contains(body, "go_goroutines 0\n") {
		t.Error("goroutine gauge reads 0")
	}
}

func BenchmarkCounterInc(b *testing.B) {
	c := NewRegistry().Counter("c_total", "c", "channel", "route", "outcome")
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Inc("wechat", "question", "answered")
		}
	})
}
