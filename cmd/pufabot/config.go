package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/activity"
	"github.com/pufabot/pufabot/bot/confval"
	"github.com/pufabot/pufabot/bot/httpapi"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/bot/wechat"
	"github.com/pufabot/pufabot/jobs"
	"github.com/pufabot/pufabot/knowledge"
)

// Config is the whole TOML file: one section per package, each package's
// own Config type. Nothing else reads the file or the environment.
type Config struct {
	Server    httpapi.Config            `toml:"server"`
	Storage   storage.Config            `toml:"storage"`
	Log       LogConfig                 `toml:"log"`
	WeChat    wechat.Config             `toml:"wechat"`
	WeCom     wechat.WeComConfig        `toml:"wecom"`
	Admin     httpapi.AdminConfig       `toml:"admin"`
	Bot       bot.Config                `toml:"bot"`
	LLM       knowledge.LLMConfig       `toml:"llm"`
	Embedding knowledge.EmbeddingConfig `toml:"embedding"`
	Knowledge knowledge.Config          `toml:"knowledge"`
	Answer    knowledge.AnswerConfig    `toml:"answer"`
	Activity  activity.Config           `toml:"activity"`
	Jobs      jobs.Config               `toml:"jobs"`
}

// LogConfig is the [log] section.
type LogConfig struct {
	// Level is debug, info, warn or error.
	Level string `toml:"level"`
	// Format is "text" or "json".
	Format string `toml:"format"`
}

// Validate reports a setting that cannot work.
func (c LogConfig) Validate() error {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.Level)); err != nil {
		return confval.Errorf("log.level", "must be debug, info, warn or error, got %q", c.Level)
	}
	if c.Format != "text" && c.Format != "json" {
		return confval.Errorf("log.format", "must be \"text\" or \"json\", got %q", c.Format)
	}
	return nil
}

// DefaultConfig is what runs with no file: the bot on 127.0.0.1:8080 with
// its data in ./data, no WeChat channel, no LLM, local embeddings.
func DefaultConfig() Config {
	return Config{
		Server:    httpapi.DefaultConfig(),
		Storage:   storage.DefaultConfig(),
		Log:       LogConfig{Level: "info", Format: "text"},
		WeChat:    wechat.DefaultConfig(),
		WeCom:     wechat.DefaultWeComConfig(),
		Admin:     httpapi.DefaultAdminConfig(),
		Bot:       bot.DefaultConfig(),
		LLM:       knowledge.DefaultLLMConfig(),
		Embedding: knowledge.DefaultEmbeddingConfig(),
		Knowledge: knowledge.DefaultConfig(),
		Answer:    knowledge.DefaultAnswerConfig(),
		Activity:  activity.DefaultConfig(),
		Jobs:      jobs.DefaultConfig(),
	}
}

// secretEnv maps environment variables to the secrets they may supply
// instead of the file, so secrets need not be written to disk.
var secretEnv = []struct {
	name string
	set  func(*Config, string)
}{
	{"PUFABOT_WECHAT_TOKEN", func(c *Config, v string) { c.WeChat.Token = v }},
	{"PUFABOT_WECHAT_APP_SECRET", func(c *Config, v string) { c.WeChat.AppSecret = v }},
	{"PUFABOT_WECHAT_ENCODING_AES_KEY", func(c *Config, v string) { c.WeChat.EncodingAESKey = v }},
	{"PUFABOT_WECOM_SECRET", func(c *Config, v string) { c.WeCom.Secret = v }},
	{"PUFABOT_WECOM_TOKEN", func(c *Config, v string) { c.WeCom.Token = v }},
	{"PUFABOT_WECOM_ENCODING_AES_KEY", func(c *Config, v string) { c.WeCom.EncodingAESKey = v }},
	{"PUFABOT_ADMIN_TOKEN", func(c *Config, v string) { c.Admin.Token = v }},
	{"PUFABOT_LLM_API_KEY", func(c *Config, v string) { c.LLM.APIKey = v }},
	{"PUFABOT_EMBEDDING_API_KEY", func(c *Config, v string) { c.Embedding.APIKey = v }},
}

