// Package metrics is a small Prometheus text-format registry: counters and
// histograms with labels, and gauges read at scrape time. It does only what
// pufabot measures, so the service needs no client library.
package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Registry holds the metric families in the order they were made and
// writes them in the Prometheus text exposition format (version 0.0.4).
// It is safe for concurrent use.
type Registry struct {
	mu   sync.Mutex
	fams []family
}

type family interface {
	write(w *bufio.Writer)
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

func (r *Registry) add(f family) {
	r.mu.Lock()
	r.fams = append(r.fams, f)
	r.mu.Unlock()
}

// ContentType is the Content-Type of the exposition.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// WriteTo writes every family in the text format.
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	r.mu.Lock()
	fams := slices.Clone(r.fams)
	r.mu.Unlock()
	cw := &countWriter{w: w}
	bw := bufio.NewWriter(cw)
	for _, f := range fams {
		f.write(bw)
	}
	err := bw.Flush()
	return cw.n, err
}

// Handler serves the exposition (GET /metrics).
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		r.WriteTo(w)
	})
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// vec maps label values to a series, keeping the label names.
type vec[T any] struct {
	name, help, kind string
	labels           []string
	newT             func() *T
	series           sync.Map // joined label values → *entry[T]
}

type entry[T any] struct {
	values []string
	v      *T
}

func (v *vec[T]) get(values []string) *T {
	if len(values) != len(v.labels) {
		panic(fmt.Sprintf("metrics: %s takes %d label values, got %d", v.name, len(v.labels), len(values)))
	}
	key := strings.Join(values, "\xff")
	if e, ok := v.series.Load(key); ok {
		return e.(*entry[T]).v
	}
	e, _ := v.series.LoadOrStore(key, &entry[T]{values: slices.Clone(values), v: v.newT()})
	return e.(*entry[T]).v
}

// sorted returns the series ordered by label values, for a stable output.
func (v *vec[T]) sorted() []*entry[T] {
	var out []*entry[T]
	v.series.Range(func(_, e any) bool {
		out = append(out, e.(*entry[T]))
		return true
	})
	slices.SortFunc(out, func(a, b *entry[T]) int { return slices.Compare(a.values, b.values) })
	return out
}

func (v *vec[T]) header(w *bufio.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", v.name, escapeHelp(v.help), v.name, v.kind)
}

// labelString renders {a="x",b="y"} plus extra pairs (le for buckets).
func labelString(names, values []string, extra ...string) string {
	if len(names) == 0 && len(extra) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(n)
		b.WriteString(`="`)
		b.WriteString(escapeValue(values[i]))
		b.WriteByte('"')
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(extra[i])
		b.WriteString(`="`)
		b.WriteString(escapeValue(extra[i+1]))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

var valueEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeValue(s string) string { return valueEscaper.Replace(s) }

var helpEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`)

func escapeHelp(s string) string { return helpEscaper.Replace(s) }

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, +1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// atomicFloat is a float64 updated with compare-and-swap.
type atomicFloat struct{ bits atomic.Uint64 }

func (a *atomicFloat) add(d float64) {
	for {
		old := a.bits.Load()
		if a.bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+d)) {
			return
		}
	}
}

func (a *atomicFloat) load() float64 { return math.Float64frombits(a.bits.Load()) }

// CounterVec is a counter family with labels. A nil *CounterVec ignores
// every call, so instrumented code needs no checks.
type CounterVec struct{ v vec[atomicFloat] }

// Counter makes a counter family named name (by convention ending in
// _total) with the given label names.
func (r *Registry) Counter(name, help string, labels ...string) *CounterVec {
	c := &CounterVec{v: vec[atomicFloat]{name: name, help: help, kind: "counter", labels: labels,
		newT: func() *atomicFloat { return &atomicFloat{} }}}
	r.add(c)
	return c
}

// Inc adds one to the series with these label values.
func (c *CounterVec) Inc(values ...string) { c.Add(1, values...) }

// Add adds d (which must not be negative) to the series with these values.
func (c *CounterVec) Add(d float64, values ...string) {
	if c == nil || d < 0 {
		return
	}
	c.v.get(values).add(d)
}

// Value returns the current value of a series (0 when it does not exist).
func (c *CounterVec) Value(values ...string) float64 {
	if c == nil {
		return 0
	}
	e, ok := c.v.series.Load(strings.Join(values, "\xff"))
	if !ok {
		return 0
	}
	return e.(*entry[atomicFloat]).v.load()
}

func (c *CounterVec) write(w *bufio.Writer) {
	c.v.header(w)
	for _, e := range c.v.sorted() {
		fmt.Fprintf(w, "%s%s %s\n", c.v.name, labelString(c.v.labels, e.values), formatFloat(e.v.load()))
	}
}

// HistogramVec is a histogram family with labels. A nil *HistogramVec
// ignores every call.
type HistogramVec struct {
	v       vec[histogram]
	buckets []float64
}

type histogram struct {
	counts []atomic.Uint64 // one per bucket, not cumulative; last is +Inf
	sum    atomicFloat
}

// LatencyBuckets are upper bounds in seconds suited to WeChat's 5-second
// budget: fine below 100 ms, coarse up to 20 s.
var LatencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 4.5, 5, 10, 20}

// Histogram makes a histogram family with the given upper bounds (sorted
// ascending; +Inf is implied) and label names.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *HistogramVec {
	bs := slices.Clone(buckets)
	slices.Sort(bs)
	h := &HistogramVec{buckets: bs}
	h.v = vec[histogram]{name: name, help: help, kind: "histogram", labels: labels,
		newT: func() *histogram { return &histogram{counts: make([]atomic.Uint64, len(bs)+1)} }}
	r.add(h)
	return h
}

// Observe records one value in the series with these label values.
func (h *HistogramVec) Observe(x float64, values ...string) {
	if h == nil {
		return
	}
	s := h.v.get(values)
	i, _ := slices.BinarySearch(h.buckets, x) // first bound >= x
	s.counts[i].Add(1)
	s.sum.add(x)
}

// Count returns how many values a series has recorded.
func (h *HistogramVec) Count(values ...string) uint64 {
	if h == nil {
		return 0
	}
	e, ok := h.v.series.Load(strings.Join(values, "\xff"))
	if !ok {
		return 0
	}
	var n uint64
	for i := range e.(*entry[histogram]).v.counts {
		n += e.(*entry[histogram]).v.counts[i].Load()
	}
	return n
}

func (h *HistogramVec) write(w *bufio.Writer) {
	h.v.header(w)
	for _, e := range h.v.sorted() {
		var cum uint64
		for i := range e.v.counts {
			cum += e.v.counts[i].Load()
			le := "+Inf"
			if i < len(h.buckets) {
				le = formatFloat(h.buckets[i])
			}
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.v.name, labelString(h.v.labels, e.values, "le", le), cum)
		}
		ls := labelString(h.v.labels, e.values)
		fmt.Fprintf(w, "%s_sum%s %s\n%s_count%s %d\n", h.v.name, ls, formatFloat(e.v.sum.load()), h.v.name, ls, cum)
	}
}

// gaugeFunc is a gauge read when scraped.
type gaugeFunc struct {
	name, help string
	f          func() float64
}

// GaugeFunc makes a gauge whose value f returns at each scrape.
func (r *Registry) GaugeFunc(name, help string, f func() float64) {
	r.add(&gaugeFunc{name: name, help: help, f: f})
}

func (g *gaugeFunc) write(w *bufio.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", g.name, escapeHelp(g.help), g.name, g.name, formatFloat(g.f()))
}
