package storage

import (
	"context"
	"database/sql"
	"testing"
)

// MustOpenTemp opens a fresh database in a temporary directory that is
// removed when the test ends. Tests use the real SQLite, never a fake.
func MustOpenTemp(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatalf("open temp database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
