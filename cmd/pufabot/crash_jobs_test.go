package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// blockingOA is an Official Account API that records customer-service
// sends and holds the send number blockAt open until released, so that a
// test can kill the sender in the middle of a run.
type blockingOA struct {
	blockAt int
	release chan struct{}
	blocked chan struct{}

	mu    sync.Mutex
	sends []string // touser + "\x00" + content
}

func (f *blockingOA) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/cgi-bin/token", "/cgi-bin/stable_token":
		io.WriteString(w, `{"access_token":"TOKEN","expires_in":7200}`)
	case "/cgi-bin/message/custom/send":
		var body struct {
			ToUser string `json:"touser"`
			Text   struct {
				Content string `json:"content"`
			} `json:"text"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.sends = append(f.sends, body.ToUser+"\x00"+body.Text.Content)
		n := len(f.sends)
		f.mu.Unlock()
		if n == f.blockAt {
			close(f.blocked)
			select {
			case <-f.release:
			case <-r.Context().Done():
			}
		}
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	default:
		http.NotFound(w, r)
	}
}

// TestKillDuringDigestSend kills `pufabot jobs run weekly_digest` while it
// is sending to the third of five admins, then runs it again once the dead
// runner's lease has run out (and a third time): no admin gets the same
// message twice, and the admins not yet reached get theirs.
func TestKillDuringDigestSend(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	oa := &blockingOA{blockAt: 3, release: make(chan struct{}), blocked: make(chan struct{})}
	srv := httptest.NewServer(oa)
	defer srv.Close()
	defer close(oa.release)
	var admins []string
	for i := 1; i <= 5; i++ {
		admins = append(admins, fmt.Sprintf(`"oADMIN%026d"`, i))
	}
	dir := t.TempDir()
	cfg := writeConfig(t, `[storage]
data_dir = "`+dir+`"
[admin]
users = [`+strings.Join(admins, ", ")+`]
[wechat]
token = "tok"
app_id = "wxFAKEAPPID0000001"
app_secret = "secret"
api_base_url = "`+srv.URL+`"
`)
	jobsRun := func(now string, later time.Duration) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), "PUFABOT_CRASH_CLOCK_SHIFT="+later.String(), "PUFABOT_CRASH_ARGS="+strings.Join(
			[]string{"jobs", "run", "weekly_digest", "--now", now, "--config", cfg}, "\t"))
		return cmd
	}
	cmd := jobsRun("2026-03-16T09:00:00+08:00", 0)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-oa.blocked:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the run never reached its third send:\n%s", out.String())
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	oa.mu.Lock()
	atKill := len(oa.sends)
	oa.mu.Unlock()

	// Within the lease nobody may take the run over; after it, the run
	// resumes; a third run finds it done.
	for i, later := range []time.Duration{5 * time.Minute, 11 * time.Minute, 30 * time.Minute} {
		b, err := jobsRun("2026-03-16T09:00:00+08:00", later).CombinedOutput()
		if err != nil {
			t.Fatalf("run %s later: %v\n%s", later, err, b)
		}
		oa.mu.Lock()
		n := len(oa.sends)
		oa.mu.Unlock()
		if i == 0 && n != atKill {
			t.Errorf("a run within the dead runner's lease sent %d messages", n-atKill)
		}
		t.Logf("run %s later: %d sends so far\n%s", later, n, b)
	}
	oa.mu.Lock()
	defer oa.mu.Unlock()
	seen := map[string]int{}
	to := map[string]bool{}
	for _, s := range oa.sends {
		seen[s]++
		to[strings.SplitN(s, "\x00", 2)[0]] = true
	}
	for s, n := range seen {
		if n > 1 {
			t.Errorf("sent %d times to %s: %.80q", n, strings.SplitN(s, "\x00", 2)[0], strings.SplitN(s, "\x00", 2)[1])
		}
	}
	if len(to) != 5 {
		t.Errorf("reached %d admins, want all 5 (%d sends before the kill, %d in all)", len(to), atKill, len(oa.sends))
	}
}
