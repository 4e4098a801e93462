package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func noEnv(string) string { return "" }

func TestExampleConfigDecodesToDefaults(t *testing.T) {
	cfg, err := LoadConfig("../../config.example.toml", func(k string) string {
		// The example's [wechat] token is a placeholder; it must still load.
		return ""
	})
	if err != nil {
		t.Fatalf("config.example.toml: %v", err)
	}
	def := DefaultConfig()
	if cfg.Server != def.Server {
		t.Errorf("server = %+v, want defaults %+v", cfg.Server, def.Server)
	}
	if cfg.Storage != def.Storage {
		t.Errorf("storage = %+v, want %+v", cfg.Storage, def.Storage)
	}
	if cfg.WeChat.Enabled || cfg.WeCom.Enabled || cfg.LLM.Enabled {
		t.Errorf("enabled: wechat %v wecom %v llm %v, want all false (commented out)", cfg.WeChat.Enabled, cfg.WeCom.Enabled, cfg.LLM.Enabled)
	}
}

// TestExampleConfigCommentedKeysAreReal uncomments every commented-out
// section and key of config.example.toml and decodes the result strictly, so
// the example cannot document a key that does not exist.
func TestExampleConfigCommentedKeysAreReal(t *testing.T) {
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	commented := regexp.MustCompile(`^# (\[[a-z_]+\]|[a-z_]+ = )`)
	var out []string
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if commented.MatchString(line) {
			line = strings.TrimPrefix(line, "# ")
			n++
		}
		out = append(out, line)
	}
	if n == 0 {
		t.Fatal("no commented-out keys found")
	}
	p := writeConfig(t, strings.Join(out, "\n"))
	cfg := DefaultConfig()
	if err := decodeConfig(p, []byte(strings.Join(out, "\n")), &cfg); err != nil {
		t.Fatalf("uncommented example: %v", err)
	}
	if !cfg.WeChat.Enabled || !cfg.WeCom.Enabled || !cfg.LLM.Enabled {
		t.Fatalf("uncommented sections not enabled: wechat %v wecom %v llm %v", cfg.WeChat.Enabled, cfg.WeCom.Enabled, cfg.LLM.Enabled)
	}
	if cfg.WeChat.Mode != "plain" || cfg.WeCom.AgentID != 1000002 || cfg.LLM.Model != "deepseek-chat" {
		t.Fatalf("uncommented values not decoded: %+v %+v %+v", cfg.WeChat, cfg.WeCom, cfg.LLM)
	}
}

func TestNoFileRunsOnDefaults(t *testing.T) {
	cfg, err := LoadConfig("", noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Server.Listen != "127.0.0.1:8080" || cfg.Storage.DataDir != "./data" {
		t.Fatalf("got listen %q data dir %q", cfg.Server.Listen, cfg.Storage.DataDir)
	}
	if cfg.WeChat.Enabled || cfg.WeCom.Enabled || cfg.LLM.Enabled {
		t.Fatal("a channel or the LLM is enabled without a config file")
	}
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pufabot.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigErrorsNameKeyAndLine(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"unknown key", "[server]\nlisten = \"127.0.0.1:1\"\nlisten_port = 9\n", []string{":3:", "server.listen_port"}},
		{"unknown section", "[wechatt]\ntoken = \"x\"\n", []string{":1:", "wechatt"}},
		{"wrong type", "[server]\n\nbody_limit = \"big\"\n", []string{":3:", "body_limit"}},
		{"bad listen", "[server]\nlisten = \"localhost\"\n", []string{":2:", "server.listen"}},
		{"short aes key", "[wechat]\ntoken = \"t\"\napp_id = \"wx1\"\nmode = \"safe\"\nencoding_aes_key = \"abc\"\n", []string{":5:", "wechat.encoding_aes_key", "43"}},
		{"bad mode", "[wechat]\ntoken = \"t\"\nmode = \"secure\"\n", []string{":3:", "wechat.mode"}},
		{"missing token", "[wechat]\nmode = \"plain\"\n", []string{":1:", "wechat.token"}},
		{"bad duration", "[wechat]\ntoken = \"t\"\nreply_deadline = \"soon\"\n", []string{":3:", "reply_deadline"}},
		{"negative reload interval", "[knowledge]\nreload_interval = \"-5s\"\n", []string{":2:", "knowledge.reload_interval"}},
		{"too short reload interval", "[knowledge]\nreload_interval = \"10ms\"\n", []string{":2:", "knowledge.reload_interval", "100ms"}},
		{"faq_lead out of range", "[answer]\nfaq_lead = 4\n", []string{":2:", "answer.faq_lead"}},
		{"bad toml", "[server\nlisten = 1\n", []string{":1:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.body)
			_, err := LoadConfig(p, noEnv)
			if err == nil {
				t.Fatal("loaded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestSecretsFromEnvironment(t *testing.T) {
	p := writeConfig(t, "[wechat]\ntoken = \"t\"\n[llm]\nbase_url = \"http://127.0.0.1:1/v1\"\nmodel = \"m\"\n")
	env := map[string]string{"PUFABOT_WECHAT_APP_SECRET": "s3cret", "PUFABOT_LLM_API_KEY": "sk-1"}
	cfg, err := LoadConfig(p, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.WeChat.AppSecret != "s3cret" || cfg.LLM.APIKey != "sk-1" {
		t.Fatalf("secrets not taken from env: %q %q", cfg.WeChat.AppSecret, cfg.LLM.APIKey)
	}
	if !cfg.LLM.Enabled {
		t.Fatal("[llm] present but not enabled")
	}
}

func TestEnvAESKeyIsValidatedWithoutLine(t *testing.T) {
	p := writeConfig(t, "[wechat]\ntoken = \"t\"\napp_id = \"wx\"\nmode = \"safe\"\n")
	_, err := LoadConfig(p, func(k string) string {
		if k == "PUFABOT_WECHAT_ENCODING_AES_KEY" {
			return "short"
		}
		return ""
	})
	if err == nil || !strings.Contains(err.Error(), "wechat.encoding_aes_key") {
		t.Fatalf("err = %v, want one naming wechat.encoding_aes_key", err)
	}
}

func TestConfigTypeErrorsSpeakTOML(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"number for text", "[server]\nlisten = 8080\n", ":2: server.listen: want text in quotes, got a number"},
		{"text for number", "[server]\nbody_limit = \"big\"\n", ":2: server.body_limit: want a whole number, got text"},
		{"text for list", "[admin]\nusers = \"oABC\"\n", `:2: admin.users: want a list like ["a", "b"], got text`},
		{"text for bool", "[wechat]\ntoken = \"t\"\ncustomer_service = \"yes\"\n", ":3: wechat.customer_service: want true or false, got text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(writeConfig(t, tt.body), noEnv)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), ".Config.") || strings.Contains(err.Error(), "toml: ") {
				t.Errorf("error %v, want %q and no Go names", err, tt.want)
			}
		})
	}
}
