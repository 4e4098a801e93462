package wechat

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/httpapi"
	"github.com/pufabot/pufabot/bot/storage"
)

// BenchmarkPassiveReplyRoundTrip measures one message the whole way, as
// `pufabot serve` runs it: a signed, safe-mode encrypted 帮助 through gin
// (httpapi), signature checks, decryption, XML, the dispatcher with the
// SQLite dedupe write, the real bot.Bot (help route, its own SQLite write),
// and the encrypted, signed reply. Requests are built before the timer.
//
//	go test ./bot/wechat -run '^$' -bench PassiveReplyRoundTrip -benchmem
func BenchmarkPassiveReplyRoundTrip(b *testing.B) {
	srv, db, reqs := benchStack(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, reqs[i])
		if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "<xml><Encrypt>") {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
	b.StopTimer()
	checkProcessed(b, db, b.N)
}

// BenchmarkPassiveReplyParallel is the same with 64 concurrent requests
// from different users, so SQLite write contention shows.
func BenchmarkPassiveReplyParallel(b *testing.B) {
	srv, db, reqs := benchStack(b)
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, reqs[i])
			if rec.Code != 200 {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
	b.StopTimer()
	checkProcessed(b, db, b.N)
}

func checkProcessed(b *testing.B, db *sql.DB, want int) {
	var n int
	db.QueryRow(`SELECT count(*) FROM processed_messages`).Scan(&n)
	if n != want {
		b.Fatalf("%d processed rows, want %d", n, want)
	}
}

func benchStack(b *testing.B) (http.Handler, *sql.DB, []*http.Request) {
	ctx := context.Background()
	db := storage.MustOpenTemp(b)
	bs, err := bot.NewSQLStore(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	theBot, err := bot.New(bot.DefaultConfig(), bot.Deps{Store: bs})
	if err != nil {
		b.Fatal(err)
	}
	store, err := NewSQLStore(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	cfg := testConfig(ModeSafe)
	cfg.ReplyDeadline.Duration = 4500 * time.Millisecond
	d, err := NewDispatcher(ctx, DispatcherConfig{Channel: bot.ChannelWeChat, ReplyDeadline: cfg.ReplyDeadline.Duration},
		theBot, store, nil, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	h, err := NewOfficialAccount(cfg, d, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	srv := httpapi.New(httpapi.DefaultConfig(), httpapi.DefaultAdminConfig(), httpapi.Deps{WeChat: h}).Handler()
	w := wx{token: testToken, key: testKey, id: testAppID, mode: "safe"}
	reqs := make([]*http.Request, b.N)
	for i := range reqs {
		q, body := w.build(textXML("oBench"+strconv.Itoa(i%5000), strconv.Itoa(1_000_000_000+i), "帮助"))
		reqs[i] = httptest.NewRequest(http.MethodPost, "/wechat?"+q.Encode(), bytes.NewReader(body))
	}
	return srv, db, reqs
}
