package wechat

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/confval"
	"github.com/pufabot/pufabot/bot/storage"
)

const (
	testToken = "pufabot-test-token"
	testAppID = "wxb11529c136998cb6"
	testKey   = vecAKey
)

// fakeBot is a Handler that records what it got.
type fakeBot struct {
	mu        sync.Mutex
	calls     []bot.Message
	delay     time.Duration
	active    atomic.Int32
	maxActive atomic.Int32
	reply     func(bot.Message) bot.Reply
}

var _ Handler = (*fakeBot)(nil)

func (f *fakeBot) Handle(ctx context.Context, m bot.Message) bot.Reply {
	n := f.active.Add(1)
	defer f.active.Add(-1)
	for {
		old := f.maxActive.Load()
		if n <= old || f.maxActive.CompareAndSwap(old, n) {
			break
		}
	}
	f.mu.Lock()
	f.calls = append(f.calls, m)
	f.mu.Unlock()
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
		}
	}
	if f.reply != nil {
		return f.reply(m)
	}
	return bot.Reply{Text: "答：" + m.Text, Route: "question"}
}

func (f *fakeBot) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// fixture is a handler stack on a real temporary database.
type fixture struct {
	t     *testing.T
	bot   *fakeBot
	store *SQLStore
	disp  *Dispatcher
	cfg   Config
	h     http.Handler
}

func testConfig(mode string) Config {
	cfg := DefaultConfig()
	cfg.Enabled = true
	cfg.Token, cfg.AppID, cfg.Mode = testToken, testAppID, mode
	if mode != ModePlain {
		cfg.EncodingAESKey = testKey
	}
	cfg.ReplyDeadline = confval.D(100 * time.Millisecond)
	cfg.RateLimit = 0
	return cfg
}

func newFixture(t *testing.T, cfg Config, fb *fakeBot, push Pusher) *fixture {
	t.Helper()
	if fb == nil {
		fb = &fakeBot{}
	}
	store, err := NewSQLStore(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, bot: fb, store: store, cfg: cfg}
	f.disp = f.dispatcher(push)
	h, err := NewOfficialAccount(cfg, f.disp, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.h = h
	return f
}

func (f *fixture) dispatcher(push Pusher) *Dispatcher {
	d, err := NewDispatcher(context.Background(), DispatcherConfig{
		Channel: bot.ChannelWeChat, ReplyDeadline: f.cfg.ReplyDeadline.Duration, RateLimit: f.cfg.RateLimit,
		Retention: time.Minute,
	}, f.bot, f.store, push, nil, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

func (f *fixture) processed() int {
	var n int
	if err := f.store.db.QueryRow(`SELECT count(*) FROM processed_messages`).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// wx builds requests the way WeChat does.
type wx struct {
	token, key, id string
	mode           string // plain compat safe wecom
	agent          string
}

func textXML(from, msgID, content string) string {
	return fmt.Sprintf("<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>"+
		"<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>%s</Content><MsgId>%s</MsgId></xml>",
		from, time.Now().Unix(), appendCDATA(nil, content), msgID)
}

// build signs (and encrypts) plain; ts "" means now.
func (w wx) build(plain string) (url.Values, []byte) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	nonce := "1234567890"
	q := url.Values{"timestamp": {ts}, "nonce": {nonce}}
	if w.mode == "plain" {
		q.Set("signature", Sign(w.token, ts, nonce))
		return q, []byte(plain)
	}
	c, err := NewCrypter(w.key, w.id)
	if err != nil {
		panic(err)
	}
	enc := c.Encrypt([]byte(plain))
	q.Set("msg_signature", Sign(w.token, ts, nonce, enc))
	switch w.mode {
	case "wecom":
		return q, []byte("<xml><ToUserName><![CDATA[" + w.id + "]]></ToUserName><AgentID><![CDATA[" + w.agent +
			"]]></AgentID><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>")
	case "compat":
		q.Set("signature", Sign(w.token, ts, nonce))
		q.Set("encrypt_type", "aes")
		body := bytes.TrimSuffix([]byte(plain), []byte("</xml>"))
		return q, append(body, []byte("<Encrypt><![CDATA["+enc+"]]></Encrypt></xml>")...)
	default:
		q.Set("signature", Sign(w.token, ts, nonce))
		q.Set("encrypt_type", "aes")
		return q, []byte("<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>")
	}
}

func serveOnce(h http.Handler, q url.Values, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/wechat?"+q.Encode(), bytes.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// replyXML is a parsed passive reply.
type replyXML struct {
	ToUserName, FromUserName, MsgType, Content string
	CreateTime                                 int64
	Encrypt, MsgSignature, TimeStamp, Nonce    string
}

// decodeReply parses (and decrypts, checking MsgSignature) a reply body.
func (w wx) decodeReply(t *testing.T, body []byte) replyXML {
	t.Helper()
	var r replyXML
	if err := xml.Unmarshal(body, &r); err != nil {
		t.Fatalf("reply is not XML: %v\n%s", err, body)
	}
	if r.Encrypt == "" {
		if w.mode == "safe" || w.mode == "wecom" {
			t.Fatalf("plaintext reply in %s mode: %s", w.mode, body)
		}
		return r
	}
	if got := Sign(w.token, r.TimeStamp, r.Nonce, r.Encrypt); got != r.MsgSignature {
		t.Fatalf("reply MsgSignature %s, want %s", r.MsgSignature, got)
	}
	c, _ := NewCrypter(w.key, w.id)
	plain, err := c.Decrypt(r.Encrypt)
	if err != nil {
		t.Fatalf("decrypt reply: %v", err)
	}
	var in replyXML
	if err := xml.Unmarshal(plain, &in); err != nil {
		t.Fatalf("inner reply is not XML: %v\n%s", err, plain)
	}
	return in
}

// post builds a request for plain and serves it with h.
func (w wx) post(h http.Handler, plain string) *httptest.ResponseRecorder {
	q, body := w.build(plain)
	return serveOnce(h, q, body)
}
