package index

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/knowledge/embed"
	"github.com/pufabot/pufabot/knowledge/vocab"
)

// benchCorpus loads a corpus directory into entries with local vectors.
func benchCorpus(b *testing.B, dir string) ([]Entry, *embed.Local) {
	b.Helper()
	entries := corpusEntries(b, dir)
	em := embed.NewLocal(256)
	embedAll(b, em, entries)
	return entries, em
}

func needAll(b *testing.B) {
	if os.Getenv("PUFABOT_BENCH_ALL") == "" {
		b.Skip("set PUFABOT_BENCH_ALL=1 to benchmark corpus/laws-all (140,000 articles)")
	}
}

// BenchmarkSearchLaws measures a query (vocabulary, embedding, search) on
// corpus/laws (137 files, ~11,000 chunks), over the dev questions.
func BenchmarkSearchLaws(b *testing.B) {
	shared := sharedDir(b)
	benchSearch(b, shared, filepath.Join(shared, "corpus", "laws"))
}

// BenchmarkSearchLawsAll is the same on corpus/laws-all (3,305 files,
// ~140,000 chunks).
func BenchmarkSearchLawsAll(b *testing.B) {
	needAll(b)
	shared := sharedDir(b)
	benchSearch(b, shared, filepath.Join(shared, "corpus", "laws-all"))
}

func benchSearch(b *testing.B, shared, dir string) {
	entries, em := benchCorpus(b, dir)
	// The starter FAQ, as in a real knowledge base: its anchors are part
	// of every search.
	faqEntries := starterEntries(len(entries))
	embedAll(b, em, faqEntries)
	entries = append(entries, faqEntries...)
	x := New(em.Dim())
	if err := x.Add(entries); err != nil {
		b.Fatal(err)
	}
	items := readDev(b, filepath.Join(shared, "eval", "legal_qa_dev.jsonl"))
	voc, err := vocab.Load("")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		it := items[i%len(items)]
		start := time.Now()
		v, err := em.Embed(ctx, []string{voc.Expand(it.Question)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := x.Search(ctx, Query{Text: it.Question, Expansion: voc.Words(it.Question), Vector: v[0], K: 10}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(x.Len()), "chunks")
}

// BenchmarkBuildLawsAll measures indexing corpus/laws-all from chunks
// (embedding with the local embedder, then Add) and the heap it holds.
// Loading and chunking the files is not timed: that is the loader's cost.
func BenchmarkBuildLawsAll(b *testing.B) {
	needAll(b)
	shared := sharedDir(b)
	benchBuild(b, filepath.Join(shared, "corpus", "laws-all"))
}

// BenchmarkBuildLaws is the same on corpus/laws.
func BenchmarkBuildLaws(b *testing.B) {
	shared := sharedDir(b)
	benchBuild(b, filepath.Join(shared, "corpus", "laws"))
}

func benchBuild(b *testing.B, dir string) {
	entries := corpusEntries(b, dir)
	em := embed.NewLocal(256)
	var x *Index
	var embedTime, addTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x = nil
		es := append([]Entry(nil), entries...)
		runtime.GC()
		t0 := time.Now()
		embedAll(b, em, es)
		t1 := time.Now()
		x = New(em.Dim())
		if err := x.Add(es); err != nil {
			b.Fatal(err)
		}
		embedTime += t1.Sub(t0)
		addTime += time.Since(t1)
	}
	b.StopTimer()
	entries = nil
	runtime.GC()
	debug.FreeOSMemory()
	if rss := residentMB(); rss > 0 {
		b.ReportMetric(rss, "rss-MB")
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(embedTime.Seconds()/float64(b.N), "embed-s")
	b.ReportMetric(addTime.Seconds()/float64(b.N), "add-s")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(x.Len()), "chunks")
	var postings, textBytes int
	for _, ps := range x.postings {
		postings += len(ps)
	}
	for _, e := range x.entries {
		textBytes += len(e.Text)
	}
	b.ReportMetric(float64(postings)*4/(1<<20), "postings-MB")
	b.ReportMetric(float64(len(x.terms)), "terms")
	b.ReportMetric(float64(textBytes)/(1<<20), "text-MB")
	b.ReportMetric(float64(x.nVecs*x.dim*4)/(1<<20), "vectors-MB")
	runtime.KeepAlive(x)
}

// residentMB reads the process's resident set size (Linux), 0 elsewhere.
func residentMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
