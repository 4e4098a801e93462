package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
