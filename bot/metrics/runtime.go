package metrics

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// RegisterRuntime adds the process gauges the soak test watches: goroutines,
// live heap, memory obtained from the OS, resident set size (Linux) and
// uptime.
func (r *Registry) RegisterRuntime(start time.Time) {
	read := func(name string) func() float64 {
		return func() float64 {
			s := []metrics.Sample{{Name: name}}
			metrics.Read(s)
			switch s[0].Value.Kind() {
			case metrics.KindUint64:
				return float64(s[0].Value.Uint64())
			case metrics.KindFloat64:
				return s[0].Value.Float64()
			}
			return 0
		}
	}
	r.GaugeFunc("go_goroutines", "Goroutines that currently exist.", read("/sched/goroutines:goroutines"))
	r.GaugeFunc("go_memstats_heap_alloc_bytes", "Bytes of live and not yet swept heap objects.",
		read("/memory/classes/heap/objects:bytes"))
	r.GaugeFunc("go_memstats_sys_bytes", "Bytes of memory obtained from the OS by the Go runtime.",
		read("/memory/classes/total:bytes"))
	r.GaugeFunc("process_resident_memory_bytes", "Resident set size in bytes (Linux /proc; 0 elsewhere).", ResidentBytes)
	r.GaugeFunc("process_uptime_seconds", "Seconds since the process started serving.",
		func() float64 { return time.Since(start).Seconds() })
}

// ResidentBytes reads the resident set size from /proc/self/statm; 0 when
// it cannot.
func ResidentBytes() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return 0
	}
	return pages * float64(os.Getpagesize())
}
