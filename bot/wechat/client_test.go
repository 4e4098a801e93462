package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeAPI is a hand-written WeChat API: one token endpoint and a scripted
// answer per call of the message endpoint. It asserts what it receives.
type fakeAPI struct {
	t          *testing.T
	tokenCalls atomic.Int32
	mu         sync.Mutex
	answers    []func(w http.ResponseWriter) // popped per message call; empty: ok
	bodies     []map[string]any
	tokensSeen []string
	stable     bool // stable_token semantics: same token unless force_refresh
	forced     int
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/cgi-bin/stable_token", "/cgi-bin/gettoken":
		n := f.tokenCalls.Add(1)
		q := r.URL.Query()
		if r.URL.Path == "/cgi-bin/stable_token" {
			var b map[string]any
			json.NewDecoder(r.Body).Decode(&b)
			if r.Method != http.MethodPost || b["appid"] != "wxAPP" || b["secret"] != "SECRET" || b["grant_type"] != "client_credential" {
				f.t.Errorf("stable_token %s %v", r.Method, b)
			}
			if f.stable {
				if b["force_refresh"] == true {
					f.forced++
				}
				n = int32(f.forced + 1)
			}
		}
		if r.URL.Path == "/cgi-bin/gettoken" && (q.Get("corpid") != "wwCORP" || q.Get("corpsecret") != "CSECRET") {
			f.t.Errorf("gettoken query %v", q)
		}
		json.NewEncoder(w).Encode(map[string]any{"access_token": "TOKEN" + string(rune('0'+n)), "expires_in": 7200})
		return
	}
	tok := r.URL.Query().Get("access_token")
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if bytes.Contains(raw, []byte(`\u`)) {
			f.t.Errorf("JSON body has \\u escapes: %s", raw)
		}
		if err := json.Unmarshal(raw, &body); err != nil {
			f.t.Errorf("body is not JSON: %s", raw)
		}
	}
	f.mu.Lock()
	f.bodies = append(f.bodies, body)
	f.tokensSeen = append(f.tokensSeen, tok)
	var answer func(http.ResponseWriter)
	if len(f.answers) > 0 {
		answer, f.answers = f.answers[0], f.answers[1:]
	}
	f.mu.Unlock()
	if answer != nil {
		answer(w)
		return
	}
	io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
}

func errcode(code int) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		json.NewEncoder(w).Encode(map[string]any{"errcode": code, "errmsg": "scripted"})
	}
}

func http500(w http.ResponseWriter) { http.Error(w, "<html>500</html>", 500) }

func newTestClient(t *testing.T, answers ...func(http.ResponseWriter)) (*Client, *fakeAPI) {
	f := &fakeAPI{t: t, answers: answers}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg := DefaultConfig()
	cfg.AppID, cfg.AppSecret, cfg.APIBaseURL = "wxAPP", "SECRET", srv.URL
	c := NewClient(cfg, srv.Client(), nil)
	c.core.backoff = time.Millisecond
	return c, f
}

func TestClientTokenCachedAndShared(t *testing.T) {
	c, f := newTestClient(t)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.SendText(context.Background(), "oUser", "您好 <法> & 条"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := f.tokenCalls.Load(); n != 1 {
		t.Errorf("token fetched %d times, want 1", n)
	}
	b := f.bodies[0]
	if b["touser"] != "oUser" || b["msgtype"] != "text" || b["text"].(map[string]any)["content"] != "您好 <法> & 条" {
		t.Errorf("body %v", b)
	}
	if f.tokensSeen[0] != "TOKEN1" {
		t.Errorf("access_token %q", f.tokensSeen[0])
	}
}

func TestClientErrorHandling(t *testing.T) {
	cases := []struct {
		name       string
		answers    []func(http.ResponseWriter)
		wantCode   int // 0: success
		wantErr    bool
		wantCalls  int
		wantTokens int32
	}{
		{"ok", nil, 0, false, 1, 1},
		{"42001 refreshes once and retries", []func(http.ResponseWriter){errcode(42001)}, 0, false, 2, 2},
		{"40001 refreshes once and retries", []func(http.ResponseWriter){errcode(40001)}, 0, false, 2, 2},
		{"42001 twice is returned", []func(http.ResponseWriter){errcode(42001), errcode(42001)}, 42001, true, 2, 2},
		{"45015 returned, no refresh", []func(http.ResponseWriter){errcode(45015)}, 45015, true, 1, 1},
		{"40014 returned, no refresh", []func(http.ResponseWriter){errcode(40014)}, 40014, true, 1, 1},
		{"5xx retried", []func(http.ResponseWriter){http500, http500}, 0, false, 3, 1},
		{"errcode -1 retried", []func(http.ResponseWriter){errcode(-1)}, 0, false, 2, 1},
		{"5xx bounded", []func(http.ResponseWriter){http500, http500, http500, http500}, 0, true, 3, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, f := newTestClient(t, tc.answers...)
			err := c.SendText(context.Background(), "oUser", "hi")
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if got := ErrorCode(err); got != tc.wantCode {
				t.Errorf("ErrorCode = %d, want %d (%v)", got, tc.wantCode, err)
			}
			if tc.wantCode != 0 {
				var ae *APIError
				if !errors.As(err, &ae) || !strings.Contains(err.Error(), "errcode") {
					t.Errorf("error %v is not an *APIError naming the code", err)
				}
			}
			if len(f.bodies) != tc.wantCalls {
				t.Errorf("%d message calls, want %d", len(f.bodies), tc.wantCalls)
			}
			if n := f.tokenCalls.Load(); n != tc.wantTokens {
				t.Errorf("%d token fetches, want %d", n, tc.wantTokens)
			}
			if err != nil && strings.Contains(err.Error(), "TOKEN") {
				t.Errorf("error leaks the token: %v", err)
			}
		})
	}
}

