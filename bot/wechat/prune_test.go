package wechat

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

func TestPruneDeletesOnlyOldRecords(t *testing.T) {
	ctx := context.Background()
	s, err := NewSQLStore(ctx, storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
	// More old records than one delete batch, and some recent ones.
	old := pruneBatch + 7
	tx, err := s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range old + 3 {
		at := now.Add(-DedupeRetention - time.Duration(i+1)*time.Minute)
		if i >= old {
			at = now.Add(-time.Duration(i-old) * time.Hour) // recent
		}
		_, err := tx.Exec(`INSERT INTO processed_messages (channel, msg_key, user_hash, route, reply, handled_at) VALUES (?, ?, '', 'help', 'r', ?)`,
			string(bot.ChannelWeChat), fmt.Sprint(i), at.UTC().Format(time.RFC3339Nano))
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	n, err := s.Prune(ctx, now.Add(-DedupeRetention))
	if err != nil || n != int64(old) {
		t.Fatalf("Prune = %d, %v; want %d", n, err, old)
	}
	for i := range old + 3 {
		_, ok, err := s.Processed(ctx, bot.ChannelWeChat, fmt.Sprint(i))
		if err != nil {
			t.Fatal(err)
		}
		if want := i >= old; ok != want {
			t.Errorf("record %d kept = %v, want %v", i, ok, want)
		}
	}
	if n, err := s.Prune(ctx, now.Add(-DedupeRetention)); err != nil || n != 0 {
		t.Errorf("second Prune = %d, %v; want 0", n, err)
	}
}

func TestPruneLoopPrunesAtStartAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := NewSQLStore(ctx, storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := s.SaveProcessed(ctx, Processed{Channel: bot.ChannelWeCom, Key: "old", At: now.Add(-DedupeRetention - time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProcessed(ctx, Processed{Channel: bot.ChannelWeCom, Key: "new", At: now}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		s.PruneLoop(ctx, time.Hour, time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, ok, err := s.Processed(context.Background(), bot.ChannelWeCom, "old")
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the old record was not pruned at start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, ok, _ := s.Processed(context.Background(), bot.ChannelWeCom, "new"); !ok {
		t.Error("the recent record was pruned")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("PruneLoop did not stop when its context ended")
	}
}
