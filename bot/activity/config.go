// Package activity is the ledger (台账) of publicity work and mediations:
// the record model, the free-text parser, the store, statistics, exports and
// the report paragraph.
package activity

import (
	"time"
	_ "time/tzdata" // Asia/Shanghai must load on machines without zoneinfo

	"github.com/pufabot/pufabot/bot/confval"
)

// Config is the [activity] section.
type Config struct {
	// TimeZone is the zone in which dates like 今天 and 上周五 are read.
	TimeZone string `toml:"time_zone"`
	// PhotoWindow is how long after a record an image attaches to it.
	PhotoWindow confval.Duration `toml:"photo_window"`
	// PendingTTL is how long a question about missing essentials waits for
	// its answer.
	PendingTTL confval.Duration `toml:"pending_ttl"`
	// MaxPhotos caps the photos of one record.
	MaxPhotos int `toml:"max_photos"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config {
	return Config{
		TimeZone:    "Asia/Shanghai",
		PhotoWindow: confval.D(10 * time.Minute),
		PendingTTL:  confval.D(30 * time.Minute),
		MaxPhotos:   9,
	}
}

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	if _, err := c.Location(); err != nil {
		return confval.Errorf("activity.time_zone", "unknown time zone %q", c.TimeZone)
	}
	if c.PhotoWindow.Duration <= 0 {
		return confval.Errorf("activity.photo_window", "must be positive")
	}
	if c.PendingTTL.Duration <= 0 {
		return confval.Errorf("activity.pending_ttl", "must be positive")
	}
	if c.MaxPhotos < 1 {
		return confval.Errorf("activity.max_photos", "must be at least 1, got %d", c.MaxPhotos)
	}
	return nil
}

// Location loads TimeZone.
func (c Config) Location() (*time.Location, error) {
	return time.LoadLocation(c.TimeZone)
}
