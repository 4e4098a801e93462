package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/httpapi"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/bot/wechat"
	"github.com/pufabot/pufabot/knowledge/faq"
)

// syncBuffer is a bytes.Buffer safe for the server's log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const (
	serveToken = "serve-test-token"
	serveKey   = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	serveAppID = "wxSERVETEST000001"
	serveCorp  = "wwSERVETEST00001"
)

// startServe runs `pufabot serve` with config until the test ends and
// returns the base URL and the data dir.
func startServe(t *testing.T, config string) (string, string, *syncBuffer) {
	t.Helper()
	return startServeIn(t, t.TempDir(), config)
}

// startServeIn is startServe on an existing data dir.
func startServeIn(t *testing.T, dir, config string) (string, string, *syncBuffer) {
	t.Helper()
	p := writeConfig(t, "[server]\nlisten = \"127.0.0.1:0\"\nshutdown_timeout = \"5s\"\n"+config)
	stderr := &syncBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr,
		Getenv: func(string) string { return "" }, Now: time.Now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--config", p, "--data-dir", dir}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d:\n%s", code, stderr)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if mm := re.FindStringSubmatch(stderr.String()); mm != nil {
			return "http://" + mm[1], dir, stderr
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d:\n%s", code, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type serveReply struct {
	Encrypt, MsgSignature, TimeStamp, Nonce string
	ToUserName, MsgType, Content            string
}

