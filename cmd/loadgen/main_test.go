package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/bot/wechat"
)

type echoBot struct {
	mu   sync.Mutex
	seen map[string]int
}

func (e *echoBot) Handle(ctx context.Context, m bot.Message) bot.Reply {
	e.mu.Lock()
	e.seen[m.Text]++
	e.mu.Unlock()
	return bot.Reply{Text: "收到：" + m.Text, Route: "echo"}
}

func TestLoadgenAgainstTheHandler(t *testing.T) {
	const key, appID, token = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxLOADGENTEST0001", "tok"
	store, err := wechat.NewSQLStore(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	eb := &echoBot{seen: map[string]int{}}
	d, err := wechat.NewDispatcher(context.Background(), wechat.DispatcherConfig{Channel: bot.ChannelWeChat,
		ReplyDeadline: time.Second}, eb, store, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := wechat.DefaultConfig()
	cfg.Enabled, cfg.Token, cfg.AppID, cfg.EncodingAESKey, cfg.Mode = true, token, appID, key, wechat.ModeSafe
	h, err := wechat.NewOfficialAccount(cfg, d, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var out bytes.Buffer
	err = run(context.Background(), options{url: srv.URL + "/wechat", token: token, aesKey: key, appID: appID,
		textsFile: "testdata/texts.txt", n: 200, conc: 8, users: 50, duration: 30 * time.Second,
		timeout: 5 * time.Second, check: true}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "sent 200 ok, 0 failed") {
		t.Errorf("report:\n%s", out.String())
	}
	if len(eb.seen) != 5 || eb.seen["帮助"] != 40 {
		t.Errorf("texts handled %v, want 5 texts 40 times each", eb.seen)
	}
}

func TestLoadgenRefusesOtherHosts(t *testing.T) {
	err := run(context.Background(), options{url: "http://example.com/wechat", token: "t"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("err = %v, want a loopback-only refusal", err)
	}
}
