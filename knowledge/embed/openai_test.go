package embed

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeEmbeddings is an OpenAI-compatible /embeddings endpoint that checks
// what it receives and answers vectors encoding each input's length.
type fakeEmbeddings struct {
	t        *testing.T
	dim      int
	answer   int                // vector length answered, dim when 0
	fail     func(call int) int // HTTP status to fail the n-th call with, 0 = answer
	calls    atomic.Int32
	inFlight atomic.Int32
	maxIn    atomic.Int32
	mu       sync.Mutex
	inputs   [][]string
}

func (f *fakeEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(f.calls.Add(1))
	cur := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxIn.Load()
		if cur <= m || f.maxIn.CompareAndSwap(m, cur) {
			break
		}
	}
	time.Sleep(5 * time.Millisecond)
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		f.t.Errorf("got %s %s, want POST /v1/embeddings", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer sk-test" {
		f.t.Errorf("Authorization = %q", got)
	}
	var body struct {
		Input      []string `json:"input"`
		Model      string   `json:"model"`
		Dimensions int      `json:"dimensions"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.t.Errorf("decode body: %v", err)
	}
	if body.Model != "bge-m3" {
		f.t.Errorf("model = %q, want bge-m3", body.Model)
	}
	if body.Dimensions != f.dim {
		f.t.Errorf("dimensions = %d, want %d", body.Dimensions, f.dim)
	}
	if f.fail != nil {
		if code := f.fail(n); code != 0 {
			w.WriteHeader(code)
			fmt.Fprintf(w, `{"error":{"message":"fail %d","type":"x"}}`, code)
			return
		}
	}
	f.mu.Lock()
	f.inputs = append(f.inputs, body.Input)
	f.mu.Unlock()
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	var data []item
	// Answer in reverse order: the client must place vectors by index.
	for i := len(body.Input) - 1; i >= 0; i-- {
		n := f.dim
		if f.answer > 0 {
			n = f.answer
		}
		v := make([]float32, n)
		v[0] = float32(len([]rune(body.Input[i])))
		data = append(data, item{"embedding", i, v})
	}
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": body.Model})
}

func newFake(t *testing.T, f *fakeEmbeddings, cfg OpenAIConfig) *OpenAI {
	t.Helper()
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL + "/v1"
	cfg.APIKey = "sk-test"
	cfg.Model = "bge-m3"
	cfg.Dimensions = f.dim
	o, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatal(err)
	}
	o.sleep = func(context.Context, time.Duration) error { return nil }
	return o
}

func TestOpenAIBatchesInOrderWithBoundedConcurrency(t *testing.T) {
	f := &fakeEmbeddings{dim: 8}
	o := newFake(t, f, OpenAIConfig{Batch: 3, Concurrency: 2})
	var texts []string
	for i := 1; i <= 10; i++ {
		texts = append(texts, strings.Repeat("字", i))
	}
	vecs, err := o.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vecs {
		if len(v) != 8 || int(v[0]) != i+1 {
			t.Errorf("vector %d = %v, want first value %d", i, v, i+1)
		}
	}
	if got := f.calls.Load(); got != 4 {
		t.Errorf("requests = %d, want 4 (batches of 3)", got)
	}
	if got := f.maxIn.Load(); got > 2 {
		t.Errorf("%d requests in flight, want at most 2", got)
	}
	if got, want := o.ID(), "openai:bge-m3/8"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
}

func TestOpenAIRetries(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(int) int
		wantErr   bool
		wantCalls int32
	}{
		{"429 then ok", func(n int) int { return map[int]int{1: 429}[n] }, false, 2},
		{"503 twice then ok", func(n int) int { return map[int]int{1: 503, 2: 500}[n] }, false, 3},
		{"400 is not retried", func(int) int { return 400 }, true, 1},
		{"401 is not retried", func(int) int { return 401 }, true, 1},
		{"gives up after retries", func(int) int { return 502 }, true, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeEmbeddings{dim: 4, fail: tc.fail}
			o := newFake(t, f, OpenAIConfig{Retries: 2})
			_, err := o.Embed(context.Background(), []string{"欠钱不还"})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if got := f.calls.Load(); got != tc.wantCalls {
				t.Errorf("calls = %d, want %d", got, tc.wantCalls)
			}
		})
	}
}

func TestOpenAILearnsDimensions(t *testing.T) {
	f := &fakeEmbeddings{dim: 0, answer: 6}
	o := newFake(t, f, OpenAIConfig{})
	if o.Dim() != 0 || o.ID() != "openai:bge-m3" {
		t.Fatalf("before first call: Dim %d ID %q", o.Dim(), o.ID())
	}
	if _, err := o.Embed(context.Background(), []string{"彩礼"}); err != nil {
		t.Fatal(err)
	}
	if o.Dim() != 6 || o.ID() != "openai:bge-m3/6" {
		t.Fatalf("after first call: Dim %d ID %q, want 6", o.Dim(), o.ID())
	}
}
