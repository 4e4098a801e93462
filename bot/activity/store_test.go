package activity

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

var shanghai = mustLoc("Asia/Shanghai")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func newStore(t testing.TB) *Store {
	t.Helper()
	dir := t.TempDir()
	db, err := storage.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := NewStore(context.Background(), db, shanghai, filepath.Join(dir, "photos"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func rec(user, date, typ string, participants int, note string) Record {
	return Record{Fields: Fields{Date: date, Type: typ, Place: "李家庄村", Participants: participants, Note: note},
		Channel: "wechat", UserID: user, Reporter: "张三", Village: "李家庄村"}
}

func TestAddDedupeSameDay(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 15, 9, 0, 0, 0, shanghai)
	text := "今天在李家庄村开展反诈宣传，参加群众80人"
	first, dup, err := s.Add(ctx, rec("u1", "2025-03-15", TypePublicity, 80, text), at)
	if err != nil || dup {
		t.Fatalf("first add: dup=%v err=%v", dup, err)
	}
	tests := []struct {
		name    string
		user    string
		text    string
		at      time.Time
		wantDup bool
	}{
		{"same text later that day", "u1", text, at.Add(5 * time.Hour), true},
		{"same text, spaces and full stop", "u1", " 今天在李家庄村开展反诈宣传， 参加群众80人。", at.Add(time.Hour), true},
		{"same text next day", "u1", text, at.Add(24 * time.Hour), false},
		{"same text other user", "u2", text, at, false},
		{"other text", "u1", text + "，发放资料200份", at, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dup, err := s.Add(ctx, rec(tt.user, "2025-03-15", TypePublicity, 80, tt.text), tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if dup != tt.wantDup {
				t.Fatalf("dup = %v, want %v", dup, tt.wantDup)
			}
			if dup && got.ID != first.ID {
				t.Fatalf("dup returned record %d, want %d", got.ID, first.ID)
			}
		})
	}
	// After 撤销 the same text may be stored again.
	if err := s.Delete(ctx, first.ID, at); err != nil {
		t.Fatal(err)
	}
	if _, dup, _ := s.Add(ctx, rec("u1", "2025-03-15", TypePublicity, 80, text), at); dup {
		t.Fatal("a withdrawn record still blocks the same text")
	}
}

func TestUpdateDeleteLast(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 15, 9, 0, 0, 0, shanghai)
	a, _, _ := s.Add(ctx, rec("u1", "2025-03-14", TypeLecture, 50, "a"), at)
	b, _, _ := s.Add(ctx, rec("u1", "2025-03-15", TypePublicity, 80, "b"), at.Add(time.Minute))
	last, ok, err := s.Last(ctx, bot.ChannelWeChat, "u1")
	if err != nil || !ok || last.ID != b.ID {
		t.Fatalf("last = %d ok=%v err=%v, want %d", last.ID, ok, err, b.ID)
	}
	f := last.Fields
	f.Participants, f.Topics = 150, []string{"民法典"}
	if err := s.Update(ctx, b.ID, f, at); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, b.ID)
	if got.Participants != 150 || len(got.Topics) != 1 || got.Note != "b" {
		t.Fatalf("after update: %+v", got.Fields)
	}
	if err := s.Delete(ctx, b.ID, at); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, b.ID, at); !errors.Is(err, ErrNoRecord) {
		t.Fatalf("second delete err = %v, want ErrNoRecord", err)
	}
	last, _, _ = s.Last(ctx, bot.ChannelWeChat, "u1")
	if last.ID != a.ID {
		t.Fatalf("last after 撤销 = %d, want %d", last.ID, a.ID)
	}
	tot, _ := s.Totals(ctx, time.Time{}, at.AddDate(1, 0, 0))
	if tot.Sessions != 1 || tot.Participants != 50 {
		t.Fatalf("withdrawn record counted: %+v", tot)
	}
}

