package jobs

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/golang/freetype/truetype"
	"github.com/robfig/cron/v3"
)

// Deps are what the jobs read and write through. Only DB and People are
// required; a job whose source is missing says so when it runs, and the
// digest leaves out the sections it has no source for.
type Deps struct {
	DB        *sql.DB
	People    People
	Ledger    Ledger    // nudges and the digest's ledger part
	Questions Questions // the digest's question part
	Laws      LawFinder // relevant laws in reminders
	KB        KBChanges // the digest's knowledge-base part
	// Sender delivers; nil allows only dry runs.
	Sender Sender
	Logger *slog.Logger
	Now    func() time.Time
	// Owner names this runner in job_runs (default host-pid-random).
	Owner string
	// Observe, when set, is told of every scheduled run's end (for
	// /metrics); err is nil for a run that succeeded or had nothing due.
	Observe func(job string, res RunResult, err error)
}

// Service runs the jobs: on their schedules (Start), caught up after
// downtime (CatchUp), or one at a time (Run).
type Service struct {
	cfg   Config
	loc   *time.Location
	deps  Deps
	store *store
	now   func() time.Time
	log   *slog.Logger
	jobs  []*job
	// font draws the digest chart; nil when the chart is off.
	font *truetype.Font
}

// job is one scheduled job.
type job struct {
	name     string
	enabled  bool
	schedule string
	sched    cron.Schedule
	plan     func(ctx context.Context, at time.Time) ([]batch, error)
}

// batch is the messages of one (job, period): claimed, sent and recorded
// together.
type batch struct {
	period string
	msgs   []outMsg
}

// outMsg is one person's message, already split into parts, and an
// optional image sent after them.
type outMsg struct {
	to    Person
	title string
	parts []string
	image []byte
}

// messages are the Sends of m, numbered from 1 as in job_sends.
func (m outMsg) messages() []Message {
	var out []Message
	for _, p := range m.parts {
		out = append(out, Message{Title: m.title, Text: p})
	}
	if m.image != nil {
		out = append(out, Message{Title: m.title, Image: m.image})
	}
	return out
}

// New applies the jobs' migrations and returns the service.
func New(ctx context.Context, cfg Config, deps Deps) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.DB == nil || deps.People == nil {
		return nil, errors.New("jobs: DB and People are required")
	}
	loc, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if deps.Owner == "" {
		deps.Owner = defaultOwner()
	}
	st, err := newStore(ctx, deps.DB, deps.Owner)
	if err != nil {
		return nil, err
	}
	s := &Service{cfg: cfg, loc: loc, deps: deps, store: st, now: deps.Now, log: deps.Logger}
	if cfg.WeeklyDigest.Chart {
		if s.font, err = loadChartFont(cfg.WeeklyDigest.ChartFont); err != nil {
			return nil, fmt.Errorf("jobs.weekly_digest.chart_font: %w", err)
		}
	}
	for _, j := range []struct {
		name     string
		enabled  bool
		schedule string
		plan     func(context.Context, time.Time) ([]batch, error)
	}{
		{JobPublicityCalendar, cfg.PublicityCalendar.Enabled, cfg.PublicityCalendar.Schedule, s.planCalendar},
		{JobInactivityNudge, cfg.InactivityNudge.Enabled, cfg.InactivityNudge.Schedule, s.planNudge},
		{JobWeeklyDigest, cfg.WeeklyDigest.Enabled, cfg.WeeklyDigest.Schedule, s.planDigest},
	} {
		sched, err := ParseSchedule(j.schedule)
		if err != nil {
			return nil, fmt.Errorf("jobs.%s.schedule: %w", j.name, err)
		}
		s.jobs = append(s.jobs, &job{name: j.name, enabled: j.enabled, schedule: j.schedule, sched: sched, plan: j.plan})
	}
	return s, nil
}

func defaultOwner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Location is the configured time zone.
func (s *Service) Location() *time.Location { return s.loc }

// JobInfo describes one job for `pufabot jobs list`.
type JobInfo struct {
	Name     string
	Enabled  bool
	Schedule string
	// Next is the next scheduled run in the configured zone.
	Next time.Time
}

// List describes every job, in a fixed order.
func (s *Service) List() []JobInfo {
	now := s.now().In(s.loc)
	var out []JobInfo
	for _, j := range s.jobs {
		out = append(out, JobInfo{Name: j.name, Enabled: j.enabled, Schedule: j.schedule, Next: j.sched.Next(now)})
	}
	return out
}

