// Package jobs runs pufabot's scheduled work: publicity-day reminders,
// inactivity nudges and weekly digests, each exactly once per period.
package jobs

// Config is the [jobs] section.
type Config struct {
	// TimeZone is the zone of the cron schedules.
	TimeZone string `toml:"time_zone"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config { return Config{TimeZone: "Asia/Shanghai"} }

// Validate reports a setting that cannot work.
func (c Config) Validate() error { return nil }
