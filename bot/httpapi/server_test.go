package httpapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/confval"
)

func TestHealthz(t *testing.T) {
	ready := error(nil)
	s := New(DefaultConfig(), DefaultAdminConfig(), Deps{Ready: func(context.Context) error { return ready }})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 {
		t.Fatalf("healthz = %d", rec.Code)
	}
	ready = errors.New("database is locked")
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 503 || strings.Contains(rec.Body.String(), "locked") {
		t.Fatalf("unready healthz = %d %q", rec.Code, rec.Body.String())
	}
}

func TestChannelRoutesExistOnlyWhenConfigured(t *testing.T) {
	var hits atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1); io.WriteString(w, "success") })
	s := New(DefaultConfig(), DefaultAdminConfig(), Deps{WeChat: h})
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/wechat", 200}, {"POST", "/wechat", 200}, {"POST", "/wecom", 404}, {"GET", "/wecom", 404},
	} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, strings.NewReader("<xml/>")))
		if rec.Code != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.want)
		}
	}
	if hits.Load() != 2 {
		t.Fatalf("handler hit %d times, want 2", hits.Load())
	}
}

func TestOversizedBodyIs413AndNotHandled(t *testing.T) {
	var hits atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		hits.Add(1)
	})
	s := New(DefaultConfig(), DefaultAdminConfig(), Deps{WeChat: h})
	big := strings.Repeat("x", 300<<10)

	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("POST", "/wechat", strings.NewReader(big)))
	if rec.Code != 413 {
		t.Fatalf("declared oversized body = %d, want 413", rec.Code)
	}
	// Without a declared length the limit still holds while reading.
	req := httptest.NewRequest("POST", "/wechat", io.NopCloser(strings.NewReader(big)))
	req.ContentLength = -1
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 413 {
		t.Fatalf("streamed oversized body = %d, want 413", rec.Code)
	}
	if hits.Load() != 0 {
		t.Fatal("oversized body was handled")
	}
}

func TestAdminNeedsToken(t *testing.T) {
	tests := []struct {
		name, configured, header string
		want                     int
	}{
		{"no token configured", "", "Bearer anything-at-all-here", 404},
		{"missing header", "0123456789abcdef", "", 401},
		{"wrong token", "0123456789abcdef", "Bearer 0123456789abcdeX", 401},
		{"not bearer", "0123456789abcdef", "0123456789abcdef", 401},
		{"right token", "0123456789abcdef", "Bearer 0123456789abcdef", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ac := DefaultAdminConfig()
			ac.Token = tt.configured
			s := New(DefaultConfig(), ac, Deps{})
			req := httptest.NewRequest("GET", "/admin/ping", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
			if strings.Contains(rec.Body.String(), tt.configured) && tt.configured != "" {
				t.Fatal("response leaks the token")
			}
		})
	}
}

func TestPanicIs500WithoutDetail(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("secret internal detail") })
	s := New(DefaultConfig(), DefaultAdminConfig(), Deps{WeChat: h})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("POST", "/wechat", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") {
		t.Fatalf("panic → %d %q", rec.Code, rec.Body.String())
	}
}

func TestShutdownFinishesInFlightRequests(t *testing.T) {
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	cfg := DefaultConfig()
	cfg.ShutdownTimeout = confval.D(5 * time.Second)
	s := New(cfg, DefaultAdminConfig(), Deps{WeChat: h})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx, ln) }()

	body := make(chan string, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/wechat", "text/xml", strings.NewReader("<xml/>"))
		if err != nil {
			body <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body <- string(b)
	}()
	<-started
	cancel() // SIGTERM arrives while the message is in flight
	if got := <-body; got != "done" {
		t.Fatalf("in-flight request got %q", got)
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
}

func TestValidate(t *testing.T) {
	bad := []Config{
		{Listen: "8080", BodyLimit: 1 << 20, ShutdownTimeout: confval.D(time.Second)},
		{Listen: "127.0.0.1:8080", BodyLimit: 10, ShutdownTimeout: confval.D(time.Second)},
	}
	for _, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v validated", c)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}
