package wechat

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/pufabot/pufabot/internal/sharedtest"
)

// startFakeAPI runs wxclient's fake API with args and returns its base URL.
func startFakeAPI(t *testing.T, args ...string) string {
	t.Helper()
	return sharedtest.FakeWeChatAPI(t, args...)
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
