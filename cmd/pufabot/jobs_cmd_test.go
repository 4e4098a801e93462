package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/people"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/jobs"
)

// bindCadre invites and binds a cadre in the data dir's registry.
func bindCadre(t *testing.T, dir, name, village string, ch bot.Channel, userID string) {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reg, err := people.NewRegistry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	code, err := reg.Invite(ctx, name, village, bot.RoleCadre, at)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Bind(ctx, ch, userID, code, at); err != nil {
		t.Fatal(err)
	}
}

func TestJobsList(t *testing.T) {
	// Main's clock: 2026-03-16 10:00 UTC, a Monday, 18:00 in Beijing.
	code, out, errOut := run(t, "", "jobs", "list", "--data-dir", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"NEXT RUN (Asia/Shanghai)",
		"publicity_calendar  yes      30 8 * * *",
		"2026-03-17 08:30 周二",
		"inactivity_nudge", "2026-03-23 10:00 周一",
		"weekly_digest", "2026-03-23 08:00 周一",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("jobs list lacks %q:\n%s", want, out)
		}
	}
}

func TestJobsRunUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no name", []string{"jobs", "run"}, "needs one job name"},
		{"unknown job", []string{"jobs", "run", "daily_poem"}, `unknown job "daily_poem"`},
		{"bad --now", []string{"jobs", "run", "weekly_digest", "--now", "tomorrow"}, "--now must be RFC3339"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, "", append(tc.args, "--data-dir", t.TempDir())...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
}

// fakeOA is a minimal Official Account API: tokens and customer-service
// sends, recording what it is asked to send.
type fakeOA struct {
	mu    sync.Mutex
	sends []map[string]any
}

func (f *fakeOA) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/cgi-bin/token", "/cgi-bin/stable_token":
		io.WriteString(w, `{"access_token":"TOKEN","expires_in":7200}`)
	case "/cgi-bin/message/custom/send":
		if r.URL.Query().Get("access_token") != "TOKEN" {
			io.WriteString(w, `{"errcode":40014,"errmsg":"invalid access_token"}`)
			return
		}
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.sends = append(f.sends, body)
		f.mu.Unlock()
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	default:
		http.NotFound(w, r)
	}
}

// pufabot jobs run: --dry-run prints each message with its recipient and
// sends nothing; the real run sends through the configured Official
// Account once, and a second run sends nothing.
func TestJobsRunDryRunThenReal(t *testing.T) {
	if testing.Short() {
		t.Skip("opens the knowledge base")
	}
	oa := &fakeOA{}
	srv := httptest.NewServer(oa)
	defer srv.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, `[storage]
data_dir = "`+dir+`"
[wechat]
token = "tok"
app_id = "wxFAKEAPPID0000001"
app_secret = "secret"
api_base_url = "`+srv.URL+`"
`)
	openID := "oCADRE0000000000000000000001"
	bindCadre(t, dir, "张三", "李家庄村", bot.ChannelWeChat, openID)

	code, out, errOut := run(t, "", "jobs", "run", "publicity_calendar", "--dry-run",
		"--now", "2026-03-12T08:30:00+08:00", "--config", cfg)
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"张三（李家庄村）", openID, "3月15日", "还有3天"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if len(oa.sends) != 0 {
		t.Fatalf("dry run sent %d messages", len(oa.sends))
	}

	for i := 0; i < 2; i++ {
		code, out, errOut = run(t, "", "jobs", "run", "publicity_calendar",
			"--now", "2026-03-12T08:30:00+08:00", "--config", cfg)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", i+1, code, errOut)
		}
	}
	if !strings.Contains(out, "already sent") {
		t.Errorf("second run output = %q, want it to say already sent", out)
	}
	if len(oa.sends) != 1 || oa.sends[0]["touser"] != openID {
		t.Fatalf("sends = %v, want one to %s", oa.sends, openID)
	}
	text, _ := oa.sends[0]["text"].(map[string]any)["content"].(string)
	if !strings.Contains(text, "3月15日") {
		t.Errorf("sent text = %q", text)
	}

	// Nothing is due the day before the window.
	code, out, _ = run(t, "", "jobs", "run", "publicity_calendar", "--now", "2026-03-11T08:30:00+08:00", "--config", cfg)
	if code != 0 || !strings.Contains(out, "nothing due as of 2026-03-11 08:30 CST: no publicity day in the next 3 days") {
		t.Errorf("exit %d, out %q; want nothing due", code, out)
	}
}

// The example's [jobs] section decodes to the defaults.
func TestExampleJobsSectionIsDefaults(t *testing.T) {
	cfg, err := LoadConfig("../../config.example.toml", noEnv)
	if err != nil {
		t.Fatal(err)
	}
	got, want := cfg.Jobs, jobs.DefaultConfig()
	if len(got.PublicityCalendar.ExtraDays) != 0 {
		t.Errorf("example has extra days: %+v", got.PublicityCalendar.ExtraDays)
	}
	got.PublicityCalendar.ExtraDays, want.PublicityCalendar.ExtraDays = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("example [jobs] = %+v, want defaults %+v", got, want)
	}
}
