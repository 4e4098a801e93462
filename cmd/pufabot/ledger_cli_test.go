package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
)

// TestLedgerCLI drives the ledger from the terminal end to end: invite,
// list, a cadre reporting by chat, the report paragraph, csv and xlsx
// exports, bad dates, remove.
func TestLedgerCLI(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "", "users", "invite", "--name", "张三", "--village", "李家庄村", "--data-dir", dir)
	if code != 0 || len(strings.TrimSpace(out)) != 6 || !strings.Contains(errOut, "绑定 "+strings.TrimSpace(out)) {
		t.Fatalf("invite: exit %d out %q err %q", code, out, errOut)
	}
	inviteCode := strings.TrimSpace(out)
	if code, _, errOut := run(t, "", "users", "invite", "--village", "李家庄村", "--data-dir", dir); code != 2 || !strings.Contains(errOut, "--name") {
		t.Fatalf("invite without name: exit %d err %q", code, errOut)
	}
	code, out, _ = run(t, "", "users", "list", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, inviteCode) || !strings.Contains(out, "张三") {
		t.Fatalf("list: exit %d out %q", code, out)
	}

	// The chat user binds with the code, then reports (now is 2026-03-16).
	chat := "绑定 " + inviteCode + "\n" +
		"3月15日在李家庄村开展民法典宣传，参加群众120人，发放资料300份\n" +
		"改 人数 150\n" +
		"今天调解邻里纠纷2起，调解成功1起\n"
	code, out, errOut = run(t, chat, "chat", "--user", "zs", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "绑定成功") || strings.Count(out, "已记入台账") != 2 || !strings.Contains(out, "已改好") {
		t.Fatalf("chat: exit %d out %q err %q", code, out, errOut)
	}

	code, out, errOut = run(t, "", "activity", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--data-dir", dir)
	want := "2026年1月1日至2026年12月31日，全镇共开展普法宣传活动1场次、参与群众150人次、发放宣传资料300份、解答法律咨询0人次、入户走访0户、调解矛盾纠纷2件、调解成功1件、调解成功率50.0%。"
	if code != 0 || !strings.HasPrefix(out, want) || !strings.Contains(out, "李家庄村") {
		t.Fatalf("report: exit %d out %q err %q\nwant prefix %q", code, out, errOut, want)
	}

	csvFile := filepath.Join(dir, "台账.csv")
	code, _, errOut = run(t, "", "activity", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", csvFile, "--data-dir", dir)
	if code != 0 || !strings.Contains(errOut, "wrote 2 records") {
		t.Fatalf("export csv: exit %d err %q", code, errOut)
	}
	data, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "日期" || rows[1][4] != "150" || rows[1][10] != "张三" {
		t.Fatalf("csv rows = %q, %v", rows, err)
	}
	xlsxFile := filepath.Join(dir, "out.xlsx")
	if code, _, errOut := run(t, "", "activity", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", xlsxFile, "--data-dir", dir); code != 0 {
		t.Fatalf("export xlsx: exit %d err %q", code, errOut)
	}
	if data, _ := os.ReadFile(xlsxFile); !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatal("xlsx export is not a zip file")
	}

	for _, tt := range []struct {
		name string
		args []string
		flag string
	}{
		{"bad from", []string{"activity", "report", "--from", "2026-13-01"}, "--from"},
		{"bad to", []string{"activity", "export", "--to", "昨天", "--out", csvFile}, "--to"},
		{"bad format", []string{"activity", "export", "--format", "pdf", "--out", csvFile}, "--format"},
		{"no out", []string{"activity", "export"}, "--out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, "", append(tt.args, "--data-dir", dir)...)
			if code != 2 || !strings.Contains(errOut, tt.flag) {
				t.Fatalf("exit %d err %q, want usage error naming %s", code, errOut, tt.flag)
			}
		})
	}

	if code, out, errOut := run(t, "", "users", "remove", "zs", "--data-dir", dir); code != 0 || !strings.Contains(out, "removed") {
		t.Fatalf("remove: exit %d out %q err %q", code, out, errOut)
	}
	if code, _, _ := run(t, "", "users", "remove", "zs", "--data-dir", dir); code != 1 {
		t.Fatalf("second remove exit %d, want 1", code)
	}
}

// TestLedgerPhotosUseTheWeChatMediaAPI checks the wiring of the clerk's
// media fetcher: with [wechat] configured, a photo is downloaded from the
// Official Account media API (a fake here) with the user's MediaId.
func TestLedgerPhotosUseTheWeChatMediaAPI(t *testing.T) {
	var gotMedia []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cgi-bin/stable_token": // bot/wechat fetches the shared stable token
			body, _ := io.ReadAll(r.Body)
			if !strings.Contains(string(body), `"appid":"wxAPP"`) || !strings.Contains(string(body), `"secret":"s3cret"`) {
				t.Errorf("token request %s", body)
			}
			fmt.Fprint(w, `{"access_token":"TOKEN","expires_in":7200}`)
		case "/cgi-bin/media/get":
			if r.URL.Query().Get("access_token") != "TOKEN" {
				t.Errorf("media request without the token: %s", r.URL.RawQuery)
			}
			gotMedia = append(gotMedia, r.URL.Query().Get("media_id"))
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\nfake"))
		default:
			t.Errorf("unexpected API call %s", r.URL.Path)
			http.NotFound(w, r)
		}
	}))
	defer api.Close()
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "pufabot.toml")
	cfg := fmt.Sprintf("[storage]\ndata_dir = %q\n[wechat]\ntoken = \"tok\"\napp_id = \"wxAPP\"\napp_secret = \"s3cret\"\napi_base_url = %q\n", dir, api.URL)
	if err := os.WriteFile(cfgFile, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" },
		Now: func() time.Time { return time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC) }}
	a, err := m.openApp(ctx, &commonFlags{config: cfgFile})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := a.buildBot(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	code, err := a.people.Invite(ctx, "张三", "李家庄村", bot.RoleCadre, m.Now())
	if err != nil {
		t.Fatal(err)
	}
	say := func(msg bot.Message) string {
		msg.Channel, msg.UserID, msg.At = bot.ChannelWeChat, "oUSER", m.Now()
		return b.Handle(ctx, msg).Text
	}
	say(bot.Message{Kind: bot.KindText, Text: "绑定 " + code})
	if r := say(bot.Message{Kind: bot.KindText, Text: "今天在李家庄村开展反诈宣传，参加群众80人"}); !strings.Contains(r, "已记入台账") {
		t.Fatalf("report reply %q", r)
	}
	if r := say(bot.Message{Kind: bot.KindImage, MediaID: "MEDIA-42"}); !strings.Contains(r, "照片已附到") {
		t.Fatalf("photo reply %q", r)
	}
	if strings.Join(gotMedia, ",") != "MEDIA-42" {
		t.Fatalf("media API asked for %v", gotMedia)
	}
	last, _, err := a.ledger.Last(ctx, bot.ChannelWeChat, "oUSER")
	if err != nil || len(last.Photos) != 1 || !strings.HasSuffix(last.Photos[0], ".png") {
		t.Fatalf("photos %v, %v", last.Photos, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "photos", filepath.FromSlash(last.Photos[0]))); err != nil {
		t.Fatalf("photo file: %v", err)
	}
}
