package wechat

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

func TestStoreConcurrentSavesAllLand(t *testing.T) {
	ctx := context.Background()
	s, err := NewSQLStore(ctx, storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			k := strconv.Itoa(i % 150) // 50 duplicates: recorded once, not an error
			if err := s.SaveProcessed(ctx, Processed{Channel: bot.ChannelWeChat, Key: k, UserID: "u" + k,
				Route: "help", Reply: "r" + k, At: time.Now()}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	var n int
	s.db.QueryRow(`SELECT count(*) FROM processed_messages`).Scan(&n)
	if n != 150 {
		t.Errorf("%d rows, want 150", n)
	}
	for _, k := range []string{"0", "77", "149"} {
		reply, ok, err := s.Processed(ctx, bot.ChannelWeChat, k)
		if err != nil || !ok || reply != "r"+k {
			t.Errorf("Processed(%s) = %q %v %v", k, reply, ok, err)
		}
	}
	if _, ok, _ := s.Processed(ctx, bot.ChannelWeCom, "0"); ok {
		t.Error("keys are per channel")
	}
	var hash string
	s.db.QueryRow(`SELECT user_hash FROM processed_messages WHERE msg_key = '77'`).Scan(&hash)
	if hash != bot.UserHash(bot.ChannelWeChat, "u77") {
		t.Errorf("stored user %q, want the hash (never the OpenID)", hash)
	}
}

func TestStorePendingInOrder(t *testing.T) {
	ctx := context.Background()
	s, err := NewSQLStore(ctx, storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []string{"一", "二", "三"} {
		if err := s.AddPending(ctx, bot.ChannelWeChat, "u", x, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	users, _ := s.PendingUsers(ctx, bot.ChannelWeChat)
	if len(users) != 1 || users[0] != "u" {
		t.Errorf("pending users %v", users)
	}
	got, err := s.TakePending(ctx, bot.ChannelWeChat, "u")
	if err != nil || len(got) != 3 || got[0] != "一" || got[2] != "三" {
		t.Errorf("TakePending = %v %v", got, err)
	}
	if again, _ := s.TakePending(ctx, bot.ChannelWeChat, "u"); len(again) != 0 {
		t.Errorf("taken twice: %v", again)
	}
}

// countingStore counts dedupe lookups.
type countingStore struct {
	*SQLStore
	lookups atomic.Int32
}

func (c *countingStore) Processed(ctx context.Context, ch bot.Channel, key string) (string, bool, error) {
	c.lookups.Add(1)
	return c.SQLStore.Processed(ctx, ch, key)
}

func TestDedupeLookupOnlyWhenTheMessageMayBeStored(t *testing.T) {
	ctx := context.Background()
	s, err := NewSQLStore(ctx, storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{SQLStore: s}
	t0 := time.Unix(1_800_000_000, 0)
	var mu sync.Mutex
	clock := t0
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	set := func(t time.Time) { mu.Lock(); clock = t; mu.Unlock() }
	fb := &fakeBot{}
	d, err := NewDispatcher(ctx, DispatcherConfig{Channel: bot.ChannelWeChat, ReplyDeadline: time.Second,
		Retention: 50 * time.Millisecond, ClockSkew: 10 * time.Millisecond}, fb, cs, nil, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	msg := bot.Message{Channel: bot.ChannelWeChat, UserID: "u", Kind: bot.KindText, Text: "q", MsgID: "9", At: t0.Add(100 * time.Second)}
	set(t0.Add(100 * time.Second))
	if out, err := d.Dispatch(ctx, now(), "9", msg); err != nil || out.Text != "答：q" {
		t.Fatalf("first: %+v %v", out, err)
	}
	if n := cs.lookups.Load(); n != 0 {
		t.Errorf("%d lookups for a message created now, want 0", n)
	}
	time.Sleep(150 * time.Millisecond) // the entry is forgotten
	set(t0.Add(200 * time.Second))
	out, err := d.Dispatch(ctx, now(), "9", msg) // a replay, long after
	if err != nil || out.Text != "答：q" || out.Route != "dedupe" {
		t.Fatalf("replay: %+v %v", out, err)
	}
	if n := cs.lookups.Load(); n != 1 {
		t.Errorf("%d lookups for an old message, want 1", n)
	}
	if n := fb.count(); n != 1 {
		t.Errorf("handled %d, want 1", n)
	}
	// a message created before this process started is looked up
	old := msg
	old.MsgID, old.At = "8", t0.Add(-time.Minute)
	d.Dispatch(ctx, now(), "8", old)
	if n := cs.lookups.Load(); n != 2 {
		t.Errorf("%d lookups, want 2 (message older than the process)", n)
	}
}
