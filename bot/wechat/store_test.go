package wechat

import (
	"context"
	"strconv"
	"sync"
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
