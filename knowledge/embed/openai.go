package embed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// OpenAIConfig describes an OpenAI-compatible embeddings endpoint (OpenAI,
// DashScope compatible mode, Zhipu, Ollama, vLLM, Xinference …).
type OpenAIConfig struct {
	// BaseURL is the API root, e.g. "https://api.openai.com/v1".
	BaseURL string
	APIKey  string
	Model   string
	// Dimensions asks the model for vectors of this size; 0 takes the
	// model's default (learned from the first answer).
	Dimensions int
	// Batch is how many texts go in one request (64 when 0).
	Batch int
	// Concurrency bounds the requests in flight (4 when 0).
	Concurrency int
	// Retries is how many times a request is retried on 429 / 5xx /
	// network errors (4 when 0; negative for none).
	Retries int
	// Backoff is the first retry's wait, doubled each time (500ms when 0).
	Backoff time.Duration
	// HTTPClient carries the requests (a client with a 60 s timeout when nil).
	HTTPClient *http.Client
}

// OpenAI embeds with an OpenAI-compatible endpoint through go-openai:
// batched requests, a bounded number in flight, retries with exponential
// backoff on rate limits and server errors.
type OpenAI struct {
	c      *openai.Client
	cfg    OpenAIConfig
	sleep  func(context.Context, time.Duration) error
	mu     sync.Mutex
	dim    int
	sem    chan struct{}
	idBase string
}

var _ Embedder = (*OpenAI)(nil)

// NewOpenAI returns an embedder for the endpoint cfg describes.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	if strings.TrimSpace(cfg.BaseURL) == "" || strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("openai embedder: base_url and model must be set")
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 64
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	if cfg.Retries == 0 {
		cfg.Retries = 4
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	oc.HTTPClient = hc
	return &OpenAI{
		c: openai.NewClientWithConfig(oc), cfg: cfg, dim: cfg.Dimensions,
		sem:    make(chan struct{}, cfg.Concurrency),
		sleep:  sleepCtx,
		idBase: "openai:" + cfg.Model,
	}, nil
}

// Dim is the vector length: the configured dimensions, else what the
// model returned so far (0 before the first call).
func (o *OpenAI) Dim() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.dim
}

// ID names the model and dimensions, e.g. "openai:text-embedding-3-small/512".
// The endpoint's URL is not part of it: the same model served elsewhere
// gives the same vectors.
func (o *OpenAI) ID() string {
	if d := o.Dim(); d > 0 {
		return fmt.Sprintf("%s/%d", o.idBase, d)
	}
	return o.idBase
}

// Embed returns one vector per text, in order, sending batches
// concurrently up to the configured bound.
func (o *OpenAI) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for start := 0; start < len(texts); start += o.cfg.Batch {
		end := min(len(texts), start+o.cfg.Batch)
		select {
		case o.sem <- struct{}{}:
		case <-ctx.Done():
			errOnce.Do(func() { firstErr = ctx.Err() })
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func(start, end int) {
			defer wg.Done()
			defer func() { <-o.sem }()
			vecs, err := o.batch(ctx, texts[start:end])
			if err != nil {
				errOnce.Do(func() { firstErr = err; cancel() })
				return
			}
			copy(out[start:end], vecs)
		}(start, end)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("openai embed (%s): %w", o.cfg.Model, firstErr)
	}
	return out, nil
}

// batch sends one request, retrying transient failures.
func (o *OpenAI) batch(ctx context.Context, texts []string) ([][]float32, error) {
	in := make([]string, len(texts))
	for i, t := range texts {
		// Empty inputs are rejected by some servers.
		if strings.TrimSpace(t) == "" {
			t = " "
		}
		in[i] = t
	}
	req := openai.EmbeddingRequest{Input: in, Model: openai.EmbeddingModel(o.cfg.Model), Dimensions: o.cfg.Dimensions}
	wait := o.cfg.Backoff
	for attempt := 0; ; attempt++ {
		resp, err := o.c.CreateEmbeddings(ctx, req)
		if err == nil {
			return o.collect(resp, len(texts))
		}
		if attempt >= o.cfg.Retries || !retryable(err) || ctx.Err() != nil {
			return nil, err
		}
		if err := o.sleep(ctx, wait); err != nil {
			return nil, err
		}
		wait *= 2
	}
}

func (o *OpenAI) collect(resp openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(resp.Data) != n {
		return nil, fmt.Errorf("got %d embeddings for %d texts", len(resp.Data), n)
	}
	out := make([][]float32, n)
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= n || out[d.Index] != nil {
			return nil, fmt.Errorf("bad embedding index %d", d.Index)
		}
		out[d.Index] = d.Embedding
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, v := range out {
		if o.dim == 0 {
			o.dim = len(v)
		}
		if len(v) != o.dim {
			return nil, fmt.Errorf("embedding has %d dimensions, want %d", len(v), o.dim)
		}
	}
	return out, nil
}

// retryable reports a rate limit, a server error or a network failure.
func retryable(err error) bool {
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatusCode == http.StatusTooManyRequests || ae.HTTPStatusCode >= 500
	}
	var re *openai.RequestError
	if errors.As(err, &re) {
		return re.HTTPStatusCode == http.StatusTooManyRequests || re.HTTPStatusCode >= 500 || re.HTTPStatusCode == 0
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
