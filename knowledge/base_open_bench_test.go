package knowledge

// Start-up at production size: Open on a data directory that already holds
// laws-all (3,305 files, ~141,000 chunks), the index rebuilt from the stored
// rows and vectors.
//
//	pufabot kb add --data-dir /tmp/kb-all ../shared/corpus/laws-all
//	PUFABOT_BENCH_DATA_DIR=/tmp/kb-all go test -run XXX -bench BaseOpenDataDir -benchtime 3x ./knowledge/
//
// or PUFABOT_BENCH_ALL=1 instead of PUFABOT_BENCH_DATA_DIR to load laws-all
// into a temporary data dir first.
//
// Each Open runs in a fresh child process (this test binary re-executed),
// so that its peak resident size is its own and not the benchmark's. It
// reports open_s (wall time of Open), open_cpu_s (user + system CPU of the
// child), maxrss_MB (the child's peak resident size), heap_MB (live heap
// after Open and a GC), alloc_MB (bytes allocated during Open: the garbage
// the GC has to keep up with) and gc (GC cycles during Open). GOMEMLIMIT and
// GOGC in the environment reach the child.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/internal/sharedtest"
)

// openChildEnv names the data directory a re-executed test binary opens.
const openChildEnv = "PUFABOT_OPEN_CHILD_DATA_DIR"

// openResult is what the child reports on its last stdout line.
type openResult struct {
	OpenS, CPUS, MaxRSSMB, HeapMB, AllocMB float64
	GC                                     uint32
	Chunks                                 int
}

func BenchmarkBaseOpenDataDir(b *testing.B) {
	dir := os.Getenv("PUFABOT_BENCH_DATA_DIR")
	if dir == "" {
		if os.Getenv("PUFABOT_BENCH_ALL") != "1" {
			b.Skip("set PUFABOT_BENCH_DATA_DIR to a data dir loaded with laws-all (pufabot kb add --data-dir DIR ../shared/corpus/laws-all), or PUFABOT_BENCH_ALL=1 to load one")
		}
		dir = loadLawsAll(b)
	}
	var rs []openResult
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestOpenChild$", "-test.v")
		cmd.Env = append(os.Environ(), openChildEnv+"="+dir)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var r openResult
		if err := json.Unmarshal(lastJSONLine(out), &r); err != nil {
			b.Fatalf("child output: %v\n%s", err, out)
		}
		rs = append(rs, r)
	}
	// Medians: other work on a shared machine inflates single runs.
	med := func(f func(openResult) float64) float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	b.ReportMetric(float64(rs[0].Chunks), "chunks")
	b.ReportMetric(med(func(r openResult) float64 { return r.OpenS }), "open_s")
	b.ReportMetric(med(func(r openResult) float64 { return r.CPUS }), "open_cpu_s")
	b.ReportMetric(med(func(r openResult) float64 { return r.MaxRSSMB }), "maxrss_MB")
	b.ReportMetric(med(func(r openResult) float64 { return r.HeapMB }), "heap_MB")
	b.ReportMetric(med(func(r openResult) float64 { return r.AllocMB }), "alloc_MB")
	b.ReportMetric(med(func(r openResult) float64 { return float64(r.GC) }), "gc")
	for i, r := range rs {
		b.Logf("run %d: %+v", i+1, r)
	}
}

// TestOpenChild is the child of BenchmarkBaseOpenDataDir; it does nothing
// in a normal test run.
func TestOpenChild(t *testing.T) {
	dir := os.Getenv(openChildEnv)
	if dir == "" {
		t.Skip("only run by BenchmarkBaseOpenDataDir")
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var m0 runtime.MemStats
	runtime.ReadMemStats(&m0)
	cpu0 := cpuTime()
	start := time.Now()
	kb, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{NoStarter: true})
	if err != nil {
		t.Fatal(err)
	}
	r := openResult{OpenS: time.Since(start).Seconds(), CPUS: (cpuTime() - cpu0).Seconds()}
	var m1 runtime.MemStats
	runtime.ReadMemStats(&m1)
	r.AllocMB = float64(m1.TotalAlloc-m0.TotalAlloc) / (1 << 20)
	r.GC = m1.NumGC - m0.NumGC
	runtime.GC()
	runtime.ReadMemStats(&m1)
	r.HeapMB = float64(m1.HeapAlloc) / (1 << 20)
	r.MaxRSSMB = maxRSS() / (1 << 20)
	r.Chunks = kb.idx.Len()
	out, _ := json.Marshal(r)
	fmt.Printf("\n%s\n", out)
}

// lastJSONLine returns the last line of out that starts with '{'.
func lastJSONLine(out []byte) []byte {
	end := len(out)
	for end > 0 {
		start := end - 1
		for start > 0 && out[start-1] != '\n' {
			start--
		}
		if line := out[start:end]; len(line) > 0 && line[0] == '{' {
			return line
		}
		end = start - 1
	}
	return nil
}

// loadLawsAll loads ../shared/corpus/laws-all into a temporary data dir.
func loadLawsAll(b *testing.B) string {
	b.Helper()
	corpus := filepath.Join(sharedtest.Root(b, "corpus/laws-all"), "corpus", "laws-all")
	dir := b.TempDir()
	ctx := context.Background()
	db, err := storage.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	kb, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{NoStarter: true, DeferIndex: true})
	if err != nil {
		b.Fatal(err)
	}
	// Four laws-all files have no article and are refused.
	if sum, err := kb.AddPaths(ctx, []string{corpus}, nil); err != nil && len(sum.Failed) > sum.Added/100 {
		b.Fatalf("load %s: %v", corpus, err)
	}
	return dir
}
