// Package progress shows how far a long knowledge-base job has come: a bar
// redrawn in place on a terminal, plain lines at a slower pace otherwise
// (logs, pipes, CI), so that neither fills a log file with carriage returns.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Reporter is the progress of one job at a time. It is safe for
// concurrent use. It satisfies knowledge.Progress.
type Reporter struct {
	w        io.Writer
	terminal bool
	now      func() time.Time
	every    time.Duration

	mu       sync.Mutex
	label    string
	total    int
	done     int
	started  time.Time
	lastDraw time.Time
	lastPct  int
}

// New returns a Reporter writing to w: a bar when terminal is true, lines
// otherwise.
func New(w io.Writer, terminal bool) *Reporter {
	r := &Reporter{w: w, terminal: terminal, now: time.Now, every: 100 * time.Millisecond}
	if !terminal {
		r.every = 5 * time.Second
	}
	return r
}

// Start begins a job of total steps.
func (r *Reporter) Start(label string, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.label, r.total, r.done, r.lastPct = label, total, 0, 0
	r.started = r.now()
	r.lastDraw = time.Time{}
	if !r.terminal {
		fmt.Fprintf(r.w, "%s: 0/%d\n", label, total)
	}
}

// Step records one finished step; item names it (a file), may be empty.
func (r *Reporter) Step(item string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	now := r.now()
	pct := 100
	if r.total > 0 {
		pct = r.done * 100 / r.total
	}
	if r.terminal {
		if now.Sub(r.lastDraw) < r.every && r.done < r.total {
			return
		}
		r.lastDraw = now
		fmt.Fprintf(r.w, "\r%s", r.bar(item))
		return
	}
	// Plain lines: at each further 10 % or every few seconds; Done prints
	// the last one.
	if r.lastDraw.IsZero() {
		r.lastDraw = r.started
	}
	if r.done >= r.total || (pct/10 == r.lastPct/10 && now.Sub(r.lastDraw) < r.every) {
		return
	}
	r.lastDraw, r.lastPct = now, pct
	fmt.Fprintf(r.w, "%s: %d/%d (%d%%) %s\n", r.label, r.done, r.total, pct, item)
}

// Done ends the job with a final line.
func (r *Reporter) Done() {
	r.mu.Lock()
	defer r.mu.Unlock()
	el := r.now().Sub(r.started).Round(100 * time.Millisecond)
	if r.terminal {
		fmt.Fprintf(r.w, "\r%s\n", r.bar(""))
	}
	fmt.Fprintf(r.w, "%s: %d/%d done in %s\n", r.label, r.done, r.total, el)
}

func (r *Reporter) bar(item string) string {
	const width = 30
	filled := width
	pct := 100
	if r.total > 0 {
		filled = min(width, r.done*width/r.total)
		pct = r.done * 100 / r.total
	}
	if rs := []rune(item); len(rs) > 24 {
		item = string(rs[:23]) + "…"
	}
	return fmt.Sprintf("%s [%s%s] %3d%% %d/%d %-24s", r.label, strings.Repeat("=", filled),
		strings.Repeat(" ", width-filled), pct, r.done, r.total, item)
}
