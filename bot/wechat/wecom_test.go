package wechat

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/confval"
	"github.com/pufabot/pufabot/bot/storage"
)

func newWeComFixture(t *testing.T, cfg WeComConfig, fb *fakeBot) (*WeCom, *fakeBot) {
	t.Helper()
	if fb == nil {
		fb = &fakeBot{}
	}
	store, err := NewSQLStore(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDispatcher(context.Background(), DispatcherConfig{Channel: bot.ChannelWeCom,
		ReplyDeadline: 100 * time.Millisecond}, fb, store, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewWeCom(cfg, d, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return h, fb
}

func vectorBConfig() WeComConfig {
	cfg := DefaultWeComConfig()
	cfg.Enabled = true
	cfg.CorpID, cfg.AgentID, cfg.Token, cfg.EncodingAESKey = vecBCorpID, 218, vecBToken, vecBKey
	cfg.TimestampWindow = confval.D(0) // the published vector is from 2014
	return cfg
}

func TestWeComVerifyPublishedVector(t *testing.T) {
	h, _ := newWeComFixture(t, vectorBConfig(), nil)
	cases := []struct {
		name   string
		sig    string
		echo   string
		status int
		body   string
	}{
		{"good", vecBGetSig, vecBEchoEnc, 200, vecBEcho},
		{"plus decoded as space", vecBGetSig, strings.ReplaceAll(vecBEchoEnc, "+", " "), 200, vecBEcho},
		{"bad signature", Sign("x", vecBGetTS, vecBGetNon, vecBEchoEnc), vecBEchoEnc, 403, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"msg_signature": {tc.sig}, "timestamp": {vecBGetTS}, "nonce": {vecBGetNon}, "echostr": {tc.echo}}
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/wecom?"+q.Encode(), nil))
			if rec.Code != tc.status || (tc.status == 200 && rec.Body.String() != tc.body) {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tc.status, tc.body)
			}
			if d := time.Since(start); d > 100*time.Millisecond {
				t.Errorf("took %s; WeCom wants the echo within 1 s", d)
			}
		})
	}
	// ciphertext for another CorpID, correctly signed
	other, _ := NewCrypter(vecBKey, "wwOther")
	enc := other.Encrypt([]byte("123"))
	q := url.Values{"msg_signature": {Sign(vecBToken, "1", "2", enc)}, "timestamp": {"1"}, "nonce": {"2"}, "echostr": {enc}}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/wecom?"+q.Encode(), nil))
	if rec.Code/100 != 4 {
		t.Errorf("other CorpID: status %d, want 4xx", rec.Code)
	}
}

func TestWeComPublishedMessage(t *testing.T) {
	h, fb := newWeComFixture(t, vectorBConfig(), nil)
	q := url.Values{"msg_signature": {vecBPostSig}, "timestamp": {vecBPostTS}, "nonce": {vecBPostNon}}
	body := "<xml><ToUserName><![CDATA[" + vecBCorpID + "]]></ToUserName><Encrypt><![CDATA[" + vecBPostEnc +
		"]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>"
	rec := serveOnce(h, q, []byte(body))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	w := wx{token: vecBToken, key: vecBKey, id: vecBCorpID, mode: "wecom"}
	r := w.decodeReply(t, rec.Body.Bytes())
	if r.Content != "答：hello" || r.ToUserName != "mycreate" || r.FromUserName != vecBCorpID {
		t.Errorf("reply %+v", r)
	}
	if len(fb.calls) != 1 || fb.calls[0].Channel != bot.ChannelWeCom || fb.calls[0].UserID != "mycreate" {
		t.Errorf("bot got %+v", fb.calls)
	}
}

func TestWeComMessages(t *testing.T) {
	cfg := vectorBConfig()
	cfg.TimestampWindow = confval.D(10 * time.Minute)
	h, fb := newWeComFixture(t, cfg, &fakeBot{reply: func(m bot.Message) bot.Reply {
		if m.Kind == bot.KindEvent {
			return bot.Reply{Route: "ignored"}
		}
		return bot.Reply{Text: "收到", Route: "x"}
	}})
	w := wx{token: vecBToken, key: vecBKey, id: vecBCorpID, mode: "wecom", agent: "218"}
	msg := func(agent, id string) string {
		return "<xml><ToUserName><![CDATA[" + vecBCorpID + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>" +
			strconv.FormatInt(time.Now().Unix(), 10) + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[今天在李家庄开展宣传]]></Content><MsgId>" +
			id + "</MsgId><AgentID>" + agent + "</AgentID></xml>"
	}
	rec := w.post(h, msg("218", "77"))
	if rec.Code != 200 || w.decodeReply(t, rec.Body.Bytes()).Content != "收到" {
		t.Fatalf("good message: %d %s", rec.Code, rec.Body)
	}
	wrong := w
	wrong.agent = "219"
	if rec := wrong.post(h, msg("219", "78")); rec.Code != http.StatusForbidden {
		t.Errorf("wrong AgentID: status %d, want 403", rec.Code)
	}
	if rec := w.post(h, msg("219", "79")); rec.Code != http.StatusForbidden {
		t.Errorf("wrong inner AgentID: status %d, want 403", rec.Code)
	}
	ev := "<xml><ToUserName>" + vecBCorpID + "</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>" +
		strconv.FormatInt(time.Now().Unix(), 10) + "</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><AgentID>218</AgentID></xml>"
	if rec := w.post(h, ev); rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("event needing no reply: %d %q, want 200 and an empty body", rec.Code, rec.Body)
	}
	if n := fb.count(); n != 2 {
		t.Errorf("handled %d, want 2", n)
	}
}
