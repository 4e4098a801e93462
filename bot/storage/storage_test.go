package storage

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOpenUsesWAL(t *testing.T) {
	db := MustOpenTemp(t)
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Fatalf("journal_mode = %q, want wal", mode)
	}
	var fk int
	if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Fatalf("foreign_keys = %d, want 1", fk)
	}
}

func TestMigrateAppliesOnceInOrder(t *testing.T) {
	ctx := context.Background()
	db := MustOpenTemp(t)
	fsys := fstest.MapFS{
		"0002_add.sql":  {Data: []byte("ALTER TABLE t ADD COLUMN b TEXT;")},
		"0001_init.sql": {Data: []byte("CREATE TABLE t (a INTEGER);")},
		"README":        {Data: []byte("ignored")},
	}
	for i := 0; i < 2; i++ {
		if err := Migrate(ctx, db, "test", fsys); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
	}
	if _, err := db.Exec("INSERT INTO t (a, b) VALUES (1, 'x')"); err != nil {
		t.Fatalf("schema not migrated: %v", err)
	}
	var n int
	db.QueryRow("SELECT count(*) FROM schema_migrations WHERE component='test'").Scan(&n)
	if n != 2 {
		t.Fatalf("recorded migrations = %d, want 2", n)
	}
}

func TestMigrateFailureLeavesNothingHalfApplied(t *testing.T) {
	ctx := context.Background()
	db := MustOpenTemp(t)
	fsys := fstest.MapFS{
		"0001_bad.sql": {Data: []byte("CREATE TABLE ok (a INTEGER); CREATE TABLE broken (;")},
	}
	err := Migrate(ctx, db, "test", fsys)
	if err == nil || !strings.Contains(err.Error(), "0001_bad.sql") {
		t.Fatalf("err = %v, want one naming the file", err)
	}
	var n int
	db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name='ok'").Scan(&n)
	if n != 0 {
		t.Fatal("table from a failed migration was kept")
	}
}

func TestMigrateRejectsBadNames(t *testing.T) {
	db := MustOpenTemp(t)
	err := Migrate(context.Background(), db, "test", fstest.MapFS{"init.sql": {Data: []byte("SELECT 1")}})
	if err == nil || !strings.Contains(err.Error(), "init.sql") {
		t.Fatalf("err = %v, want one naming init.sql", err)
	}
}
