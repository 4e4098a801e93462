package httpapi

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type fakeLedger struct {
	format   string
	from, to time.Time
}

func (f *fakeLedger) Export(_ context.Context, w io.Writer, format string, from, to time.Time) error {
	f.format, f.from, f.to = format, from, to
	_, err := io.WriteString(w, "\uFEFF日期,类型\n")
	return err
}

func (f *fakeLedger) Location() *time.Location { return time.UTC }

var _ Ledger = (*fakeLedger)(nil)

func TestAdminActivitiesExport(t *testing.T) {
	const token = "0123456789abcdef0123"
	led := &fakeLedger{}
	srv := New(DefaultConfig(), AdminConfig{Token: token, UploadLimit: 1 << 20}, Deps{Ledger: led})
	get := func(q string, auth bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/admin/activities?"+q, nil)
		if auth {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, req)
		return w
	}
	tests := []struct {
		name   string
		q      string
		auth   bool
		status int
		body   string
	}{
		{"no token", "from=2025-01-01&to=2025-12-31", false, http.StatusUnauthorized, "token"},
		{"bad from", "from=yesterday&to=2025-12-31", true, http.StatusBadRequest, "from"},
		{"missing to", "from=2025-01-01", true, http.StatusBadRequest, "to"},
		{"reversed", "from=2025-02-01&to=2025-01-01", true, http.StatusBadRequest, "before"},
		{"bad format", "from=2025-01-01&to=2025-01-31&format=pdf", true, http.StatusBadRequest, "format"},
		{"csv", "from=2025-01-01&to=2025-01-31&format=csv", true, http.StatusOK, "日期,类型"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(tt.q, tt.auth)
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.body) {
				t.Fatalf("status %d body %q, want %d containing %q", w.Code, w.Body.String(), tt.status, tt.body)
			}
		})
	}
	w := get("from=2025-01-01&to=2025-01-31&format=csv", true)
	if led.format != "csv" || !led.from.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) ||
		!led.to.Equal(time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("ledger asked for %s %v..%v, want csv 2025-01-01..2025-02-01 (exclusive)", led.format, led.from, led.to)
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".csv") {
		t.Fatalf("Content-Disposition = %q", cd)
	}
	if !bytes.HasPrefix(w.Body.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("BOM lost")
	}
	if w := get("from=2025-01-01&to=2025-01-31", true); led.format != "xlsx" ||
		!strings.Contains(w.Header().Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("default format = %q, content type %q", led.format, w.Header().Get("Content-Type"))
	}
	// Without a ledger the route does not exist.
	bare := New(DefaultConfig(), AdminConfig{Token: token, UploadLimit: 1 << 20}, Deps{})
	req := httptest.NewRequest(http.MethodGet, "/admin/activities?from=2025-01-01&to=2025-01-31", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rw := httptest.NewRecorder()
	bare.Handler().ServeHTTP(rw, req)
	if rw.Code != http.StatusNotFound {
		t.Fatalf("no ledger: status %d, want 404", rw.Code)
	}
}
