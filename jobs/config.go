// Package jobs runs pufabot's scheduled work: publicity-day reminders,
// inactivity nudges and weekly digests, each exactly once per period.
//
// Every run claims a row in job_runs keyed by (job, period) before it sends
// anything, and records each message per recipient in job_sends, so a
// restart, a manual run or a second replica on the same database never sends
// the same reminder or digest twice, and a run that crashed half-way resumes
// without re-sending to those already done.
package jobs

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // the zone must load on machines without zoneinfo

	"github.com/robfig/cron/v3"

	"github.com/pufabot/pufabot/bot/confval"
)

// Job names, as used in config, the CLI and job_runs.
const (
	JobPublicityCalendar = "publicity_calendar"
	JobInactivityNudge   = "inactivity_nudge"
	JobWeeklyDigest      = "weekly_digest"
)

// Config is the [jobs] section with one sub-table per job.
type Config struct {
	// TimeZone is the zone of the cron schedules and of every date the jobs
	// compute (which day is "3 days before", which week is "last week").
	TimeZone string `toml:"time_zone"`
	// CatchUp runs, once at start, each job's latest scheduled run that was
	// missed while the service was down.
	CatchUp bool `toml:"catch_up"`

	PublicityCalendar CalendarConfig `toml:"publicity_calendar"`
	InactivityNudge   NudgeConfig    `toml:"inactivity_nudge"`
	WeeklyDigest      DigestConfig   `toml:"weekly_digest"`
}

// CalendarConfig is [jobs.publicity_calendar].
type CalendarConfig struct {
	Enabled  bool   `toml:"enabled"`
	Schedule string `toml:"schedule"`
	// DaysBefore is how many days before a publicity day cadres are reminded.
	DaysBefore int `toml:"days_before"`
	// ExtraDays are local publicity days admins add to the built-in calendar.
	ExtraDays []ExtraDay `toml:"extra_days"`
}

// ExtraDay is one publicity day added in config.
type ExtraDay struct {
	// Date is "MM-DD" (every year) or "YYYY-MM-DD" (once).
	Date string `toml:"date"`
	// Name is what the reminder calls the day, e.g. "全国科普日".
	Name string `toml:"name"`
	// Topics are suggested themes; they are also what the knowledge base is
	// searched for.
	Topics []string `toml:"topics"`
}

// NudgeConfig is [jobs.inactivity_nudge].
type NudgeConfig struct {
	Enabled  bool   `toml:"enabled"`
	Schedule string `toml:"schedule"`
	// Days without a ledger record before a cadre is nudged; a cadre is
	// nudged at most once in that many days.
	Days int `toml:"days"`
}

// DigestConfig is [jobs.weekly_digest].
type DigestConfig struct {
	Enabled  bool   `toml:"enabled"`
	Schedule string `toml:"schedule"`
	// Chart adds a bar chart image (activities by type, last week against
	// the week before) after the text.
	Chart bool `toml:"chart"`
	// ChartFont is the TrueType (.ttf) font with Chinese glyphs the chart
	// is drawn with (Debian: fonts-droid-fallback).
	ChartFont string `toml:"chart_font"`
}

// DefaultChartFont is where Debian's fonts-droid-fallback puts its font.
const DefaultChartFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// DefaultConfig returns the embedded defaults: every job on, reminders at
// 08:30 every day, nudges and digests on Monday morning, Beijing time.
func DefaultConfig() Config {
	return Config{
		TimeZone: "Asia/Shanghai",
		CatchUp:  true,
		PublicityCalendar: CalendarConfig{
			Enabled:    true,
			Schedule:   "30 8 * * *",
			DaysBefore: 3,
		},
		InactivityNudge: NudgeConfig{Enabled: true, Schedule: "0 10 * * 1", Days: 30},
		WeeklyDigest:    DigestConfig{Enabled: true, Schedule: "0 8 * * 1", ChartFont: DefaultChartFont},
	}
}

var extraDate = regexp.MustCompile(`^(\d{4}-)?\d{2}-\d{2}$`)

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		return confval.Errorf("jobs.time_zone", "unknown time zone %q (e.g. \"Asia/Shanghai\")", c.TimeZone)
	}
	for _, s := range []struct{ key, spec string }{
		{"jobs.publicity_calendar.schedule", c.PublicityCalendar.Schedule},
		{"jobs.inactivity_nudge.schedule", c.InactivityNudge.Schedule},
		{"jobs.weekly_digest.schedule", c.WeeklyDigest.Schedule},
	} {
		if _, err := ParseSchedule(s.spec); err != nil {
			return confval.Errorf(s.key, "%s", err)
		}
	}
	if d := c.PublicityCalendar.DaysBefore; d < 0 || d > 60 {
		return confval.Errorf("jobs.publicity_calendar.days_before", "must be between 0 and 60, got %d", d)
	}
	for i, e := range c.PublicityCalendar.ExtraDays {
		key := fmt.Sprintf("jobs.publicity_calendar.extra_days[%d]", i)
		if !extraDate.MatchString(e.Date) {
			return confval.Errorf(key, "date must be \"MM-DD\" or \"YYYY-MM-DD\", got %q", e.Date)
		}
		if _, err := parseExtraDate(e.Date, 2024); err != nil { // 2024 allows 02-29
			return confval.Errorf(key, "%s", err)
		}
		if strings.TrimSpace(e.Name) == "" {
			return confval.Errorf(key, "name must be set")
		}
	}
	if c.WeeklyDigest.Chart && strings.TrimSpace(c.WeeklyDigest.ChartFont) == "" {
		return confval.Errorf("jobs.weekly_digest.chart_font", "must name a .ttf font with Chinese glyphs when chart = true")
	}
	if c.InactivityNudge.Days < 1 {
		return confval.Errorf("jobs.inactivity_nudge.days", "must be at least 1, got %d", c.InactivityNudge.Days)
	}
	return nil
}

// ParseSchedule parses a standard five-field cron spec ("30 8 * * *").
// Schedules are read in the configured time zone, not the machine's.
func ParseSchedule(spec string) (cron.Schedule, error) {
	if strings.Contains(spec, "TZ=") {
		return nil, fmt.Errorf("set the zone with jobs.time_zone, not in the schedule: %q", spec)
	}
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("not a cron schedule like \"30 8 * * *\": %q: %w", spec, err)
	}
	return s, nil
}

// parseExtraDate reads an extra day's date, placing "MM-DD" in year.
func parseExtraDate(s string, year int) (time.Time, error) {
	layout := "2006-01-02"
	if len(s) == 5 {
		s = fmt.Sprintf("%04d-%s", year, s)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("not a date: %q", s)
	}
	return t, nil
}
