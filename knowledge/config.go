// Package knowledge is pufabot's knowledge base: loading laws and publicity
// material, finding the articles a resident's words point to, and answering
// questions from them.
package knowledge

import (
	"net/url"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot/confval"
)

// Config is the [knowledge] section.
type Config struct {
	// VocabFile is an extra colloquial → statute vocabulary file that admins
	// can extend without rebuilding; empty means the built-in one only.
	VocabFile string `toml:"vocab_file"`
	// ReloadInterval is how often a running server checks whether another
	// process (`pufabot kb …`, `pufabot questions answer`) changed the
	// knowledge base and, if so, brings its index up to date (Base.Watch);
	// 0 turns the check off.
	ReloadInterval confval.Duration `toml:"reload_interval"`
}

// MinReloadInterval is the shortest ReloadInterval other than 0.
const MinReloadInterval = 100 * time.Millisecond

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config { return Config{ReloadInterval: confval.D(5 * time.Second)} }

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	if d := c.ReloadInterval.Duration; d < 0 || (d > 0 && d < MinReloadInterval) {
		return confval.Errorf("knowledge.reload_interval", "must be 0 (off) or at least %s, got %s", MinReloadInterval, d)
	}
	return nil
}

// EmbeddingConfig is the [embedding] section.
type EmbeddingConfig struct {
	// Provider is "local" (offline, in-process) or "openai" (any
	// OpenAI-compatible endpoint).
	Provider   string `toml:"provider"`
	BaseURL    string `toml:"base_url"`
	APIKey     string `toml:"api_key"`
	Model      string `toml:"model"`
	Dimensions int    `toml:"dimensions"`
}

// DefaultEmbeddingConfig returns the embedded defaults.
func DefaultEmbeddingConfig() EmbeddingConfig { return EmbeddingConfig{Provider: "local"} }

// Validate reports a setting that cannot work.
func (c EmbeddingConfig) Validate() error {
	switch c.Provider {
	case "local":
	case "openai":
		if err := validURL(c.BaseURL); err != nil {
			return confval.Errorf("embedding.base_url", "%s", err)
		}
		if strings.TrimSpace(c.Model) == "" {
			return confval.Errorf("embedding.model", "must be set when provider is \"openai\"")
		}
	default:
		return confval.Errorf("embedding.provider", "must be \"local\" or \"openai\", got %q", c.Provider)
	}
	if c.Dimensions < 0 {
		return confval.Errorf("embedding.dimensions", "must not be negative")
	}
	return nil
}

// LLMConfig is the [llm] section. Without it, answers are extractive.
type LLMConfig struct {
	Enabled bool   `toml:"-"`
	BaseURL string `toml:"base_url"`
	APIKey  string `toml:"api_key"`
	Model   string `toml:"model"`
	// Timeout bounds one answer's LLM call, retries included.
	Timeout confval.Duration `toml:"timeout"`
}

// DefaultLLMConfig returns the embedded defaults of an [llm] section.
func DefaultLLMConfig() LLMConfig { return LLMConfig{Timeout: confval.D(3500 * time.Millisecond)} }

// Validate reports a setting that cannot work.
func (c LLMConfig) Validate() error {
	if !c.Enabled {
		return nil
	}
	if err := validURL(c.BaseURL); err != nil {
		return confval.Errorf("llm.base_url", "%s", err)
	}
	if strings.TrimSpace(c.Model) == "" {
		return confval.Errorf("llm.model", "must be set")
	}
	if c.Timeout.Duration <= 0 {
		return confval.Errorf("llm.timeout", "must be positive")
	}
	return nil
}

func validURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &urlError{s}
	}
	return nil
}

type urlError struct{ s string }

func (e *urlError) Error() string { return "must be an http(s) URL, got \"" + e.s + "\"" }