func TestAddPhotoAtomicAndNamed(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 15, 9, 0, 0, 0, shanghai)
	r, _, _ := s.Add(ctx, rec("u1", "2025-03-15", TypePublicity, 80, "x"), at)
	f1, err := s.AddPhoto(ctx, r.ID, []byte("jpegdata"), "jpg", "M1", at)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := s.AddPhoto(ctx, r.ID, []byte("pngdata"), "png", "M2", at)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.AddPhoto(ctx, r.ID, []byte("jpegdata"), "jpg", "M1", at)
	if err != nil || again != f1 {
		t.Fatalf("retry of M1 = %q, %v; want %q", again, err, f1)
	}
	wantNames := []string{"2025-03/" + itoa(r.ID) + "-1.jpg", "2025-03/" + itoa(r.ID) + "-2.png"}
	if f1 != wantNames[0] || f2 != wantNames[1] {
		t.Fatalf("files = %q %q, want %q", f1, f2, wantNames)
	}
	data, err := os.ReadFile(filepath.Join(s.PhotoDir(), f2))
	if err != nil || string(data) != "pngdata" {
		t.Fatalf("photo content = %q, %v", data, err)
	}
	entries, _ := os.ReadDir(filepath.Join(s.PhotoDir(), "2025-03"))
	if len(entries) != 2 {
		t.Fatalf("photo dir has %d entries (temp files left?)", len(entries))
	}
	got, _ := s.Get(ctx, r.ID)
	if strings.Join(got.Photos, ",") != strings.Join(wantNames, ",") {
		t.Fatalf("record photos = %v", got.Photos)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPendingExpiry(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 15, 9, 0, 0, 0, shanghai)
	p := Pending{Record: rec("u1", "", TypePublicity, 80, "x"), Missing: []string{needDate}, At: at}
	if err := s.SavePending(ctx, bot.ChannelWeChat, "u1", p, at); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Pending(ctx, bot.ChannelWeChat, "u1", at.Add(-30*time.Minute))
	if err != nil || !ok || got.Record.Participants != 80 || got.Missing[0] != needDate {
		t.Fatalf("pending = %+v ok=%v err=%v", got, ok, err)
	}
	if _, ok, _ := s.Pending(ctx, bot.ChannelWeChat, "u1", at.Add(time.Minute)); ok {
		t.Fatal("expired pending still returned")
	}
	// Storing a record ends the pending question in the same transaction.
	if _, _, err := s.Add(ctx, rec("u1", "2025-03-15", TypePublicity, 80, "x"), at); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Pending(ctx, bot.ChannelWeChat, "u1", time.Time{}); ok {
		t.Fatal("pending kept after its record was stored")
	}
}

// TestKillNineKeepsAcknowledged runs a child process that stores a record,
// prints "ok" (the acknowledgement a user would get) and is then killed
// with SIGKILL while still holding the database open; the record must be
// there when the database is opened again.
func TestKillNineKeepsAcknowledged(t *testing.T) {
	if dir := os.Getenv("PUFABOT_LEDGER_CRASH_DIR"); dir != "" {
		crashChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	dir := t.TempDir()
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillNineKeepsAcknowledged$")
		cmd.Env = append(os.Environ(), "PUFABOT_LEDGER_CRASH_DIR="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		var id string
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "ok "); ok {
				id = v
				break
			}
		}
		if id == "" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: child never acknowledged", round)
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
			t.Fatal(err)
		}
		cmd.Wait()

		db, err := storage.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewStore(context.Background(), db, shanghai, filepath.Join(dir, "photos"))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := s.Recent(context.Background(), bot.ChannelWeChat, "crash", 100)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != round+1 || itoa(rs[0].ID) != id {
			t.Fatalf("round %d: after kill -9 found %d records (newest %v), want %d with newest %s", round, len(rs), rs, round+1, id)
		}
	}
}

func crashChild(dir string) {
	ctx := context.Background()
	db, err := storage.Open(ctx, dir)
	if err != nil {
		panic(err)
	}
	s, err := NewStore(ctx, db, shanghai, filepath.Join(dir, "photos"))
	if err != nil {
		panic(err)
	}
	now := time.Now()
	r, _, err := s.Add(ctx, rec("crash", "2025-03-15", TypePublicity, 80, "crash "+now.String()), now)
	if err != nil {
		panic(err)
	}
	os.Stdout.WriteString("ok " + itoa(r.ID) + "\n")
	// Keep writing unacknowledged work until killed, so the kill lands
	// mid-transaction at some point.
	for i := 0; ; i++ {
		p := Pending{Record: rec("crash", "", TypePublicity, i, "p"), At: now}
		s.SavePending(ctx, bot.ChannelWeChat, "crash", p, now)
	}
}

func TestAddConcurrentSameTextStoredOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 15, 9, 0, 0, 0, shanghai)
	const n = 8
	ids := make(chan int64, n)
	errs := make(chan error, n)
	for range n {
		go func() {
			r, _, err := s.Add(ctx, rec("u1", "2025-03-15", TypePublicity, 80, "同一条消息"), at)
			errs <- err
			ids <- r.ID
		}()
	}
	first := int64(0)
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		id := <-ids
		if first == 0 {
			first = id
		}
		if id != first {
			t.Fatalf("concurrent adds returned records %d and %d, want one", first, id)
		}
	}
	if rs, _ := s.Recent(ctx, bot.ChannelWeChat, "u1", 10); len(rs) != 1 {
		t.Fatalf("%d records stored, want 1", len(rs))
	}
}