func TestClientTokenRefreshedBeforeExpiry(t *testing.T) {
	c, f := newTestClient(t)
	now := time.Now()
	c.core.now = func() time.Time { return now }
	c.SendText(context.Background(), "o", "a")
	now = now.Add(7200*time.Second - 4*time.Minute) // inside the 5-minute margin
	c.SendText(context.Background(), "o", "b")
	if n := f.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token fetches, want 2 (refreshed before expiry)", n)
	}
}

func TestClientTemplateImageMedia(t *testing.T) {
	var upload struct {
		kind, filename string
		data           []byte
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/cgi-bin/stable_token", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"access_token":"T","expires_in":7200}`)
	})
	var bodies []map[string]any
	send := func(w http.ResponseWriter, r *http.Request) {
		var b map[string]any
		json.NewDecoder(r.Body).Decode(&b)
		bodies = append(bodies, b)
		io.WriteString(w, `{"errcode":0,"errmsg":"ok","msgid":1}`)
	}
	mux.HandleFunc("/cgi-bin/message/template/send", send)
	mux.HandleFunc("/cgi-bin/message/custom/send", send)
	mux.HandleFunc("/cgi-bin/media/upload", func(w http.ResponseWriter, r *http.Request) {
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		p, err := multipart.NewReader(r.Body, params["boundary"]).NextPart()
		if err != nil || p.FormName() != "media" {
			t.Errorf("upload part: %v", err)
			return
		}
		upload.kind, upload.filename = r.URL.Query().Get("type"), p.FileName()
		upload.data, _ = io.ReadAll(p)
		io.WriteString(w, `{"type":"image","media_id":"MEDIA1","created_at":1}`)
	})
	mux.HandleFunc("/cgi-bin/media/get", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("media_id") == "MEDIA1" {
			w.Header().Set("Content-Type", "image/png")
			w.Write(upload.data)
			return
		}
		io.WriteString(w, `{"errcode":40007,"errmsg":"invalid media_id"}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	cfg := DefaultConfig()
	cfg.APIBaseURL, cfg.AppID, cfg.AppSecret = srv.URL, "a", "s"
	c := NewClient(cfg, nil, nil)
	ctx := context.Background()
	if err := c.SendTemplate(ctx, "oU", "TPL", "https://x/y?a=1&b=2", map[string]string{"first": "提醒"}); err != nil {
		t.Fatal(err)
	}
	if b := bodies[0]; b["template_id"] != "TPL" || b["url"] != "https://x/y?a=1&b=2" ||
		b["data"].(map[string]any)["first"].(map[string]any)["value"] != "提醒" {
		t.Errorf("template body %v", b)
	}
	id, err := c.UploadMedia(ctx, "image", "p.png", []byte("PNGDATA"))
	if err != nil || id != "MEDIA1" || upload.kind != "image" || upload.filename != "p.png" {
		t.Fatalf("upload: %q %v %+v", id, err, upload)
	}
	if err := c.SendImage(ctx, "oU", id); err != nil || bodies[1]["image"].(map[string]any)["media_id"] != "MEDIA1" {
		t.Errorf("image: %v %v", err, bodies[1])
	}
	data, ct, err := c.DownloadMedia(ctx, "MEDIA1")
	if err != nil || string(data) != "PNGDATA" || ct != "image/png" {
		t.Errorf("download: %q %q %v", data, ct, err)
	}
	if _, _, err := c.DownloadMedia(ctx, "nope"); ErrorCode(err) != 40007 {
		t.Errorf("download of an unknown id: %v", err)
	}
}

func TestWeComClientSends(t *testing.T) {
	f := &fakeAPI{t: t}
	srv := httptest.NewServer(f)
	defer srv.Close()
	cfg := DefaultWeComConfig()
	cfg.CorpID, cfg.Secret, cfg.AgentID, cfg.APIBaseURL = "wwCORP", "CSECRET", 1000002, srv.URL
	c := NewWeComClient(cfg, nil, nil)
	ctx := context.Background()
	if err := c.SendText(ctx, "zhangsan", "本月统计"); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMarkdown(ctx, "zhangsan", "**周报**"); err != nil {
		t.Fatal(err)
	}
	b := f.bodies[0]
	if b["touser"] != "zhangsan" || b["msgtype"] != "text" || b["agentid"] != float64(1000002) || b["text"].(map[string]any)["content"] != "本月统计" {
		t.Errorf("text body %v", b)
	}
	if b := f.bodies[1]; b["msgtype"] != "markdown" || b["markdown"].(map[string]any)["content"] != "**周报**" {
		t.Errorf("markdown body %v", b)
	}
	if n := f.tokenCalls.Load(); n != 1 {
		t.Errorf("%d token fetches, want 1", n)
	}
}

func TestClientForcesRefreshOnlyWhenTheStableTokenIsTheRefusedOne(t *testing.T) {
	c, f := newTestClient(t, errcode(40001))
	f.stable = true
	if err := c.SendText(context.Background(), "o", "x"); err != nil {
		t.Fatal(err)
	}
	if f.forced != 1 || f.tokensSeen[0] != "TOKEN1" || f.tokensSeen[1] != "TOKEN2" {
		t.Errorf("forced %d, tokens used %v; want one forced refresh, TOKEN1 then TOKEN2", f.forced, f.tokensSeen)
	}
}