func TestServeWeChatSafeModeAndWeCom(t *testing.T) {
	base, dir, logs := startServe(t, fmt.Sprintf(`
[wechat]
token = %q
app_id = %q
encoding_aes_key = %q
mode = "safe"

[wecom]
corp_id = %q
agent_id = 1000002
token = %q
encoding_aes_key = %q
`, serveToken, serveAppID, serveKey, serveCorp, serveToken, serveKey))

	oa, _ := wechat.NewCrypter(serveKey, serveAppID)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	msg := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oResident1]]></FromUserName><CreateTime>" + ts +
		"</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>1234567890123456789</MsgId></xml>"
	post := func() serveReply {
		enc := oa.Encrypt([]byte(msg))
		q := url.Values{"signature": {wechat.Sign(serveToken, ts, "42")}, "timestamp": {ts}, "nonce": {"42"},
			"openid": {"oResident1"}, "encrypt_type": {"aes"}, "msg_signature": {wechat.Sign(serveToken, ts, "42", enc)}}
		body := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
		resp, err := http.Post(base+"/wechat?"+q.Encode(), "text/xml", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, raw)
		}
		var outer, inner serveReply
		if err := xml.Unmarshal(raw, &outer); err != nil || outer.Encrypt == "" {
			t.Fatalf("reply %s: %v", raw, err)
		}
		if wechat.Sign(serveToken, outer.TimeStamp, outer.Nonce, outer.Encrypt) != outer.MsgSignature {
			t.Fatal("reply MsgSignature does not verify")
		}
		plain, err := oa.Decrypt(outer.Encrypt)
		if err != nil {
			t.Fatal(err)
		}
		xml.Unmarshal(plain, &inner)
		return inner
	}
	first := post()
	if first.ToUserName != "oResident1" || !strings.Contains(first.Content, "解答日常法律问题") {
		t.Errorf("reply %+v, want the resident help", first)
	}
	if again := post(); again.Content != first.Content {
		t.Errorf("retry got %q", again.Content)
	}

	// WeCom URL verification through the running server
	wc, _ := wechat.NewCrypter(serveKey, serveCorp)
	echo := wc.Encrypt([]byte("8675309"))
	q := url.Values{"msg_signature": {wechat.Sign(serveToken, ts, "7", echo)}, "timestamp": {ts}, "nonce": {"7"}, "echostr": {echo}}
	resp, err := http.Get(base + "/wecom?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(got) != "8675309" {
		t.Errorf("wecom verify: %d %q", resp.StatusCode, got)
	}

	db, err := storage.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM processed_messages`).Scan(&n); err != nil || n != 1 {
		t.Errorf("processed_messages = %d (%v), want 1: the retry was not handled again", n, err)
	}
	if !strings.Contains(logs.String(), "route=help") || strings.Contains(logs.String(), "oResident1") {
		t.Errorf("log lines must carry the route and never the OpenID:\n%s", logs)
	}
}

// TestServeUpdatesAnOlderStarterFAQ: a data dir written by an older
// version (its starter FAQ differs from this build's) gets this build's
// starter FAQ once serve runs, without holding up the start.
func TestServeUpdatesAnOlderStarterFAQ(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run(t, "", "kb", "list", "--data-dir", dir); code != 0 {
		t.Fatalf("kb list exited %d: %s", code, errs)
	}
	// Pretend a build from before starter versions stored it: fewer
	// entries, another hash, a source without a version.
	db, err := storage.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM kb_chunks WHERE seq >= 3 AND doc_id = (SELECT id FROM kb_documents WHERE source LIKE 'starter.md%')`,
		`UPDATE kb_documents SET sha256 = 'older', chunk_count = 3, source = 'starter.md' WHERE source LIKE 'starter.md%'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	_, _, logs := startServeIn(t, dir, "")
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "starter FAQ updated") {
		if time.Now().After(deadline) {
			t.Fatalf("no starter FAQ update in the log:\n%s", logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if want := fmt.Sprintf("questions=%d before=3", len(faq.Entries())); !strings.Contains(logs.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, logs)
	}
}

func TestServeWithoutWeChatHasNoRoute(t *testing.T) {
	base, _, _ := startServe(t, "")
	resp, err := http.Get(base + "/wechat")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/wechat without [wechat]: status %d, want 404", resp.StatusCode)
	}
}

// BenchmarkServeStack is the passive-reply round trip through the stack
// `pufabot serve` builds (config, every wired part of the bot, httpapi,
// the WeChat channel on SQLite), in process: a safe-mode encrypted 帮助
// from 5,000 different users. Compare BenchmarkPassiveReplyRoundTrip in
// bot/wechat, which has the bare bot.
//
//	go test ./cmd/pufabot -run '^$' -bench ServeStack -benchmem
func BenchmarkServeStack(b *testing.B) {
	ctx := context.Background()
	p := filepath.Join(b.TempDir(), "c.toml")
	cfg := fmt.Sprintf("[log]\nlevel = \"warn\"\n[wechat]\ntoken = %q\napp_id = %q\nencoding_aes_key = %q\nmode = \"safe\"\nrate_limit = 0\n",
		serveToken, serveAppID, serveKey)
	if err := os.WriteFile(p, []byte(cfg), 0o600); err != nil {
		b.Fatal(err)
	}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	a, err := m.openApp(ctx, &commonFlags{config: p, dataDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	bt, err := a.buildBot(ctx, m)
	if err != nil {
		b.Fatal(err)
	}
	var deps httpapi.Deps
	if err := a.wireChannels(ctx, m, bt, &deps); err != nil {
		b.Fatal(err)
	}
	h := httpapi.New(a.Config.Server, a.Config.Admin, deps).Handler()
	c, _ := wechat.NewCrypter(serveKey, serveAppID)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	reqs := make([]*http.Request, b.N)
	for i := range reqs {
		msg := fmt.Sprintf("<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oBench%05d]]></FromUserName>"+
			"<CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>%d</MsgId></xml>",
			i%5000, ts, 1_000_000_000+i)
		enc := c.Encrypt([]byte(msg))
		q := url.Values{"signature": {wechat.Sign(serveToken, ts, "1")}, "timestamp": {ts}, "nonce": {"1"},
			"encrypt_type": {"aes"}, "msg_signature": {wechat.Sign(serveToken, ts, "1", enc)}}
		body := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
		reqs[i] = httptest.NewRequest(http.MethodPost, "/wechat?"+q.Encode(), strings.NewReader(body))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, reqs[i])
		if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "<xml><Encrypt>") {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
