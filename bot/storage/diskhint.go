package storage

import (
	"errors"
	"os"
)

// diskHint says why a database in dir may fail to open when the cause is
// the file system rather than the file: SQLite reports a full or read-only
// disk as "disk I/O error" or "unable to open database file". It returns ""
// when neither is the case.
func diskHint(dir string) string {
	if h := fsHint(dir); h != "" {
		return h
	}
	probe, err := os.CreateTemp(dir, ".write-probe-*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return " (cannot write in " + dir + ": " + err.Error() + ")"
	}
	probe.Close()
	os.Remove(probe.Name())
	return ""
}
