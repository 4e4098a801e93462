package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/wechat"
)

// The secrets of TestSecretsNeverInLogsOrReplies: each one must never show
// up in a log line, an HTTP reply or a decrypted message reply.
const (
	secWeChatToken  = "wxcbTOKENsecret7"
	secWeChatKey    = "SeCrEtWeChatAesKey0123456789abcdefghijklmno"
	secWeChatSecret = "WECHAT-APP-SECRET-a1b2c3"
	secWeComToken   = "wccbTOKENsecret8"
	secWeComKey     = "SeCrEtWeComAesKey0123456789abcdefghijklmnop"
	secWeComSecret  = "WECOM-APP-SECRET-d4e5f6"
	secLLMKey       = "sk-LLM-SECRET-KEY-g7h8i9"
	secAdminToken   = "ADMIN-TOKEN-SECRET-j0k1l2"
	secWeChatAccess = "WECHAT-ACCESS-TOKEN-m3n4"
	secWeComAccess  = "WECOM-ACCESS-TOKEN-o5p6"
	secAppID        = "wxSECRETTEST00001"
	secCorpID       = "wwSECRETTEST0001"
)

// serveWith runs `pufabot serve` on data with config and env until the
// test ends; it returns the base URL and the log.
func serveWith(t *testing.T, data, config string, env map[string]string) (string, *syncBuffer) {
	t.Helper()
	p := writeConfig(t, "[server]\nlisten = \"127.0.0.1:0\"\nshutdown_timeout = \"5s\"\n[log]\nlevel = \"debug\"\n"+config)
	logs := &syncBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: logs, Stderr: logs,
		Getenv: func(k string) string { return env[k] }, Now: time.Now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--config", p, "--data-dir", data}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if mm := re.FindStringSubmatch(logs.String()); mm != nil {
			return "http://" + mm[1], logs
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d:\n%s", code, logs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", logs)
		}
	}
}

