package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/pufabot/pufabot/bot/wechat"
)

func TestAPITransportCountsErrcodes(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/expired":
			io.WriteString(w, `{"errcode":42001,"errmsg":"access_token expired"}`)
		case "/ok":
			io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
		case "/down":
			w.WriteHeader(http.StatusBadGateway)
		case "/media":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(make([]byte, 100<<10)) // longer than the peek
		}
	}))
	defer api.Close()
	a := &App{}
	c := a.apiHTTP()
	for _, p := range []string{"/expired", "/expired", "/ok", "/down", "/media"} {
		resp, err := c.Get(api.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if p == "/media" && len(b) != 100<<10 {
			t.Errorf("media body cut to %d bytes", len(b))
		}
		if p == "/expired" && !strings.Contains(string(b), "42001") {
			t.Errorf("body not handed on: %q", b)
		}
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	if _, err := c.Get(closed.URL + "/gone"); err == nil {
		t.Fatal("a closed server answered")
	}
	m := a.meter().apiCalls
	for _, tc := range []struct {
		path, code string
		want       float64
	}{{"/expired", "42001", 2}, {"/ok", "0", 1}, {"/down", "http_5xx", 1}, {"/media", "0", 1}, {"/gone", "network", 1}} {
		if got := m.Value(tc.path, tc.code); got != tc.want {
			t.Errorf("%s errcode %s = %v, want %v", tc.path, tc.code, got, tc.want)
		}
	}
}

func TestLLMOutcome(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, "ok"},
		{fmt.Errorf("llm: %w", context.DeadlineExceeded), "timeout"},
		{fmt.Errorf("llm: %w", &openai.APIError{HTTPStatusCode: 429}), "http_429"},
		{fmt.Errorf("llm: %w", &openai.RequestError{HTTPStatusCode: 503}), "http_5xx"},
		{fmt.Errorf("llm: %w", &openai.APIError{HTTPStatusCode: 401}), "http_4xx"},
		{errors.New("llm: no choices"), "error"},
	} {
		if got := llmOutcome(tc.err); got != tc.want {
			t.Errorf("llmOutcome(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// /metrics on the running server counts a message by channel, kind,
// route and outcome, and the answer mode of a question.
func TestServeMetrics(t *testing.T) {
	const admin = "metrics-admin-token-0123456789"
	base, _ := serveWith(t, dataWithLaw(t), fmt.Sprintf(`
[admin]
token = %q
[wechat]
token = %q
app_id = %q
encoding_aes_key = %q
mode = "safe"
`, admin, serveToken, serveAppID, serveKey), nil)
	oa, _ := wechat.NewCrypter(serveKey, serveAppID)
	for i, text := range []string{"帮助", "人民调解委员会调解纠纷收费吗"} {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		msg := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oMetrics1]]></FromUserName><CreateTime>" + ts +
			"</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text + "]]></Content><MsgId>" + strconv.Itoa(900+i) + "</MsgId></xml>"
		enc := oa.Encrypt([]byte(msg))
		q := url.Values{"signature": {wechat.Sign(serveToken, ts, "5")}, "timestamp": {ts}, "nonce": {"5"},
			"openid": {"oMetrics1"}, "encrypt_type": {"aes"}, "msg_signature": {wechat.Sign(serveToken, ts, "5", enc)}}
		resp, err := http.Post(base+"/wechat?"+q.Encode(), "text/xml",
			strings.NewReader("<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA["+enc+"]]></Encrypt></xml>"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`pufabot_messages_total{channel="wechat",kind="text",route="help",outcome="answered"} 1`,
		`pufabot_messages_total{channel="wechat",kind="text",route="question",outcome="answered"} 1`,
		`pufabot_answers_total{mode="extractive"} 1`,
		`pufabot_message_seconds_count{channel="wechat",outcome="answered"} 2`,
		"\ngo_goroutines ", "\nprocess_resident_memory_bytes ",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, b)
		}
	}
}
