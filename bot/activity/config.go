// Package activity is the ledger (台账) of publicity work and mediations:
// the record model, the free-text parser, the store, statistics, exports and
// the report paragraph.
package activity

// Config is the [activity] section.
type Config struct {
	// TimeZone is the zone in which dates like 今天 and 上周五 are read.
	TimeZone string `toml:"time_zone"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config { return Config{TimeZone: "Asia/Shanghai"} }

// Validate reports a setting that cannot work.
func (c Config) Validate() error { return nil }
