package knowledge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// ChatModel is what the answerer needs of a language model: one chat
// completion from a system prompt and a user message.
type ChatModel interface {
	Complete(ctx context.Context, system, user string) (string, error)
}

// LLMClient is a ChatModel on any OpenAI-compatible chat completions
// endpoint (DeepSeek, DashScope compatible mode, Ollama, vLLM …). A
// rate-limited (429) or failed (5xx) call is retried once when the
// context's deadline leaves room for it.
type LLMClient struct {
	c     *openai.Client
	model string
	key   string // to redact from errors: providers echo a refused key
	// retryPause is the pause before the retry, capped by the time left.
	retryPause time.Duration
}

var _ ChatModel = (*LLMClient)(nil)

// NewLLMClient builds the client for an [llm] section; it returns nil when
// the section is not enabled.
func NewLLMClient(cfg LLMConfig) *LLMClient {
	if !cfg.Enabled {
		return nil
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = &http.Client{}
	return &LLMClient{c: openai.NewClientWithConfig(oc), model: cfg.Model, key: cfg.APIKey, retryPause: 200 * time.Millisecond}
}

// Complete asks the model once, retrying once on 429 / 5xx within ctx.
func (l *LLMClient) Complete(ctx context.Context, system, user string) (string, error) {
	req := openai.ChatCompletionRequest{
		Model: l.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		Temperature: 0.2,
	}
	var lastErr error
	for attempt := 0; attempt < 2; attempt++ {
		if attempt > 0 {
			pause := l.retryPause
			if dl, ok := ctx.Deadline(); ok {
				left := time.Until(dl)
				if left < 2*pause {
					break // no room for a useful retry
				}
			}
			select {
			case <-time.After(pause):
			case <-ctx.Done():
				return "", fmt.Errorf("llm: %w", ctx.Err())
			}
		}
		resp, err := l.c.CreateChatCompletion(ctx, req)
		if err == nil {
			if len(resp.Choices) == 0 {
				return "", errors.New("llm: no choices in the response")
			}
			return resp.Choices[0].Message.Content, nil
		}
		lastErr = err
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	return "", redact(fmt.Errorf("llm: %w", lastErr), l.key)
}

// redactedError is an error whose message has a secret removed; Unwrap
// still gives the cause to errors.Is / errors.As.
type redactedError struct {
	err error
	msg string
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact removes secret from err's message ("Incorrect API key provided:
// sk-…" is how OpenAI-compatible services refuse a key), so that the error
// can be logged.
func redact(err error, secret string) error {
	if err == nil || len(secret) < 4 || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{err: err, msg: strings.ReplaceAll(err.Error(), secret, "[redacted]")}
}

// retryable tells a rate limit or a server error from a request the server
// will refuse again.
func retryable(err error) bool {
	code := 0
	var ae *openai.APIError
	var re *openai.RequestError
	switch {
	case errors.As(err, &ae):
		code = ae.HTTPStatusCode
	case errors.As(err, &re):
		code = re.HTTPStatusCode
	}
	return code == http.StatusTooManyRequests || code >= 500
}
