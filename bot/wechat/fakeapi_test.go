package wechat

import (
	"context"
	"encoding/json"
	"github.com/pufabot/pufabot/internal/sharedtest"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sharedDir finds ../shared beside the repository (the directory holding
// go.mod), or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	return sharedtest.Root(t, "tools/wxclient/go.mod")
}

// startFakeAPI builds wxclient and runs `wxclient fake-api` with args,
// returning its base URL.
func startFakeAPI(t *testing.T, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs wxclient; skipped with -short")
	}
	src := filepath.Join(sharedDir(t), "tools", "wxclient")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "wxclient")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build wxclient: %v\n%s", err, out)
	}
	addrFile := filepath.Join(tmp, "addr")
	cmd := exec.Command(bin, append([]string{"fake-api", "-listen", "127.0.0.1:0", "-addr-file", addrFile, "-log", filepath.Join(tmp, "calls.jsonl")}, args...)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(addrFile); err == nil && strings.HasPrefix(string(b), "http") {
			return strings.TrimSpace(string(b))
		}
		if time.Now().After(deadline) {
			t.Fatal("fake-api did not write its address")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type fakeCall struct {
	API    string         `json:"api"`
	Status int            `json:"status"`
	Fault  string         `json:"fault"`
	Token  string         `json:"token"`
	Resp   map[string]any `json:"response"`
}

func fakeCalls(t *testing.T, base, api string) []fakeCall {
	t.Helper()
	resp, err := http.Get(base + "/_fake/calls?api=" + api)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var calls []fakeCall
	if err := json.NewDecoder(resp.Body).Decode(&calls); err != nil {
		t.Fatal(err)
	}
	return calls
}

func TestAgainstWxclientFakeAPI(t *testing.T) {
	base := startFakeAPI(t, "-expire-token-after", "2", "-inactive-users", "oInactive",
		"-fail-first", "1", "-fail-mode", "http500", "-reject-unicode-escapes")
	cfg := DefaultConfig()
	cfg.AppID, cfg.AppSecret, cfg.APIBaseURL = "wxFAKEAPPID0000001", "FAKE_APP_SECRET", base
	c := NewClient(cfg, nil, nil)
	c.core.backoff = 10 * time.Millisecond
	ctx := context.Background()

	// call 1 (the token) fails with HTTP 500 and is retried; the token then
	// serves two calls and answers 42001 on the third: refreshed once.
	for i, text := range []string{"第一条 <法>", "第二条 & 条", "第三条"} {
		if err := c.SendText(ctx, "oUser", text); err != nil {
			t.Fatalf("send %d: %v", i+1, err)
		}
	}
	tokens := fakeCalls(t, base, "oa.stable_token")
	if len(tokens) != 3 || tokens[0].Fault != "http500" {
		t.Errorf("token calls %+v, want a failed one then 2 (initial + one refresh)", tokens)
	}
	sends := fakeCalls(t, base, "oa.custom_send")
	if len(sends) != 4 || sends[2].Resp["errcode"] != float64(42001) {
		t.Errorf("custom_send calls %+v, want 4 with the third refused by 42001", sends)
	}
	err := c.SendText(ctx, "oInactive", "hi")
	if ErrorCode(err) != 45015 {
		t.Errorf("inactive user: %v, want errcode 45015", err)
	}
	if n := len(fakeCalls(t, base, "oa.stable_token")); n != 3 {
		t.Errorf("45015 caused a token refresh (%d token calls)", n)
	}

	id, err := c.UploadMedia(ctx, "image", "photo.png", []byte("\x89PNG fake"))
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := c.DownloadMedia(ctx, id)
	if err != nil || string(data) != "\x89PNG fake" {
		t.Errorf("download %q %v", data, err)
	}
	if err := c.SendImage(ctx, "oUser", id); err != nil {
		t.Error(err)
	}
	if err := c.SendTemplate(ctx, "oUser", "TPL1", "", map[string]string{"keyword1": "3·15 宣传"}); err != nil {
		t.Error(err)
	}

	wcfg := DefaultWeComConfig()
	wcfg.CorpID, wcfg.Secret, wcfg.AgentID, wcfg.APIBaseURL = "wwFAKECORPID00001", "FAKE_CORP_SECRET", 1000002, base
	wc := NewWeComClient(wcfg, nil, nil)
	if err := wc.SendText(ctx, "zhangsan", "本月统计：宣传活动3场"); err != nil {
		t.Error(err)
	}
	if err := wc.SendMarkdown(ctx, "zhangsan", "**周报**"); err != nil {
		t.Error(err)
	}
	if n := len(fakeCalls(t, base, "wecom.message_send")); n != 2 {
		t.Errorf("%d wecom sends, want 2", n)
	}
}