// TestSecretsNeverInLogsOrReplies runs the server with both channels, an
// LLM that rate-limits and then refuses the key (echoing it, as OpenAI
// does), and a WeChat/WeCom API whose first send fails with 42001 and
// then 5xx, at debug log level; it drives good and bad requests and checks
// that no secret appears in the log or in anything sent back.
func TestSecretsNeverInLogsOrReplies(t *testing.T) {
	data := dataWithLaw(t)
	var llmCalls atomic.Int32
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+secLLMKey {
			t.Errorf("LLM got auth %q", r.Header.Get("Authorization"))
		}
		time.Sleep(300 * time.Millisecond) // slower than the WeCom reply deadline
		w.Header().Set("Content-Type", "application/json")
		if llmCalls.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`)
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://x","type":"invalid_request_error","code":"invalid_api_key"}}`, secLLMKey)
	}))
	defer llm.Close()

	var mu sync.Mutex
	var apiPaths []string
	var sends atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		apiPaths = append(apiPaths, r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/cgi-bin/gettoken":
			if r.URL.Query().Get("corpsecret") != secWeComSecret {
				t.Errorf("gettoken without the secret: %s", r.URL.RawQuery)
			}
			fmt.Fprintf(w, `{"errcode":0,"access_token":%q,"expires_in":7200}`, secWeComAccess)
		case "/cgi-bin/stable_token", "/cgi-bin/token":
			fmt.Fprintf(w, `{"access_token":%q,"expires_in":7200}`, secWeChatAccess)
		case "/cgi-bin/message/send":
			switch sends.Add(1) {
			case 1:
				io.WriteString(w, `{"errcode":42001,"errmsg":"access_token expired rid: 1"}`)
			case 2, 3, 4:
				w.WriteHeader(http.StatusBadGateway)
				fmt.Fprintf(w, "bad gateway for access_token=%s", r.URL.Query().Get("access_token"))
			default:
				io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
			}
		default:
			io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
		}
	}))
	defer api.Close()

	base, logs := serveWith(t, data, fmt.Sprintf(`
[admin]
token = %q
[llm]
base_url = %q
model = "m"
timeout = "3s"
[wechat]
token = %q
app_id = %q
app_secret = %q
encoding_aes_key = %q
mode = "safe"
customer_service = true
api_base_url = %q
[wecom]
corp_id = %q
agent_id = 1000002
secret = %q
token = %q
encoding_aes_key = %q
api_base_url = %q
reply_deadline = "100ms"
`, secAdminToken, llm.URL+"/v1", secWeChatToken, secAppID, secWeChatSecret, secWeChatKey, api.URL,
		secCorpID, secWeComSecret, secWeComToken, secWeComKey, api.URL),
		map[string]string{"PUFABOT_LLM_API_KEY": secLLMKey})

	var replies []string // everything sent back, decrypted where encrypted
	record := func(s string) { replies = append(replies, s) }
	do := func(req *http.Request, timeout time.Duration) (int, string) {
		c := &http.Client{Timeout: timeout}
		resp, err := c.Do(req)
		if err != nil {
			return 0, ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		record(string(b))
		for k, v := range resp.Header {
			record(k + ": " + strings.Join(v, ","))
		}
		return resp.StatusCode, string(b)
	}
	decrypt := func(c *wechat.Crypter, body string) {
		var x struct{ Encrypt string }
		if xml.Unmarshal([]byte(body), &x) == nil && x.Encrypt != "" {
			plain, err := c.Decrypt(x.Encrypt)
			if err != nil {
				t.Errorf("reply does not decrypt: %v", err)
			}
			record(string(plain))
		}
	}

	// WeCom: a legal question whose answer is late (LLM slow and failing):
	// three attempts, the third says it is on its way, the answer is
	// pushed through the app message API after 42001 and 5xx answers.
	wc, _ := wechat.NewCrypter(secWeComKey, secCorpID)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	inner := "<xml><ToUserName><![CDATA[" + secCorpID + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>" + ts +
		"</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[人民调解委员会调解纠纷收费吗]]></Content><MsgId>7001</MsgId><AgentID>1000002</AgentID></xml>"
	enc := wc.Encrypt([]byte(inner))
	q := url.Values{"msg_signature": {wechat.Sign(secWeComToken, ts, "n1", enc)}, "timestamp": {ts}, "nonce": {"n1"}}
	body := "<xml><ToUserName><![CDATA[" + secCorpID + "]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
	var last string
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest("POST", base+"/wecom?"+q.Encode(), strings.NewReader(body))
		_, last = do(req, 250*time.Millisecond)
	}
	decrypt(wc, last)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "keeping it for the next message") && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	// 42001 refreshed once, then 5xx retried a bounded number of times,
	// then kept for the user's next message: nothing lost, no tight loop.
	if n := sends.Load(); n != 4 {
		t.Errorf("%d send calls, want 4 (42001, refresh, 3 tries on 5xx)", n)
	}
	if llmCalls.Load() != 2 {
		t.Errorf("%d LLM calls, want 2 (429 retried once, then 401)", llmCalls.Load())
	}
	// The next message carries the kept answer in front of its own.
	inner = strings.Replace(strings.Replace(inner, "<MsgId>7001", "<MsgId>7003", 1), "人民调解委员会调解纠纷收费吗", "帮助", 1)
	enc = wc.Encrypt([]byte(inner))
	q = url.Values{"msg_signature": {wechat.Sign(secWeComToken, ts, "n3", enc)}, "timestamp": {ts}, "nonce": {"n3"}}
	body = "<xml><ToUserName><![CDATA[" + secCorpID + "]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
	req, _ := http.NewRequest("POST", base+"/wecom?"+q.Encode(), strings.NewReader(body))
	if _, last = do(req, 5*time.Second); last == "" {
		t.Fatal("no reply to the next message")
	}
	decrypt(wc, last)
	if got := replies[len(replies)-1]; !strings.Contains(got, "第四条") {
		t.Errorf("the kept answer did not come with the next reply: %.300q", got)
	}

	// WeChat safe mode: a good message, then a forged signature.
	oa, _ := wechat.NewCrypter(secWeChatKey, secAppID)
	msg := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oResident9]]></FromUserName><CreateTime>" + ts +
		"</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>7002</MsgId></xml>"
	enc = oa.Encrypt([]byte(msg))
	q = url.Values{"signature": {wechat.Sign(secWeChatToken, ts, "n2")}, "timestamp": {ts}, "nonce": {"n2"},
		"openid": {"oResident9"}, "encrypt_type": {"aes"}, "msg_signature": {wechat.Sign(secWeChatToken, ts, "n2", enc)}}
	wbody := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
	req, _ = http.NewRequest("POST", base+"/wechat?"+q.Encode(), strings.NewReader(wbody))
	if code, b := do(req, 5*time.Second); code != 200 {
		t.Errorf("good message: %d %s", code, b)
	} else {
		decrypt(oa, b)
	}
	q.Set("msg_signature", wechat.Sign("wrong-token", ts, "n2", enc))
	req, _ = http.NewRequest("POST", base+"/wechat?"+q.Encode(), strings.NewReader(wbody))
	if code, _ := do(req, 5*time.Second); code != http.StatusForbidden {
		t.Errorf("forged msg_signature: %d, want 403", code)
	}

	// Admin API with a wrong token, a token-like prefix, then the right one.
	for _, auth := range []string{"Bearer wrong-token-0123456789", "Bearer " + secAdminToken[:10], "Bearer " + secAdminToken} {
		for _, path := range []string{"/admin/ping", "/metrics", "/admin/kb/search?q=" + url.QueryEscape("调解")} {
			req, _ := http.NewRequest("GET", base+path, nil)
			req.Header.Set("Authorization", auth)
			code, _ := do(req, 5*time.Second)
			if want := auth == "Bearer "+secAdminToken; (code == 200) != want {
				t.Errorf("GET %s with %.20q: %d", path, auth, code)
			}
		}
	}

	time.Sleep(200 * time.Millisecond) // the last log lines
	all := logs.String()
	secrets := map[string]string{"wechat token": secWeChatToken, "wechat aes key": secWeChatKey,
		"wechat app secret": secWeChatSecret, "wecom token": secWeComToken, "wecom aes key": secWeComKey,
		"wecom secret": secWeComSecret, "llm key": secLLMKey, "admin token": secAdminToken,
		"wechat access token": secWeChatAccess, "wecom access token": secWeComAccess}
	for name, s := range secrets {
		for _, probe := range []string{s, s[:len(s)*2/3]} { // whole, and a recognisable part
			if strings.Contains(all, probe) {
				t.Errorf("the log contains the %s (%q)", name, probe)
			}
			for _, r := range replies {
				if strings.Contains(r, probe) {
					t.Errorf("a reply contains the %s: %.200q", name, r)
				}
			}
		}
	}
	if !strings.Contains(all, "message") || len(replies) < 10 {
		t.Errorf("too little was exercised: %d replies, log:\n%s", len(replies), all)
	}
	if t.Failed() {
		t.Logf("log:\n%s", all)
	}
}
