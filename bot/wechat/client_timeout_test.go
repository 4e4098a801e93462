package wechat

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// hang answers nothing until the client gives up.
func hang(w http.ResponseWriter) { time.Sleep(300 * time.Millisecond) }

// An API that does not answer in time: each attempt is cut at the call
// timeout, retried a bounded number of times with backoff, and the caller
// gets an error (the dispatcher keeps the text for the user's next
// message) — no tight loop, no call left hanging.
func TestClientTimeoutsAreBounded(t *testing.T) {
	for _, tc := range []struct {
		name      string
		answers   []func(http.ResponseWriter)
		wantErr   bool
		wantCalls int
	}{
		{"one timeout then ok", []func(http.ResponseWriter){hang}, false, 2},
		{"every attempt times out", []func(http.ResponseWriter){hang, hang, hang, hang, hang}, true, 3},
		{"timeout then 42001 then ok", []func(http.ResponseWriter){hang, errcode(42001)}, false, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, f := newTestClient(t, tc.answers...)
			c.core.timeout = 50 * time.Millisecond
			start := time.Now()
			err := c.SendText(context.Background(), "oUser", "hi")
			took := time.Since(start)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			f.mu.Lock()
			calls := len(f.bodies)
			f.mu.Unlock()
			if calls != tc.wantCalls {
				t.Errorf("%d calls, want %d", calls, tc.wantCalls)
			}
			if took > 2*time.Second {
				t.Errorf("took %s: attempts are not bounded by the call timeout", took)
			}
		})
	}
}