// LoadConfig reads the TOML file at path (none: the embedded defaults),
// applies secrets from the environment and validates the result. Errors name
// the key and, for the file, the line.
func LoadConfig(path string, getenv func(string) string) (Config, error) {
	cfg := DefaultConfig()
	var data []byte
	if path != "" {
		var err error
		data, err = os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("read config: %w", err)
		}
		if err := decodeConfig(path, data, &cfg); err != nil {
			return cfg, err
		}
	}
	for _, e := range secretEnv {
		if v := getenv(e.name); v != "" {
			e.set(&cfg, v)
		}
	}
	if err := cfg.Validate(); err != nil {
		var fe *confval.FieldError
		if errors.As(err, &fe) && path != "" {
			if line := keyLine(data, fe.Key); line > 0 {
				return cfg, fmt.Errorf("config %s:%d: %w", path, line, err)
			}
		}
		if path != "" {
			return cfg, fmt.Errorf("config %s: %w", path, err)
		}
		return cfg, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

func decodeConfig(path string, data []byte, cfg *Config) error {
	// Which sections are present decides which channels and services run.
	var present map[string]any
	if err := toml.Unmarshal(data, &present); err != nil {
		return describeTOMLError(path, err)
	}
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		return describeTOMLError(path, err)
	}
	_, cfg.WeChat.Enabled = present["wechat"]
	_, cfg.WeCom.Enabled = present["wecom"]
	_, cfg.LLM.Enabled = present["llm"]
	return nil
}

func describeTOMLError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var b strings.Builder
		for i, e := range strict.Errors {
			if i > 0 {
				b.WriteString("; ")
			}
			row, _ := e.Position()
			fmt.Fprintf(&b, "%s:%d: unknown key %q", path, row, strings.Join(e.Key(), "."))
		}
		return fmt.Errorf("config %s", b.String())
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		if key != "" {
			return fmt.Errorf("config %s:%d: %s: %s", path, row, key, plainTypeError(de.Error()))
		}
		return fmt.Errorf("config %s:%d: %s", path, row, de.Error())
	}
	return fmt.Errorf("config %s: %w", path, err)
}

// typeMismatch is go-toml's message for a value of the wrong type, which
// names Go struct fields ("httpapi.Config.Listen") nobody editing the file
// knows about.
var typeMismatch = regexp.MustCompile(`cannot decode TOML (\w+) into struct field \S+ of type (\S+)`)

// plainTypeError says what a key wants in the words of the TOML file:
// "want text in quotes, e.g. "127.0.0.1:8080", not a number".
func plainTypeError(msg string) string {
	m := typeMismatch.FindStringSubmatch(msg)
	if m == nil {
		return strings.TrimPrefix(msg, "toml: ")
	}
	want := map[string]string{
		"string": "text in quotes", "bool": "true or false", "float64": "a number",
		"int": "a whole number", "int64": "a whole number", "int32": "a whole number",
		"[]string": `a list like ["a", "b"]`, "confval.Duration": `a duration in quotes like "30s" or "10m"`,
	}[m[2]]
	if want == "" {
		want = "a different kind of value"
	}
	got := map[string]string{
		"integer": "a number", "float": "a number", "string": "text", "bool": "true/false",
		"array": "a list", "table": "a table", "datetime": "a date",
	}[m[1]]
	if got == "" {
		got = m[1]
	}
	return "want " + want + ", got " + got
}

// Validate checks every section.
func (c Config) Validate() error {
	for _, v := range []interface{ Validate() error }{
		c.Server, c.Storage, c.Log, c.WeChat, c.WeCom, c.Admin, c.Bot,
		c.LLM, c.Embedding, c.Knowledge, c.Answer, c.Activity, c.Jobs,
	} {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	return nil
}

var tableHeader = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)

// keyLine finds the line of a dotted key ("wechat.encoding_aes_key") in a
// TOML file, for pointing operators at a bad value. 0 means not found.
func keyLine(data []byte, dotted string) int {
	i := strings.LastIndex(dotted, ".")
	if i < 0 {
		return 0
	}
	table, key := dotted[:i], dotted[i+1:]
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	current := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		if current == table && keyRe.MatchString(line) {
			return n
		}
	}
	// The key may be missing from the file (a required value left out):
	// point at the table header then.
	sc = bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		if m := tableHeader.FindStringSubmatch(sc.Text()); m != nil && m[1] == table {
			return n
		}
	}
	return 0
}
