package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot/activity"
)

// periodFlags are --from and --to, inclusive days.
type periodFlags struct{ from, to *string }

func (p periodFlags) parse(loc *time.Location, now time.Time) (from, to time.Time, err error) {
	n := now.In(loc)
	from = time.Date(n.Year(), 1, 1, 0, 0, 0, 0, loc)
	last := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	if *p.from != "" {
		if from, err = activity.ParseDay(*p.from, loc); err != nil {
			return from, to, usagef("--from: %v", err)
		}
	}
	if *p.to != "" {
		if last, err = activity.ParseDay(*p.to, loc); err != nil {
			return from, to, usagef("--to: %v", err)
		}
	}
	if last.Before(from) {
		return from, to, usagef("--to %s is before --from %s", last.Format("2006-01-02"), from.Format("2006-01-02"))
	}
	return from, last.AddDate(0, 0, 1), nil
}

// osReason is what the system said about a file operation (permission
// denied, no space left on device), without the name of the temporary
// file it was about.
func osReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// runActivityExport: `pufabot activity export --from DATE --to DATE --format xlsx|csv --out FILE`.
func runActivityExport(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("activity export", "")
	from := fs.String("from", "", "first `day`, e.g. 2025-01-01 (default: January 1st of this year)")
	to := fs.String("to", "", "last `day`, inclusive, e.g. 2025-12-31 (default: today)")
	format := fs.String("format", "", "xlsx or csv (default: from --out's extension, else xlsx)")
	out := fs.String("out", "", "output `file` (required; the file is replaced whole or not at all)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *out == "" {
		return usagef("--out is required, e.g. --out 台账.xlsx")
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	known := ext == activity.FormatXLSX || ext == activity.FormatCSV
	switch {
	case *format == "" && !known:
		return usagef("--out %s: the file name must end in .xlsx or .csv (or give --format xlsx|csv)", *out)
	case *format == "":
		*format = ext
	case *format != activity.FormatXLSX && *format != activity.FormatCSV:
		return usagef("--format must be xlsx or csv, got %q", *format)
	case known && ext != *format:
		return usagef("--format %s does not match --out %s", *format, *out)
	}
	dir := filepath.Dir(*out)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("export: the directory %s of --out does not exist", dir)
	}
	loc, err := m.activityLocation(cf)
	if err != nil {
		return err
	}
	f, t, err := periodFlags{from, to}.parse(loc, m.Now())
	if err != nil {
		return err
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.openLedger(ctx); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".export-*")
	if err != nil {
		return fmt.Errorf("export: cannot write in the directory %s: %w", dir, osReason(err))
	}
	defer os.Remove(tmp.Name())
	if err := a.ledger.Export(ctx, tmp, *format, f, t); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: cannot write in the directory %s: %w", dir, osReason(err))
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("export: cannot replace %s: %w", *out, osReason(err))
	}
	rs, err := a.ledger.Records(ctx, f, t)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "wrote %d records (%s to %s) to %s\n", len(rs), f.Format("2006-01-02"),
		t.AddDate(0, 0, -1).Format("2006-01-02"), *out)
	return nil
}

// runActivityReport: `pufabot activity report --from DATE --to DATE`.
func runActivityReport(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("activity report", "")
	from := fs.String("from", "", "first `day`, e.g. 2025-01-01 (default: January 1st of this year)")
	to := fs.String("to", "", "last `day`, inclusive, e.g. 2025-12-31 (default: today)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	loc, err := m.activityLocation(cf)
	if err != nil {
		return err
	}
	f, t, err := periodFlags{from, to}.parse(loc, m.Now())
	if err != nil {
		return err
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.openLedger(ctx); err != nil {
		return err
	}
	text, err := a.ledger.Report(ctx, f, t)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, text)
	return nil
}

// activityLocation reads the ledger's zone from the config, so that date
// flags are checked before the database is opened.
func (m *Main) activityLocation(cf *commonFlags) (*time.Location, error) {
	cfg, err := m.loadConfig(cf)
	if err != nil {
		return nil, err
	}
	return cfg.Activity.Location()
}
