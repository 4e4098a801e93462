// Package storage opens pufabot's SQLite database and applies the versioned
// migrations each package embeds. Packages keep their SQL behind their own
// store interfaces; this package only owns the connection and the schema
// bookkeeping, so a PostgreSQL implementation can replace it in one place.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Config is the [storage] section.
type Config struct {
	// DataDir holds the database, photos and other state.
	DataDir string `toml:"data_dir"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config { return Config{DataDir: "./data"} }

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	if strings.TrimSpace(c.DataDir) == "" {
		return errors.New("storage.data_dir: must not be empty")
	}
	return nil
}

// DBFile is the database file name inside the data directory.
const DBFile = "pufabot.db"

// Open creates the data directory if needed and opens the SQLite database in
// it with WAL journaling, foreign keys and a busy timeout, so concurrent
// writers wait for each other instead of failing.
func Open(ctx context.Context, dataDir string) (*sql.DB, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data dir %s: %w", dataDir, err)
	}
	return OpenFile(ctx, filepath.Join(dataDir, DBFile))
}

// OpenFile opens the SQLite database at file (see Open).
func OpenFile(ctx context.Context, file string) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + file + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", file, err)
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s%s: %w", file, diskHint(filepath.Dir(file)), err)
	}
	var mode string
	if err := db.QueryRowContext(pctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", file, err)
	}
	if !strings.EqualFold(mode, "wal") {
		db.Close()
		return nil, fmt.Errorf("open database %s: journal mode is %q, want wal (is the directory writable?)", file, mode)
	}
	return db, nil
}

// Migrate applies, in order and each in its own transaction, the migrations
// of one component that the database has not seen yet. Migrations are files
// named NNNN_description.sql at the root of fsys; NNNN is the version.
// Applied versions are recorded per component in schema_migrations, so every
// package can own its tables without a global numbering.
func Migrate(ctx context.Context, db *sql.DB, component string, fsys fs.FS) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		component TEXT NOT NULL,
		version INTEGER NOT NULL,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL,
		PRIMARY KEY (component, version))`); err != nil {
		return fmt.Errorf("migrate %s: create schema_migrations: %w", component, err)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("migrate %s: read migrations: %w", component, err)
	}
	type migration struct {
		version int
		name    string
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return fmt.Errorf("migrate %s: file %s: name must be NNNN_description.sql", component, e.Name())
		}
		if other, dup := seen[v]; dup {
			return fmt.Errorf("migrate %s: files %s and %s share version %d", component, other, e.Name(), v)
		}
		seen[v] = e.Name()
		ms = append(ms, migration{v, e.Name()})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })

	for _, m := range ms {
		body, err := fs.ReadFile(fsys, path.Clean(m.name))
		if err != nil {
			return fmt.Errorf("migrate %s: read %s: %w", component, m.name, err)
		}
		if err := applyOne(ctx, db, component, m.version, m.name, string(body)); err != nil {
			return err
		}
	}
	return nil
}

func applyOne(ctx context.Context, db *sql.DB, component string, version int, name, body string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate %s %s: begin: %w", component, name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE component = ? AND version = ?`,
		component, version).Scan(&n); err != nil {
		return fmt.Errorf("migrate %s %s: %w", component, name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("migrate %s %s: %w", component, name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (?, ?, ?, ?)`,
		component, version, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("migrate %s %s: record: %w", component, name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate %s %s: commit: %w", component, name, err)
	}
	return nil
}
