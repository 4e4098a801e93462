// Package confval holds small value types shared by the packages' Config
// structs, so that every section of the TOML file reads the same way.
package confval

import (
	"fmt"
	"time"
)

// Duration is a time.Duration written in TOML as a string such as "4.5s" or
// "30m", which operators read more easily than nanoseconds.
type Duration struct {
	time.Duration
}

// D is a shorthand for building a Duration in defaults and tests.
func D(d time.Duration) Duration { return Duration{d} }

// UnmarshalText parses a Go duration string ("4.5s", "720h").
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration like \"4.5s\" or \"30m\": %q", string(b))
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration the way UnmarshalText reads it.
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(d.Duration.String()), nil
}