func (s *Service) job(name string) (*job, error) {
	for _, j := range s.jobs {
		if j.name == name {
			return j, nil
		}
	}
	return nil, fmt.Errorf("unknown job %q (want %s, %s or %s)", name, JobPublicityCalendar, JobInactivityNudge, JobWeeklyDigest)
}

// RunOptions change how Run runs.
type RunOptions struct {
	// DryRun prints every message to Out, with its recipient, and sends and
	// records nothing.
	DryRun bool
	Out    io.Writer
}

// BatchResult is what happened to one (job, period).
type BatchResult struct {
	Period string
	// Status is "done" (this run sent it), "resumed" (took over a crashed
	// run), "skipped" (already done or being run elsewhere) or "dry-run".
	Status     string
	Recipients int
	Sent       int
	Failed     int
	// AlreadyDone counts message parts not sent because an earlier
	// attempt of the same run had recorded them.
	AlreadyDone int
}

// RunResult is what one Run did.
type RunResult struct {
	Job     string
	At      time.Time
	Batches []BatchResult
	// Note says why nothing was due, when nothing was.
	Note string
}

// Run runs job name as of at: it plans the messages due at that moment,
// claims each (job, period) and sends what no one has sent yet.
func (s *Service) Run(ctx context.Context, name string, at time.Time, opt RunOptions) (RunResult, error) {
	res := RunResult{Job: name, At: at.In(s.loc)}
	j, err := s.job(name)
	if err != nil {
		return res, err
	}
	batches, err := j.plan(ctx, at.In(s.loc))
	var nd nothingDue
	if errors.As(err, &nd) {
		res.Note = string(nd)
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	for _, b := range batches {
		var br BatchResult
		var err error
		if opt.DryRun {
			br, err = s.dryRun(ctx, name, b, opt.Out)
		} else {
			br, err = s.runBatch(ctx, name, b, at)
		}
		res.Batches = append(res.Batches, br)
		if err != nil {
			return res, fmt.Errorf("%s %s: %w", name, b.period, err)
		}
	}
	return res, nil
}

// dryRun prints one batch's messages with their recipients; it sends and
// records nothing.
func (s *Service) dryRun(ctx context.Context, name string, b batch, w io.Writer) (BatchResult, error) {
	if w == nil {
		w = io.Discard
	}
	br := BatchResult{Period: b.period, Status: "dry-run", Recipients: len(b.msgs)}
	st, err := s.store.runStatus(ctx, name, b.period)
	if err != nil {
		return br, err
	}
	note := ""
	switch st {
	case runDone:
		note = "（已发送过，正式运行时会跳过）"
	case runRunning:
		note = "（正在运行或中断，正式运行时只补发未发的）"
	}
	fmt.Fprintf(w, "== %s %s: %d 位收件人%s\n", name, b.period, len(b.msgs), note)
	for _, m := range b.msgs {
		all := m.messages()
		for i, msg := range all {
			fmt.Fprintf(w, "\n→ %s [%s %s] %s", m.to.Label(), m.to.Channel, m.to.UserID, m.title)
			if len(all) > 1 {
				fmt.Fprintf(w, " (%d/%d)", i+1, len(all))
			}
			if msg.Image != nil {
				fmt.Fprintf(w, "\n"+chartNote+"\n", len(msg.Image))
			} else {
				fmt.Fprintf(w, "\n%s\n", msg.Text)
			}
		}
	}
	fmt.Fprintln(w)
	return br, nil
}

// runBatch claims one (job, period) and sends what is not recorded yet,
// recording each part before and after its send.
func (s *Service) runBatch(ctx context.Context, name string, b batch, at time.Time) (BatchResult, error) {
	br := BatchResult{Period: b.period, Recipients: len(b.msgs)}
	if s.deps.Sender == nil {
		return br, errors.New("no sender configured (WeChat or WeCom): only --dry-run is possible")
	}
	id, resumed, ok, err := s.store.claim(ctx, name, b.period, at, s.now())
	if err != nil {
		return br, err
	}
	if !ok {
		br.Status = "skipped"
		s.log.Info("job period already claimed", "job", name, "period", b.period)
		return br, nil
	}
	br.Status = "done"
	if resumed {
		br.Status = "resumed"
		if err := s.store.abandonPending(ctx, id, s.now()); err != nil {
			return br, err
		}
	}
	renewed := s.now()
	for _, m := range b.msgs {
		for i, msg := range m.messages() {
			part := i + 1
			if err := ctx.Err(); err != nil {
				// Shutting down: let the next run of this period resume at
				// once instead of waiting for the lease to run out.
				if rerr := s.store.release(context.WithoutCancel(ctx), id); rerr != nil {
					s.log.Warn("releasing an interrupted run", "job", name, "period", b.period, "err", rerr)
				}
				return br, fmt.Errorf("stopped before the end: %w", err)
			}
			if now := s.now(); now.Sub(renewed) >= renewEvery {
				if ok, err := s.store.renew(ctx, id, now); err != nil {
					return br, err
				} else if !ok {
					return br, errors.New("lost the claim to another runner")
				}
				renewed = now
			}
			fresh, err := s.store.begin(ctx, id, m.to, part, s.now())
			if err != nil {
				return br, err
			}
			if !fresh {
				br.AlreadyDone++
				continue
			}
			sendErr := s.deps.Sender.Send(ctx, m.to, msg)
			// Record the outcome even when ctx was cancelled mid-send.
			if err := s.store.record(context.WithoutCancel(ctx), id, m.to, part, sendErr, s.now()); err != nil {
				return br, err
			}
			if sendErr != nil {
				br.Failed++
				s.log.Warn("job send failed", "job", name, "period", b.period, "to", m.to.Label(),
					"errcode", errCode(sendErr), "err", sendErr)
				break // the rest of this person's message would fail alike
			}
			br.Sent++
		}
	}
	if err := s.store.finish(ctx, id, s.now()); err != nil {
		return br, err
	}
	s.log.Info("job period done", "job", name, "period", b.period, "sent", br.Sent, "failed", br.Failed)
	return br, nil
}

// renewEvery is how often a running batch extends its lease (10 minutes):
// far more often than the lease runs out, far less than once per message.
const renewEvery = time.Minute

// catchUpWindow bounds how far back CatchUp looks for a missed run.
const catchUpWindow = 35 * 24 * time.Hour

// CatchUp runs, once each, every enabled job's latest scheduled time
// before now, as of that time. A run that did happen is skipped by its
// claim, so only a run missed during downtime sends anything; a job that
// has never run (a fresh install) is not caught up.
func (s *Service) CatchUp(ctx context.Context) error {
	var errs []error
	now := s.now().In(s.loc)
	for _, j := range s.jobs {
		if !j.enabled {
			continue
		}
		prev := prevRun(j.sched, now)
		if prev.IsZero() {
			continue
		}
		// A job that never ran has missed nothing: a fresh install
		// waits for its first scheduled time.
		if ran, err := s.store.hasRuns(ctx, j.name); err != nil {
			errs = append(errs, err)
			continue
		} else if !ran {
			continue
		}
		res, err := s.Run(ctx, j.name, prev, RunOptions{})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, b := range res.Batches {
			if b.Status != "skipped" {
				s.log.Info("caught up a missed run", "job", j.name, "scheduled", prev, "period", b.Period, "sent", b.Sent)
			}
		}
	}
	return errors.Join(errs...)
}

// prevRun is the latest time at or before now that sched fires, within
// catchUpWindow; zero if none.
func prevRun(sched cron.Schedule, now time.Time) time.Time {
	var last time.Time
	t := now.Add(-catchUpWindow)
	for i := 0; i < 100000; i++ {
		n := sched.Next(t)
		if n.IsZero() || n.After(now) {
			break
		}
		last, t = n, n
	}
	return last
}

// Start catches up (when configured) and runs the enabled jobs on their
// schedules until stop is called. stop waits for running jobs to finish;
// cancelling ctx makes them finish sooner.
func (s *Service) Start(ctx context.Context) (stop func()) {
	if s.deps.Sender == nil {
		s.log.Warn("scheduled jobs are off: no WeChat or WeCom API credentials to send with")
		return func() {}
	}
	c := cron.New(cron.WithLocation(s.loc), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)))
	for _, j := range s.jobs {
		if !j.enabled {
			continue
		}
		name := j.name
		c.Schedule(j.sched, cron.FuncJob(func() {
			res, err := s.Run(ctx, name, s.now(), RunOptions{})
			if err != nil {
				s.log.Error("job failed", "job", name, "err", err)
			}
			if s.deps.Observe != nil {
				s.deps.Observe(name, res, err)
			}
		}))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if s.cfg.CatchUp {
			if err := s.CatchUp(ctx); err != nil {
				s.log.Error("catching up missed jobs", "err", err)
			}
		}
	}()
	c.Start()
	s.log.Info("jobs scheduled", "zone", s.loc.String(), "catch_up", s.cfg.CatchUp)
	return func() {
		<-c.Stop().Done()
		<-done
	}
}

// Sends lists the recorded sends of job ("" for all), oldest first.
func (s *Service) Sends(ctx context.Context, job string) ([]Send, error) {
	return s.store.sends(ctx, job)
}
