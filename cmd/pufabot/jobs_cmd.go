package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/pufabot/pufabot/jobs"
)

// runJobs is `pufabot jobs list|run`.
func runJobs(ctx context.Context, m *Main, args []string) error {
	return subcommand(ctx, m, "jobs", args, map[string]func(context.Context, *Main, []string) error{
		"list": runJobsList,
		"run":  runJobsRun,
	})
}

var weekdays = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// runJobsList prints each job, whether it is enabled, its schedule and its
// next run in the configured zone.
func runJobsList(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("jobs list", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	s, err := a.buildJobs(ctx, m)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "JOB\tENABLED\tSCHEDULE\tNEXT RUN (%s)\n", s.Location())
	for _, j := range s.List() {
		enabled, next := "no", "-"
		if j.Enabled {
			enabled = "yes"
			next = j.Next.Format("2006-01-02 15:04") + " " + weekdays[j.Next.Weekday()]
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", j.Name, enabled, j.Schedule, next)
	}
	return w.Flush()
}

// runJobsRun runs one job now (or as of --now), or prints what it would
// send with --dry-run.
func runJobsRun(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("jobs run", "NAME")
	dry := fs.Bool("dry-run", false, "print every message with its recipient (name and user id); send nothing")
	nowFlag := fs.String("now", "", "run as of this `time` (RFC3339, e.g. 2026-03-12T08:30:00+08:00) instead of now")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	names := jobs.JobPublicityCalendar + ", " + jobs.JobInactivityNudge + " or " + jobs.JobWeeklyDigest
	if len(pos) != 1 {
		return usagef("jobs run needs one job name: %s", names)
	}
	switch pos[0] {
	case jobs.JobPublicityCalendar, jobs.JobInactivityNudge, jobs.JobWeeklyDigest:
	default:
		return usagef("unknown job %q (want %s)", pos[0], names)
	}
	at := m.Now()
	if *nowFlag != "" {
		if at, err = time.Parse(time.RFC3339, *nowFlag); err != nil {
			return usagef("--now must be RFC3339 like 2026-03-12T08:30:00+08:00, got %q", *nowFlag)
		}
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	// The knowledge base supplies the laws in reminders and the digest's
	// knowledge-base changes; the nudge does not need it.
	if pos[0] != jobs.JobInactivityNudge {
		if err := a.wireKnowledge(ctx, m); err != nil {
			return err
		}
	}
	s, err := a.buildJobs(ctx, m)
	if err != nil {
		return err
	}
	res, err := s.Run(ctx, pos[0], at, jobs.RunOptions{DryRun: *dry, Out: m.Stdout})
	for _, b := range res.Batches {
		switch b.Status {
		case "dry-run":
		case "skipped":
			fmt.Fprintf(m.Stdout, "%s %s: already sent (or being sent by another process), skipped\n", res.Job, b.Period)
		default:
			fmt.Fprintf(m.Stdout, "%s %s: %d recipients, %d messages sent, %d failed, %d already done before\n",
				res.Job, b.Period, b.Recipients, b.Sent, b.Failed, b.AlreadyDone)
		}
	}
	if err != nil {
		return err
	}
	if len(res.Batches) == 0 {
		fmt.Fprintf(m.Stdout, "%s: nothing due as of %s: %s\n", pos[0], res.At.Format("2006-01-02 15:04 MST"), res.Note)
	}
	return nil
}
