package knowledge

// What a running server's reload costs at production size: a Base with
// its index built (the server) catches up, with Sync, with writes made by a
// second Base on the same database (the `pufabot kb` commands).
//
//	go test -run XXX -bench BaseSync -benchtime 3x ./knowledge/
//
// loads corpus/laws into a temporary data dir first. For laws-all, point
// PUFABOT_BENCH_DATA_DIR at a data dir loaded with it — the benchmark
// writes to it (retires, removes and re-adds its largest law), so use a
// copy:
//
//	pufabot kb add --data-dir /tmp/kb-all ../shared/corpus/laws-all
//	cp -r /tmp/kb-all /tmp/kb-all-copy
//	PUFABOT_BENCH_DATA_DIR=/tmp/kb-all-copy go test -run XXX -bench BaseSync -benchtime 3x ./knowledge/
//
// It reports idle_us (a Sync with nothing new: the generation check every
// reload_interval), retire_ms and unretire_ms (the largest law retired /
// back in use), remove_ms (it removed), add_ms (it added again from its
// file: its chunks read and indexed), search_max_ms (the slowest search run
// back to back, that overlapped one of those Syncs; search_writing_max_ms
// the slowest of the others, run while the CLI side wrote in this process;
// search_alone_max_ms the slowest of the same questions before, with
// nothing else running), open_s (the server's
// Open, for scale), heap_MB (live heap after the iterations: removed
// chunks stay in the index as tombstones until a restart or a rebuild),
// rebuild_s (the rebuild Sync runs once tombstones outnumber live chunks:
// the new index is built beside the old one, then takes its place) with
// the process's resident size before it, at its peak (sampled every 5 ms)
// and after it (rss_before_rebuild_MB, rss_rebuild_peak_MB,
// rss_after_rebuild_MB).

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/metrics"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/internal/sharedtest"
)

func BenchmarkBaseSync(b *testing.B) {
	ctx := context.Background()
	dir := os.Getenv("PUFABOT_BENCH_DATA_DIR")
	if dir == "" {
		corpus := filepath.Join(sharedtest.Root(b, "corpus/laws"), "corpus", "laws")
		dir = b.TempDir()
		db, err := storage.Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		kb, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{NoStarter: true, DeferIndex: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := kb.AddPaths(ctx, []string{corpus}, nil); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	db, err := storage.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	server, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{NoStarter: true})
	if err != nil {
		b.Fatal(err)
	}
	openS := time.Since(start).Seconds()
	cli, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{NoStarter: true, DeferIndex: true})
	if err != nil {
		b.Fatal(err)
	}
	// The largest law, and the file it was loaded from.
	var big docState
	server.writeMu.Lock()
	for id, m := range server.docs {
		if m.chunks > big.Chunks {
			big = docState{ID: id, Chunks: m.chunks}
		}
	}
	server.writeMu.Unlock()
	var key string
	if err := db.QueryRow(`SELECT source_key FROM kb_documents WHERE id = ?`, big.ID).Scan(&key); err != nil {
		b.Fatal(err)
	}
	path, ok := strings.CutPrefix(key, "file:")
	if _, err := os.Stat(path); !ok || err != nil {
		b.Fatalf("the largest document %s (%d chunks) was not loaded from a file that is still there: %s", big.ID, big.Chunks, key)
	}
	b.Logf("largest document: %s, %d chunks", path, big.Chunks)

	// A resident asking all the time.
	questions := []string{"借钱不还怎么办", "老公打我怎么办", "宅基地被邻居占了", "工伤怎么赔偿", "离婚孩子归谁"}
	var alone time.Duration // the slowest of them with no Sync running
	for range 3 {
		for _, q := range questions {
			t0 := time.Now()
			if _, err := server.Search(ctx, q, SearchOptions{K: 10}); err != nil {
				b.Fatal(err)
			}
			alone = max(alone, time.Since(t0))
		}
	}
	stop := make(chan struct{})
	var (
		wg sync.WaitGroup
		mu sync.Mutex
		// The slowest search begun while a Sync ran, and while the CLI
		// side wrote (it shares the CPUs with the server here).
		searchMax, writeMax time.Duration
		syncing             atomic.Bool
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			t0 := time.Now()
			during := syncing.Load()
			if _, err := server.Search(ctx, questions[i%len(questions)], SearchOptions{K: 10}); err != nil {
				b.Error(err)
				return
			}
			mu.Lock()
			if during || syncing.Load() {
				searchMax = max(searchMax, time.Since(t0))
			} else {
				writeMax = max(writeMax, time.Since(t0))
			}
			mu.Unlock()
		}
	}()

	var idle, retire, unretire, remove, add time.Duration
	timed := func(write func() error, want func(SyncSummary) bool) time.Duration {
		if err := write(); err != nil {
			b.Fatal(err)
		}
		syncing.Store(true)
		t0 := time.Now()
		sum, err := server.Sync(ctx)
		d := time.Since(t0)
		syncing.Store(false)
		if err != nil || !want(sum) {
			b.Fatalf("Sync = %+v, %v", sum, err)
		}
		return d
	}
	b.ResetTimer()
	for range b.N {
		idle += timed(func() error { return nil }, SyncSummary.Empty)
		retire += timed(func() error { return cli.Retire(ctx, big.ID, StatusRepealed) },
			func(s SyncSummary) bool { return s.StatusChanged == 1 })
		unretire += timed(func() error { return cli.Retire(ctx, big.ID, StatusCurrent) },
			func(s SyncSummary) bool { return s.StatusChanged == 1 })
		remove += timed(func() error { return cli.Remove(ctx, big.ID) },
			func(s SyncSummary) bool { return s.Removed == 1 })
		add += timed(func() error { _, err := cli.AddPaths(ctx, []string{path}, nil); return err },
			func(s SyncSummary) bool { return s.Added == 1 && s.Chunks == big.Chunks })
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	// The rebuild Sync runs when tombstones outnumber live chunks; the
	// resident size is sampled while it runs.
	cli = nil
	runtime.GC()
	debug.FreeOSMemory()
	rss0 := metrics.ResidentBytes()
	peak := rss0
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				peak = max(peak, metrics.ResidentBytes())
			}
		}
	}()
	server.writeMu.Lock()
	t0 := time.Now()
	err = server.rebuild(ctx)
	rebuild := time.Since(t0)
	server.writeMu.Unlock()
	close(done)
	<-sampled
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	b.ReportMetric(rebuild.Seconds(), "rebuild_s")
	b.ReportMetric(rss0/(1<<20), "rss_before_rebuild_MB")
	b.ReportMetric(peak/(1<<20), "rss_rebuild_peak_MB")
	b.ReportMetric(metrics.ResidentBytes()/(1<<20), "rss_after_rebuild_MB")
	n := float64(b.N)
	b.ReportMetric(float64(idle.Microseconds())/n, "idle_us")
	b.ReportMetric(ms2(retire)/n, "retire_ms")
	b.ReportMetric(ms2(unretire)/n, "unretire_ms")
	b.ReportMetric(ms2(remove)/n, "remove_ms")
	b.ReportMetric(ms2(add)/n, "add_ms")
	b.ReportMetric(ms2(searchMax), "search_max_ms")
	b.ReportMetric(ms2(alone), "search_alone_max_ms")
	b.ReportMetric(ms2(writeMax), "search_writing_max_ms")
	b.ReportMetric(openS, "open_s")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap_MB")
	b.ReportMetric(float64(len(server.docs)), "docs")
}
