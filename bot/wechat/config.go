// Package wechat speaks the WeChat Official Account (公众号) and WeCom
// (企业微信) callback protocols and their outbound APIs.
package wechat

import (
	"net/url"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot/confval"
)

// Modes of an Official Account's message encryption (消息加解密方式).
const (
	ModePlain  = "plain"  // 明文模式
	ModeCompat = "compat" // 兼容模式
	ModeSafe   = "safe"   // 安全模式
)

// Config is the [wechat] section: one Official Account.
type Config struct {
	// Enabled is true when the section is present in the file.
	Enabled bool `toml:"-"`
	// Token is the 令牌 of the server configuration.
	Token string `toml:"token"`
	// AppID and AppSecret are the developer credentials.
	AppID     string `toml:"app_id"`
	AppSecret string `toml:"app_secret"`
	// EncodingAESKey is the 43-character message key (compat and safe modes).
	EncodingAESKey string `toml:"encoding_aes_key"`
	// Mode is "plain", "compat" or "safe".
	Mode string `toml:"mode"`
	// CustomerService enables pushing late answers through the
	// customer-service API (verified accounts only).
	CustomerService bool `toml:"customer_service"`
	// APIBaseURL is where the API lives; tests point it at a fake.
	APIBaseURL string `toml:"api_base_url"`
	// ReplyDeadline is how long an attempt waits for the answer before it
	// gives up on answering in that attempt.
	ReplyDeadline confval.Duration `toml:"reply_deadline"`
	// TemplateID, when set, is used for reminders and digests to people
	// outside the 48-hour customer-service window.
	TemplateID string `toml:"template_id"`
	// HandleTimeout bounds the handling of one message (it runs detached
	// from WeChat's requests, so it may outlast them).
	HandleTimeout confval.Duration `toml:"handle_timeout"`
	// TimestampWindow rejects requests whose signed timestamp is further
	// than this from our clock (replays of captured requests); 0 disables.
	// WeChat signs every retry afresh, so a few minutes is ample.
	TimestampWindow confval.Duration `toml:"timestamp_window"`
	// RateLimit is how many messages a minute one user may send before
	// getting a "slow down" reply instead of an answer; 0 disables.
	RateLimit int `toml:"rate_limit"`
}

// DefaultConfig returns the embedded defaults of a [wechat] section.
func DefaultConfig() Config {
	return Config{
		Mode:            ModePlain,
		APIBaseURL:      "https://api.weixin.qq.com",
		ReplyDeadline:   confval.D(4500 * time.Millisecond),
		HandleTimeout:   confval.D(time.Minute),
		TimestampWindow: confval.D(10 * time.Minute),
		RateLimit:       20,
	}
}

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	if !c.Enabled {
		return nil
	}
	if strings.TrimSpace(c.Token) == "" {
		return confval.Errorf("wechat.token", "must be set (the 令牌 from the server configuration)")
	}
	switch c.Mode {
	case ModePlain, ModeCompat, ModeSafe:
	default:
		return confval.Errorf("wechat.mode", "must be \"plain\", \"compat\" or \"safe\", got %q", c.Mode)
	}
	if c.Mode != ModePlain || c.EncodingAESKey != "" {
		if err := validAESKey(c.EncodingAESKey); err != nil {
			return confval.Errorf("wechat.encoding_aes_key", "%s", err)
		}
		if c.AppID == "" {
			return confval.Errorf("wechat.app_id", "must be set in %s mode", c.Mode)
		}
	}
	if err := validBaseURL(c.APIBaseURL); err != nil {
		return confval.Errorf("wechat.api_base_url", "%s", err)
	}
	if c.CustomerService && (c.AppID == "" || c.AppSecret == "") {
		return confval.Errorf("wechat.customer_service", "needs app_id and app_secret (or PUFABOT_WECHAT_APP_SECRET) to call the API")
	}
	if c.ReplyDeadline.Duration <= 0 || c.ReplyDeadline.Duration >= 5*time.Second {
		return confval.Errorf("wechat.reply_deadline", "must be between 0 and 5s (WeChat waits 5s), got %s", c.ReplyDeadline)
	}
	return validCommon("wechat", c.HandleTimeout.Duration, c.TimestampWindow.Duration, c.RateLimit)
}

