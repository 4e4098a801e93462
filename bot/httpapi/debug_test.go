package httpapi

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const testAdminToken = "0123456789abcdef-metrics"

func metricsDeps() Deps {
	return Deps{Metrics: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, "pufabot_messages_total 1\n")
	})}
}

func TestMetricsAndPprofNeedTheAdminToken(t *testing.T) {
	admin := DefaultAdminConfig()
	admin.Token = testAdminToken
	s := New(DefaultConfig(), admin, metricsDeps())
	for _, tt := range []struct {
		name, path, auth string
		want             int
		body             string
	}{
		{"metrics no token", "/metrics", "", 401, ""},
		{"metrics wrong token", "/metrics", "Bearer wrong-token-0123456789", 401, ""},
		{"metrics token in the wrong scheme", "/metrics", "Basic " + testAdminToken, 401, ""},
		{"metrics", "/metrics", "Bearer " + testAdminToken, 200, "pufabot_messages_total 1"},
		{"pprof no token", "/debug/pprof/goroutine", "", 401, ""},
		{"pprof goroutine", "/debug/pprof/goroutine?debug=1", "Bearer " + testAdminToken, 200, "goroutine profile"},
		{"pprof index", "/debug/pprof/", "Bearer " + testAdminToken, 200, "heap"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("GET %s = %d, want %d", tt.path, rec.Code, tt.want)
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body %.200q lacks %q", rec.Body.String(), tt.body)
			}
			if tt.want != 200 && strings.Contains(rec.Body.String(), "pufabot_") {
				t.Error("metrics leaked without the token")
			}
		})
	}
}

func TestMetricsAbsentWithoutTokenOrHandler(t *testing.T) {
	for name, s := range map[string]*Server{
		"no admin token": New(DefaultConfig(), DefaultAdminConfig(), metricsDeps()),
		"no metrics":     New(DefaultConfig(), AdminConfig{Token: testAdminToken, UploadLimit: 1}, Deps{}),
	} {
		for _, path := range []string{"/metrics", "/debug/pprof/heap"} {
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Authorization", "Bearer "+testAdminToken)
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != 404 {
				t.Errorf("%s: GET %s = %d, want 404", name, path, rec.Code)
			}
		}
	}
}

func TestMetricsOnSeparateListener(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MetricsListen = "127.0.0.1:0"
	admin := DefaultAdminConfig()
	admin.Token = testAdminToken
	s := New(cfg, admin, metricsDeps())
	// Not on the main listener, even with the token.
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+testAdminToken)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 404 {
		t.Errorf("main listener /metrics = %d, want 404", rec.Code)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.RunMetrics(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "pufabot_messages_total") {
		t.Errorf("metrics listener = %d %q", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("RunMetrics: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("metrics server did not stop")
	}
}

func TestMetricsListenValidation(t *testing.T) {
	for _, tt := range []struct {
		listen string
		ok     bool
	}{{"", true}, {"127.0.0.1:9090", true}, {"nonsense", false}, {"127.0.0.1:8080", false}} {
		c := DefaultConfig()
		c.MetricsListen = tt.listen
		if err := c.Validate(); (err == nil) != tt.ok {
			t.Errorf("metrics_listen %q: err = %v, want ok=%v", tt.listen, err, tt.ok)
		}
	}
}
