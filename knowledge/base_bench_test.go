package knowledge

// Benchmarks of the whole knowledge base at production size, on the shared
// corpus beside the repository (skipped without it):
//
//	go test -run XXX -bench 'BaseLaws$' -benchtime 1x ./knowledge/
//	PUFABOT_BENCH_ALL=1 go test -run XXX -bench BaseLawsAll -benchtime 1x -timeout 30m ./knowledge/
//
// Each reports, as custom metrics: load_s (AddPaths of the corpus into an
// empty database), readd_s (AddPaths again, nothing changed), open_s
// (Open on the loaded database: index rebuilt from stored rows and
// vectors), p50_ms / p99_ms (Base.Search over the dev questions), heap_MB
// (live heap after Open and a GC), load_cpu_s / open_cpu_s (CPU time
// used, user + system: less inflated than wall time on a busy machine) and
// maxrss_MB (peak resident size of
// the benchmark process, load included).

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/internal/sharedtest"
)

func BenchmarkBaseLaws(b *testing.B) { benchBase(b, "laws") }

func BenchmarkBaseLawsAll(b *testing.B) {
	if os.Getenv("PUFABOT_BENCH_ALL") != "1" {
		b.Skip("set PUFABOT_BENCH_ALL=1 to load laws-all (3,305 files)")
	}
	benchBase(b, "laws-all")
}

func benchBase(b *testing.B, corpus string) {
	shared := sharedtest.Root(b, "corpus/laws")
	dir := filepath.Join(shared, "corpus", corpus)
	questions := sharedtest.Questions(b, filepath.Join(shared, "eval", "legal_qa_dev.jsonl"))
	ctx := context.Background()
	for range b.N {
		data := b.TempDir()
		db, err := storage.Open(ctx, data)
		if err != nil {
			b.Fatal(err)
		}
		opts := Options{NoStarter: true}
		kb, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), opts)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		cpu0 := cpuTime()
		sum, err := kb.AddPaths(ctx, []string{dir}, nil)
		load := time.Since(start)
		cpuLoad := cpuTime() - cpu0
		// laws-all has four files with a header and no article: they are
		// refused (nothing to store), everything else must load.
		if err != nil && (len(sum.Failed) == 0 || len(sum.Failed) > sum.Added/100) {
			b.Fatalf("load: %v (%d failed)", err, len(sum.Failed))
		}
		for _, f := range sum.Failed {
			b.Logf("refused: %v", f.Err)
		}

		start = time.Now()
		again, err := kb.AddPaths(ctx, []string{dir}, nil)
		if again.Unchanged != sum.Added || len(again.Failed) != len(sum.Failed) {
			b.Fatalf("re-add: %+v, %v", again, err)
		}
		readd := time.Since(start)
		kb = nil
		db.Close()

		runtime.GC()
		db, err = storage.Open(ctx, data)
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		cpuOpen := cpuTime()
		kb, err = Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), opts)
		if err != nil {
			b.Fatal(err)
		}
		open := time.Since(start)
		cpuOpen = cpuTime() - cpuOpen
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)

		var lat []time.Duration
		for range 3 {
			for _, q := range questions {
				t0 := time.Now()
				if _, err := kb.Search(ctx, q, SearchOptions{K: 10}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		st, _ := kb.Stats(ctx)
		db.Close()

		b.ReportMetric(float64(sum.Added), "files")
		b.ReportMetric(float64(st.Chunks), "chunks")
		b.ReportMetric(load.Seconds(), "load_s")
		b.ReportMetric(readd.Seconds(), "readd_s")
		b.ReportMetric(open.Seconds(), "open_s")
		b.ReportMetric(cpuLoad.Seconds(), "load_cpu_s")
		b.ReportMetric(cpuOpen.Seconds(), "open_cpu_s")
		b.ReportMetric(ms2(lat[len(lat)/2]), "p50_ms")
		b.ReportMetric(ms2(lat[len(lat)*99/100]), "p99_ms")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap_MB")
		b.ReportMetric(maxRSS()/(1<<20), "maxrss_MB")
	}
}

// cpuTime is the user + system CPU time the process has used, a measure
// that other load on a shared machine does not inflate the way it does
// wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms2(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// maxRSS is the process's peak resident size in bytes (Linux reports KiB).
func maxRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) * 1024
}
