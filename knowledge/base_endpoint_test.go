package knowledge

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge/embed"
	"github.com/pufabot/pufabot/knowledge/faq"
)

// flakyEndpoint is an OpenAI-compatible /embeddings endpoint that answers
// deterministic vectors until failFrom calls have been made, then 503s.
type flakyEndpoint struct {
	t        *testing.T
	calls    atomic.Int64
	failFrom atomic.Int64 // 0 = never fail
}

func (f *flakyEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.calls.Add(1)
	if r.URL.Path != "/v1/embeddings" {
		f.t.Errorf("path = %s", r.URL.Path)
	}
	var body struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Model != "m3" || len(body.Input) == 0 {
		f.t.Errorf("bad request body: %+v, %v", body, err)
	}
	if ff := f.failFrom.Load(); ff > 0 && n >= ff {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":{"message":"overloaded","type":"server_error"}}`)
		return
	}
	type item struct {
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	var data []item
	for i, text := range body.Input {
		v := make([]float32, 16)
		for _, r := range text {
			h := fnv.New32a()
			fmt.Fprint(h, string(r))
			v[h.Sum32()%16]++
		}
		data = append(data, item{i, v})
	}
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
}

// TestEmbeddingEndpointFailingMidLoad: the load stops with a clear error,
// what was there stays searchable, and a re-run resumes.
func TestEmbeddingEndpointFailingMidLoad(t *testing.T) {
	ctx := context.Background()
	fake := &flakyEndpoint{t: t}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	emb, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "m3", Dimensions: 16,
		Retries: 1, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	db := storage.MustOpenTemp(t)
	b := openTest(t, db, emb, true)

	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a/乡村测试法.md": testLaw})
	if _, err := b.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("b/通知%d.txt", i)] = strings.Replace(testMaterial, "张三", fmt.Sprintf("联系人%d号", i), 1)
	}
	writeFiles(t, dir, files)
	fake.failFrom.Store(fake.calls.Load() + 3)
	sum, err := b.AddPaths(ctx, []string{dir}, nil)
	if err == nil || !strings.Contains(err.Error(), "embedding") || !strings.Contains(err.Error(), "503") {
		t.Fatalf("err = %v, want a clear embedding error", err)
	}
	if sum.Added >= 6 || sum.Unchanged != 1 {
		t.Fatalf("summary = %+v, want the load stopped early", sum)
	}
	stored := sum.Added
	// The endpoint is still down: search falls back to the lexical index.
	rs, err := b.Search(ctx, "宅基地", SearchOptions{K: 1})
	if err != nil || len(rs) != 1 || rs[0].Article != "第一条" {
		t.Fatalf("search with the endpoint down = %+v, %v", rs, err)
	}

	fake.failFrom.Store(0)
	sum, err = b.AddPaths(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 1+stored || sum.Added != 6-stored {
		t.Fatalf("re-run summary = %+v, want %d unchanged and %d added", sum, 1+stored, 6-stored)
	}
	if n := len(mustList(t, b)); n != 7 {
		t.Fatalf("documents = %d, want 7", n)
	}
	assertCount(t, b, "SELECT count(*) FROM kb_embeddings WHERE embedder_id <> 'openai:m3/16'", 0)
}

// TestOpenWithOpenAIConfig builds the embedder from [embedding] with no
// dimensions: the size is learned by one probe and becomes part of the ID.
func TestOpenWithOpenAIConfig(t *testing.T) {
	fake := &flakyEndpoint{t: t}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	ecfg := EmbeddingConfig{Provider: "openai", BaseURL: srv.URL + "/v1", Model: "m3"}
	if err := ecfg.Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(context.Background(), storage.MustOpenTemp(t), DefaultConfig(), ecfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Embedder(); got != "openai:m3/16" {
		t.Fatalf("embedder = %q, want openai:m3/16", got)
	}
	rs, err := b.Search(context.Background(), "彩礼能要回来吗", SearchOptions{K: 1})
	if err != nil || len(rs) != 1 || rs[0].Kind != "faq" {
		t.Fatalf("starter FAQ search = %+v, %v", rs, err)
	}
	assertCount(t, b, "SELECT count(*) FROM kb_embeddings WHERE embedder_id = 'openai:m3/16' AND dim = 16", len(faq.Entries()))
}
