package wechat

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/httpapi"
)

func TestVerifyEchoesExactly(t *testing.T) {
	f := newFixture(t, testConfig(ModePlain), nil, nil)
	ts, nonce, echo := "1414387151", "917222494", "5837397520665436492"
	cases := []struct {
		name     string
		sig      string
		status   int
		wantBody string
	}{
		{"good", Sign(testToken, ts, nonce), 200, echo},
		{"wrong token", Sign("other", ts, nonce), 403, ""},
		{"missing", "", 403, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"signature": {tc.sig}, "timestamp": {ts}, "nonce": {nonce}, "echostr": {echo}}
			rec := httptest.NewRecorder()
			f.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/wechat?"+q.Encode(), nil))
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			if tc.status == 200 && rec.Body.String() != tc.wantBody {
				t.Fatalf("body %q, want exactly %q", rec.Body.String(), tc.wantBody)
			}
		})
	}
}

func TestRejectedRequestsAreNotHandled(t *testing.T) {
	safe := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	msg := func() string { return textXML("oUser1", "1000000000000000001", "帮助") }
	other, _ := NewCrypter(vecCKey, testAppID)
	wrongApp, _ := NewCrypter(testKey, "wx0000000000000bad")
	withEncrypt := func(c *Crypter, plain string) (url.Values, []byte) {
		q, _ := safe.build(plain)
		enc := c.Encrypt([]byte(plain))
		q.Set("msg_signature", Sign(testToken, q.Get("timestamp"), q.Get("nonce"), enc))
		return q, []byte("<xml><ToUserName>gh_test</ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>")
	}
	resign := func(q url.Values, body []byte) {
		var env envelope
		xml.Unmarshal(body, &env)
		q.Set("signature", Sign(testToken, q.Get("timestamp"), q.Get("nonce")))
		q.Set("msg_signature", Sign(testToken, q.Get("timestamp"), q.Get("nonce"), env.Encrypt))
	}
	cases := []struct {
		name   string
		mode   string
		req    func() (url.Values, []byte)
		status int
	}{
		{"bad signature (plain)", ModePlain, func() (url.Values, []byte) {
			q, b := wx{token: testToken, mode: "plain"}.build(msg())
			q.Set("signature", Sign("wrong", q.Get("timestamp"), q.Get("nonce")))
			return q, b
		}, 403},
		{"bad msg_signature", ModeSafe, func() (url.Values, []byte) {
			q, b := safe.build(msg())
			q.Set("msg_signature", Sign("wrong", q.Get("timestamp"), q.Get("nonce"), "x"))
			return q, b
		}, 403},
		{"missing signatures", ModeSafe, func() (url.Values, []byte) {
			q, b := safe.build(msg())
			q.Del("signature")
			q.Del("msg_signature")
			return q, b
		}, 403},
		{"missing timestamp", ModeSafe, func() (url.Values, []byte) {
			q, b := safe.build(msg())
			q.Del("timestamp")
			resign(q, b)
			return q, b
		}, 400},
		{"non-numeric timestamp", ModeSafe, func() (url.Values, []byte) {
			q, b := safe.build(msg())
			q.Set("timestamp", "abc")
			resign(q, b)
			return q, b
		}, 400},
		{"stale timestamp", ModeSafe, func() (url.Values, []byte) {
			q, b := safe.build(msg())
			q.Set("timestamp", strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10))
			resign(q, b)
			return q, b
		}, 400},
		{"plaintext in safe mode", ModeSafe, func() (url.Values, []byte) {
			return wx{token: testToken, mode: "plain"}.build(msg())
		}, 400},
		{"encrypt_type without Encrypt", ModeSafe, func() (url.Values, []byte) {
			q, _ := safe.build(msg())
			resign(q, nil)
			return q, []byte(msg())
		}, 400},
		{"wrong AppID", ModeSafe, func() (url.Values, []byte) { return withEncrypt(wrongApp, msg()) }, 400},
		{"wrong key", ModeSafe, func() (url.Values, []byte) { return withEncrypt(other, msg()) }, 400},
		{"bad base64", ModeSafe, func() (url.Values, []byte) {
			q, _ := safe.build(msg())
			b := []byte("<xml><Encrypt><![CDATA[!!!not*base64]]></Encrypt></xml>")
			resign(q, b)
			return q, b
		}, 400},
		{"malformed XML inside", ModeSafe, func() (url.Values, []byte) {
			return safe.build(strings.Replace(msg(), "</MsgType>", "</MsgTyp>", 1))
		}, 400},
		{"malformed envelope", ModeSafe, func() (url.Values, []byte) {
			q, b := safe.build(msg())
			return q, bytes.TrimSuffix(b, []byte("]]></Encrypt></xml>"))
		}, 400},
		{"malformed XML (plain)", ModePlain, func() (url.Values, []byte) {
			return wx{token: testToken, mode: "plain"}.build("<xml><FromUserName>x</From></xml>")
		}, 400},
		{"DTD (plain)", ModePlain, func() (url.Values, []byte) {
			return wx{token: testToken, mode: "plain"}.build(`<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + msg())
		}, 400},
		{"empty body", ModePlain, func() (url.Values, []byte) {
			q, _ := wx{token: testToken, mode: "plain"}.build("")
			return q, nil
		}, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, testConfig(tc.mode), nil, nil)
			q, body := tc.req()
			rec := serveOnce(f.h, q, body)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d (%s)", rec.Code, tc.status, strings.TrimSpace(rec.Body.String()))
			}
			if n := f.bot.count(); n != 0 {
				t.Errorf("handler called %d times, want 0", n)
			}
			if n := f.processed(); n != 0 {
				t.Errorf("%d processed rows, want 0", n)
			}
		})
	}
}

func TestPassiveReplyInEveryMode(t *testing.T) {
	for _, mode := range []string{ModePlain, ModeCompat, ModeSafe} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t, testConfig(mode), nil, nil)
			w := wx{token: testToken, key: testKey, id: testAppID, mode: mode}
			content := "x]]></Content><MsgType><![CDATA[news]]></MsgType><Content><![CDATA[y"
			rec := w.post(f.h, textXML("oUser1", "1000000000000000002", content))
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			r := w.decodeReply(t, rec.Body.Bytes())
			if r.ToUserName != "oUser1" || r.FromUserName != "gh_test" || r.MsgType != "text" {
				t.Errorf("reply header %+v", r)
			}
			if r.Content != "答："+content {
				t.Errorf("content %q, want the bot's text unchanged", r.Content)
			}
			if n := f.processed(); n != 1 {
				t.Errorf("%d processed rows, want 1", n)
			}
			m := f.bot.calls[0]
			if m.Channel != bot.ChannelWeChat || m.UserID != "oUser1" || m.Kind != bot.KindText || m.MsgID != "1000000000000000002" {
				t.Errorf("bot got %+v", m)
			}
		})
	}
}

func TestMessageKindsAndNoReply(t *testing.T) {
	f := newFixture(t, testConfig(ModePlain), &fakeBot{reply: func(m bot.Message) bot.Reply {
		if m.Kind == bot.KindEvent && m.Event == bot.EventUnsubscribe {
			return bot.Reply{Route: "ignored"}
		}
		return bot.Reply{Text: "ok", Route: "x"}
	}}, nil)
	w := wx{token: testToken, mode: "plain"}
	now := time.Now().Unix()
	head := func(typ string) string {
		return fmt.Sprintf("<xml><ToUserName>gh_test</ToUserName><FromUserName>oU</FromUserName><CreateTime>%d</CreateTime><MsgType>%s</MsgType>", now, typ)
	}
	cases := []struct {
		name, xml string
		body      string // expected exact body ("" = an XML reply)
		check     func(t *testing.T, m bot.Message)
	}{
		{"voice", head("voice") + "<MediaId>m1</MediaId><Format>amr</Format><Recognition>欠钱不还怎么办</Recognition><MsgId>11</MsgId></xml>", "",
			func(t *testing.T, m bot.Message) {
				if m.Kind != bot.KindVoice || m.Text != "欠钱不还怎么办" || m.MediaID != "m1" {
					t.Errorf("%+v", m)
				}
			}},
		{"image", head("image") + "<PicUrl>http://p/1.jpg</PicUrl><MediaId>m2</MediaId><MsgId>12</MsgId></xml>", "",
			func(t *testing.T, m bot.Message) {
				if m.Kind != bot.KindImage || m.MediaID != "m2" || m.PicURL != "http://p/1.jpg" {
					t.Errorf("%+v", m)
				}
			}},
		{"location", head("location") + "<Location_X>23.13</Location_X><Location_Y>113.35</Location_Y><Scale>20</Scale><Label>李家庄</Label><MsgId>13</MsgId></xml>", "",
			func(t *testing.T, m bot.Message) {
				if m.Kind != bot.KindLocation || m.Latitude != 23.13 || m.Longitude != 113.35 || m.Label != "李家庄" {
					t.Errorf("%+v", m)
				}
			}},
		{"link", head("link") + "<Title>t</Title><Description>d</Description><Url>https://x</Url><MsgId>14</MsgId></xml>", "",
			func(t *testing.T, m bot.Message) {
				if m.Kind != bot.KindLink || m.Title != "t" || m.URL != "https://x" {
					t.Errorf("%+v", m)
				}
			}},
		{"click", head("event") + "<Event>CLICK</Event><EventKey>MENU_HELP</EventKey></xml>", "",
			func(t *testing.T, m bot.Message) {
				if m.Kind != bot.KindEvent || m.Event != bot.EventClick || m.EventKey != "MENU_HELP" || m.MsgID != "" {
					t.Errorf("%+v", m)
				}
			}},
		{"unsubscribe", head("event") + "<Event>unsubscribe</Event></xml>", "success", nil},
		{"unknown type", head("wxclient_unknown") + "<Foo>bar</Foo><MsgId>15</MsgId></xml>", "success", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.bot.count()
			rec := w.post(f.h, tc.xml)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			if tc.body != "" && rec.Body.String() != tc.body {
				t.Fatalf("body %q, want %q", rec.Body.String(), tc.body)
			}
			if tc.body == "" {
				w.decodeReply(t, rec.Body.Bytes())
			}
			if tc.check != nil {
				if f.bot.count() != before+1 {
					t.Fatal("not handled")
				}
				tc.check(t, f.bot.calls[before])
			}
		})
	}
	if n := f.bot.count(); n != 6 {
		t.Errorf("handled %d, want 6 (the unknown type is not handled)", n)
	}
}

func TestOversizedBodyThroughHTTPAPI(t *testing.T) {
	f := newFixture(t, testConfig(ModeSafe), nil, nil)
	srv := httpapi.New(httpapi.DefaultConfig(), httpapi.DefaultAdminConfig(), httpapi.Deps{WeChat: f.h})
	w := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	q, body := w.build(textXML("oUser1", "1000000000000000003", strings.Repeat("法", 100_000)))
	req := httptest.NewRequest(http.MethodPost, "/wechat?"+q.Encode(), bytes.NewReader(body))
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d for a %d-byte body, want 413", rec.Code, len(body))
	}
	// also without a declared length (chunked)
	req = httptest.NewRequest(http.MethodPost, "/wechat?"+q.Encode(), io.MultiReader(bytes.NewReader(body)))
	req.ContentLength = -1
	rec = httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: status %d, want 413", rec.Code)
	}
	if f.bot.count() != 0 {
		t.Error("oversized message was handled")
	}
	// and a normal one passes through httpapi
	rec = httptest.NewRecorder()
	q, body = w.build(textXML("oUser1", "1000000000000000004", "帮助"))
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/wechat?"+q.Encode(), bytes.NewReader(body)))
	if rec.Code != 200 || f.bot.count() != 1 {
		t.Errorf("normal message: status %d, handled %d", rec.Code, f.bot.count())
	}
}

// attemptPoster posts the same message like WeChat: each attempt re-signed
// and re-encrypted, given up after timeout.
func attemptPoster(t *testing.T, h http.Handler, w wx, plain string, timeout time.Duration) func() (int, []byte, error) {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client := &http.Client{Timeout: timeout}
	return func() (int, []byte, error) {
		q, body := w.build(plain)
		resp, err := client.Post(srv.URL+"/wechat?"+q.Encode(), "text/xml", bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b, nil
	}
}

func TestRetriesOfASlowMessageAreHandledOnce(t *testing.T) {
	// deadline 100 ms, "WeChat" gives up after 400 ms, the answer takes 600 ms:
	// attempt 1 is held and dropped, attempt 2 carries the answer. (Margins
	// of 200 ms keep this steady on a loaded CI machine.)
	fb := &fakeBot{delay: 600 * time.Millisecond}
	f := newFixture(t, testConfig(ModeSafe), fb, nil)
	w := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	post := attemptPoster(t, f.h, w, textXML("oSlow", "1000000000000000005", "宅基地纠纷"), 400*time.Millisecond)
	var got []byte
	for attempt := 1; attempt <= 3 && got == nil; attempt++ {
		status, body, err := post()
		switch {
		case err != nil && attempt < 3:
			continue // held past the deadline: WeChat retries
		case err != nil:
			t.Fatalf("attempt %d: %v", attempt, err)
		case status != 200:
			t.Fatalf("attempt %d: status %d", attempt, status)
		}
		if attempt == 1 {
			t.Fatalf("attempt 1 answered (%s) although the answer was not ready", body)
		}
		got = body
	}
	r := w.decodeReply(t, got)
	if r.Content != "答：宅基地纠纷" {
		t.Errorf("reply %q", r.Content)
	}
	// a later retry (e.g. the reply was lost) gets the same answer at once
	status, body, err := post()
	if err != nil || status != 200 || w.decodeReply(t, body).Content != r.Content {
		t.Errorf("late retry: %d %v %s", status, err, body)
	}
	if n := fb.count(); n != 1 {
		t.Errorf("handled %d times, want 1", n)
	}
	if n := f.processed(); n != 1 {
		t.Errorf("%d processed rows, want 1", n)
	}
}

// threeAttempts posts a message three times as WeChat does and returns the
// last (third) attempt's reply text.
func threeAttempts(t *testing.T, post func() (int, []byte, error), w wx) string {
	t.Helper()
	for attempt := 1; attempt <= 2; attempt++ {
		if status, body, err := post(); err == nil {
			t.Fatalf("attempt %d answered (%d %s), want it held open", attempt, status, body)
		}
	}
	// The client's own time limit proves attempt 3 was answered in time.
	status, body, err := post()
	if err != nil || status != 200 {
		t.Fatalf("attempt 3: %d %v (it must answer before the client gives up)", status, err)
	}
	return w.decodeReply(t, body).Content
}

func TestSlowerThanAllRetriesIsDeliveredWithTheNextMessage(t *testing.T) {
	fb := &fakeBot{reply: func(m bot.Message) bot.Reply {
		if m.Text == "难题" {
			time.Sleep(2 * time.Second)
			return bot.Reply{Text: "难题的答案", Route: "question"}
		}
		return bot.Reply{Text: "帮助内容", Route: "help"}
	}}
	f := newFixture(t, testConfig(ModeSafe), fb, nil)
	w := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	post := attemptPoster(t, f.h, w, textXML("oLate", "1000000000000000006", "难题"), 400*time.Millisecond)
	if got := threeAttempts(t, post, w); got != textOnItsWay {
		t.Fatalf("attempt 3 said %q, want the on-its-way text", got)
	}
	waitFor(t, func() bool { return f.processed() == 1 })

	next := attemptPoster(t, f.h, w, textXML("oLate", "1000000000000000007", "帮助"), time.Second)
	status, body, err := next()
	if err != nil || status != 200 {
		t.Fatalf("next message: %d %v", status, err)
	}
	got := w.decodeReply(t, body).Content
	want := textPendingHeader + "难题的答案" + textPendingSep + "帮助内容"
	if got != want {
		t.Errorf("next reply:\n%q\nwant\n%q", got, want)
	}
	if n := fb.count(); n != 2 {
		t.Errorf("handled %d, want 2 (the new message is answered too)", n)
	}
	// delivered once: the message after gets no old answer
	_, body, _ = attemptPoster(t, f.h, w, textXML("oLate", "1000000000000000008", "帮助"), time.Second)()
	if got := w.decodeReply(t, body).Content; got != "帮助内容" {
		t.Errorf("third message got %q", got)
	}
}

// TestPendingAnswerWaitsBehindAnEmergency: a late answer is not put in
// front of an emergency reply; it comes with the message after.
func TestPendingAnswerWaitsBehindAnEmergency(t *testing.T) {
	fb := &fakeBot{reply: func(m bot.Message) bot.Reply {
		switch m.Text {
		case "难题":
			time.Sleep(2 * time.Second)
			return bot.Reply{Text: "难题的答案", Route: "question"}
		case "我喝了农药":
			return bot.Reply{Text: "请马上拨打120。", Route: "question", Urgent: true}
		}
		return bot.Reply{Text: "帮助内容", Route: "help"}
	}}
	f := newFixture(t, testConfig(ModeSafe), fb, nil)
	w := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	post := attemptPoster(t, f.h, w, textXML("oSOS", "1000000000000000016", "难题"), 400*time.Millisecond)
	if got := threeAttempts(t, post, w); got != textOnItsWay {
		t.Fatalf("attempt 3 said %q, want the on-its-way text", got)
	}
	waitFor(t, func() bool { return f.processed() == 1 })
	_, body, err := attemptPoster(t, f.h, w, textXML("oSOS", "1000000000000000017", "我喝了农药"), time.Second)()
	if err != nil {
		t.Fatal(err)
	}
	if got := w.decodeReply(t, body).Content; got != "请马上拨打120。" {
		t.Errorf("emergency reply %q, want it alone", got)
	}
	_, body, _ = attemptPoster(t, f.h, w, textXML("oSOS", "1000000000000000018", "帮助"), time.Second)()
	if got, want := w.decodeReply(t, body).Content, textPendingHeader+"难题的答案"+textPendingSep+"帮助内容"; got != want {
		t.Errorf("message after the emergency: %q, want %q", got, want)
	}
}

func TestSlowerThanAllRetriesIsPushed(t *testing.T) {
	// The customer-service API is a fake that records what it receives.
	api := &fakeAPI{t: t}
	apiSrv := httptest.NewServer(api)
	defer apiSrv.Close()
	cfg := testConfig(ModeSafe)
	cfg.AppSecret, cfg.CustomerService, cfg.APIBaseURL = "SECRET", true, apiSrv.URL
	cfg.AppID = "wxAPP"
	client := NewClient(cfg, nil, nil)
	fb := &fakeBot{delay: 2 * time.Second}
	f := newFixture(t, cfg, fb, client)
	w := wx{token: testToken, key: testKey, id: "wxAPP", mode: "safe"}
	post := attemptPoster(t, f.h, w, textXML("oPush", "1000000000000000009", "难题"), 400*time.Millisecond)
	if got := threeAttempts(t, post, w); got != textOnItsWayPush {
		t.Fatalf("attempt 3 said %q", got)
	}
	waitFor(t, func() bool {
		api.mu.Lock()
		defer api.mu.Unlock()
		return len(api.bodies) > 0
	})
	b := api.bodies[0]
	if b["touser"] != "oPush" || b["msgtype"] != "text" || b["text"].(map[string]any)["content"] != "答：难题" {
		t.Errorf("custom/send body %v", b)
	}
	if n := fb.count(); n != 1 {
		t.Errorf("handled %d, want 1", n)
	}
	if texts, _ := f.store.TakePending(context.Background(), bot.ChannelWeChat, "oPush"); len(texts) != 0 {
		t.Errorf("pushed answer also kept pending: %v", texts)
	}
}

func TestFailedPushFallsBackToPending(t *testing.T) {
	api := &fakeAPI{t: t, answers: []func(http.ResponseWriter){errcode(45015)}}
	apiSrv := httptest.NewServer(api)
	defer apiSrv.Close()
	cfg := testConfig(ModeSafe)
	cfg.AppSecret, cfg.CustomerService, cfg.APIBaseURL, cfg.AppID = "SECRET", true, apiSrv.URL, "wxAPP"
	fb := &fakeBot{delay: 2 * time.Second}
	f := newFixture(t, cfg, fb, NewClient(cfg, nil, nil))
	w := wx{token: testToken, key: testKey, id: "wxAPP", mode: "safe"}
	post := attemptPoster(t, f.h, w, textXML("oGone", "1000000000000000011", "难题"), 400*time.Millisecond)
	threeAttempts(t, post, w)
	var texts []string
	waitFor(t, func() bool {
		texts, _ = f.store.TakePending(context.Background(), bot.ChannelWeChat, "oGone")
		return len(texts) > 0
	})
	if texts[0] != "答：难题" {
		t.Errorf("pending %v", texts)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDedupeSurvivesRestart(t *testing.T) {
	f := newFixture(t, testConfig(ModePlain), nil, nil)
	w := wx{token: testToken, mode: "plain"}
	plain := textXML("oU", "1000000000000000010", "问题")
	first := w.post(f.h, plain)
	// a new dispatcher on the same database, as after a restart
	d2 := f.dispatcher(nil)
	h2, _ := NewOfficialAccount(f.cfg, d2, nil, nil)
	again := w.post(h2, plain)
	if a, b := w.decodeReply(t, first.Body.Bytes()).Content, w.decodeReply(t, again.Body.Bytes()).Content; a != b || a == "" {
		t.Errorf("replies differ: %q vs %q", a, b)
	}
	if n := f.bot.count(); n != 1 {
		t.Errorf("handled %d, want 1", n)
	}
}

func TestEventsDedupeBySenderAndTime(t *testing.T) {
	f := newFixture(t, testConfig(ModePlain), nil, nil)
	w := wx{token: testToken, mode: "plain"}
	ev := func(from string, at int64) string {
		return fmt.Sprintf("<xml><ToUserName>gh</ToUserName><FromUserName>%s</FromUserName><CreateTime>%d</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>", from, at)
	}
	now := time.Now().Unix()
	for _, x := range []string{ev("a", now), ev("a", now), ev("b", now), ev("a", now+1)} {
		if rec := w.post(f.h, x); rec.Code != 200 {
			t.Fatalf("status %d", rec.Code)
		}
	}
	if n := f.bot.count(); n != 3 {
		t.Errorf("handled %d events, want 3", n)
	}
}

func TestOneUserInOrderUsersInParallel(t *testing.T) {
	fb := &fakeBot{delay: 50 * time.Millisecond}
	f := newFixture(t, testConfig(ModePlain), fb, nil)
	f.disp.cfg.ReplyDeadline = 2 * time.Second
	w := wx{token: testToken, mode: "plain"}
	done := make(chan struct{})
	send := func(user string, i int) {
		w.post(f.h, textXML(user, strconv.Itoa(1000+i), "q"+strconv.Itoa(i)))
		done <- struct{}{}
	}
	for i := 0; i < 4; i++ {
		go send("same", i)
		time.Sleep(5 * time.Millisecond) // arrival order
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	if m := fb.maxActive.Load(); m != 1 {
		t.Errorf("one user's messages ran %d at a time, want 1", m)
	}
	for i, c := range fb.calls {
		if want := "q" + strconv.Itoa(i); c.Text != want {
			t.Errorf("call %d was %q, want %q (arrival order)", i, c.Text, want)
		}
	}
	fb.maxActive.Store(0)
	for i := 0; i < 4; i++ {
		go send("user"+strconv.Itoa(i), 10+i)
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	if m := fb.maxActive.Load(); m < 2 {
		t.Errorf("different users ran %d at a time, want parallel", m)
	}
}

func TestRateLimit(t *testing.T) {
	cfg := testConfig(ModePlain)
	cfg.RateLimit = 2
	f := newFixture(t, cfg, nil, nil)
	w := wx{token: testToken, mode: "plain"}
	var last string
	for i := 0; i < 3; i++ {
		rec := w.post(f.h, textXML("oFast", strconv.Itoa(2000+i), "q"))
		last = w.decodeReply(t, rec.Body.Bytes()).Content
	}
	if last != textRateLimited {
		t.Errorf("third message got %q, want the slow-down text", last)
	}
	if n := f.bot.count(); n != 2 {
		t.Errorf("handled %d, want 2", n)
	}
	rec := w.post(f.h, textXML("oOther", "2100", "q"))
	if got := w.decodeReply(t, rec.Body.Bytes()).Content; got == textRateLimited {
		t.Error("another user was limited too")
	}
}

func TestCloseWaitsForHandling(t *testing.T) {
	fb := &fakeBot{delay: 200 * time.Millisecond}
	f := newFixture(t, testConfig(ModePlain), fb, nil)
	w := wx{token: testToken, mode: "plain"}
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodPost, "/wechat", nil).WithContext(ctx)
	q, body := w.build(textXML("oU", "3000", "q"))
	req.URL.RawQuery = q.Encode()
	req.Body = io.NopCloser(bytes.NewReader(body))
	go func() { time.Sleep(20 * time.Millisecond); cancel() }() // the client gives up
	f.h.ServeHTTP(httptest.NewRecorder(), req)
	if err := f.disp.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.processed(); n != 1 {
		t.Errorf("after Close: %d processed, want 1 (in-flight message finished)", n)
	}
	rec := w.post(f.h, textXML("oU", "3001", "q"))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("after Close: status %d, want 503", rec.Code)
	}
}

func TestStopHoldingAnswersOnItsWayAndKeepsTheAnswer(t *testing.T) {
	fb := &fakeBot{delay: 300 * time.Millisecond}
	f := newFixture(t, testConfig(ModeSafe), fb, nil)
	w := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	post := attemptPoster(t, f.h, w, textXML("oStop", "4000", "问题"), 5*time.Second)
	go func() { time.Sleep(150 * time.Millisecond); f.disp.StopHolding() }()
	status, body, err := post()
	if err != nil || status != 200 {
		t.Fatalf("held attempt: %d %v", status, err)
	}
	if got := w.decodeReply(t, body).Content; got != textOnItsWay {
		t.Errorf("reply %q, want the on-its-way text", got)
	}
	if err := f.disp.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	texts, err := f.store.TakePending(context.Background(), bot.ChannelWeChat, "oStop")
	if err != nil || len(texts) != 1 || texts[0] != "答：问题" {
		t.Errorf("pending after shutdown: %q %v", texts, err)
	}
}

func TestHandlerPanicBecomesAnApology(t *testing.T) {
	f := newFixture(t, testConfig(ModePlain), &fakeBot{reply: func(m bot.Message) bot.Reply {
		if m.Text == "boom" {
			panic("nil map")
		}
		return bot.Reply{Text: "ok", Route: "x"}
	}}, nil)
	w := wx{token: testToken, mode: "plain"}
	rec := w.post(f.h, textXML("oP", "5000", "boom"))
	if got := w.decodeReply(t, rec.Body.Bytes()).Content; got != textTrouble {
		t.Errorf("reply %q, want the apology", got)
	}
	rec = w.post(f.h, textXML("oP", "5001", "hi"))
	if got := w.decodeReply(t, rec.Body.Bytes()).Content; got != "ok" {
		t.Errorf("next message got %q; the user's queue must survive a panic", got)
	}
}