// WeComConfig is the [wecom] section: one WeCom self-built app.
type WeComConfig struct {
	// Enabled is true when the section is present in the file.
	Enabled bool `toml:"-"`
	// CorpID, AgentID and Secret identify the app (Secret is only needed
	// for the API: pushing slow answers, reminders).
	// Token and EncodingAESKey are the callback settings.
	CorpID         string `toml:"corp_id"`
	AgentID        int64  `toml:"agent_id"`
	Secret         string `toml:"secret"`
	Token          string `toml:"token"`
	EncodingAESKey string `toml:"encoding_aes_key"`
	APIBaseURL     string `toml:"api_base_url"`
	// ReplyDeadline, HandleTimeout, TimestampWindow, RateLimit: see Config.
	ReplyDeadline   confval.Duration `toml:"reply_deadline"`
	HandleTimeout   confval.Duration `toml:"handle_timeout"`
	TimestampWindow confval.Duration `toml:"timestamp_window"`
	RateLimit       int              `toml:"rate_limit"`
}

// DefaultWeComConfig returns the embedded defaults of a [wecom] section.
func DefaultWeComConfig() WeComConfig {
	return WeComConfig{
		APIBaseURL:      "https://qyapi.weixin.qq.com",
		ReplyDeadline:   confval.D(4500 * time.Millisecond),
		HandleTimeout:   confval.D(time.Minute),
		TimestampWindow: confval.D(10 * time.Minute),
		RateLimit:       20,
	}
}

// Validate reports a setting that cannot work.
func (c WeComConfig) Validate() error {
	if !c.Enabled {
		return nil
	}
	if strings.TrimSpace(c.CorpID) == "" {
		return confval.Errorf("wecom.corp_id", "must be set")
	}
	if c.AgentID <= 0 {
		return confval.Errorf("wecom.agent_id", "must be the app's AgentId, a positive number")
	}
	if strings.TrimSpace(c.Token) == "" {
		return confval.Errorf("wecom.token", "must be set")
	}
	if err := validAESKey(c.EncodingAESKey); err != nil {
		return confval.Errorf("wecom.encoding_aes_key", "%s", err)
	}
	if err := validBaseURL(c.APIBaseURL); err != nil {
		return confval.Errorf("wecom.api_base_url", "%s", err)
	}
	if c.ReplyDeadline.Duration <= 0 || c.ReplyDeadline.Duration >= 5*time.Second {
		return confval.Errorf("wecom.reply_deadline", "must be between 0 and 5s, got %s", c.ReplyDeadline)
	}
	return validCommon("wecom", c.HandleTimeout.Duration, c.TimestampWindow.Duration, c.RateLimit)
}

func validCommon(section string, handle, window time.Duration, rate int) error {
	if handle < time.Second {
		return confval.Errorf(section+".handle_timeout", "must be at least 1s, got %s", handle)
	}
	if window < 0 {
		return confval.Errorf(section+".timestamp_window", "must be 0 (off) or positive, got %s", window)
	}
	if rate < 0 {
		return confval.Errorf(section+".rate_limit", "must be 0 (off) or a number of messages a minute, got %d", rate)
	}
	return nil
}

func validAESKey(k string) error {
	if len(k) != 43 {
		return &keyError{"must be 43 characters (letters and digits), got " + itoa(len(k))}
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return &keyError{"must contain only letters and digits"}
		}
	}
	return nil
}

func validBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &keyError{"must be an http(s) URL, got " + strconvQuote(s)}
	}
	return nil
}

type keyError struct{ s string }

func (e *keyError) Error() string { return e.s }
