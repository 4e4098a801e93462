package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
)

// mountTmpfs mounts a small tmpfs at a new directory for the test, or
// skips when the test may not mount (not root, no CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s): the disk full / read-only tests need root", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func runMain(args ...string) (int, string) {
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }, Now: time.Now}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return m.Run(ctx, args), out.String()
}

func integrityOK(t *testing.T, data string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "pufabot.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
}

// TestDiskFull fills the data dir's file system (a 16 MiB tmpfs), then
// loads a law: the load fails with an error that says the disk is full,
// the database stays intact, and the same load works once there is room.
func TestDiskFull(t *testing.T) {
	mnt := mountTmpfs(t, "16m")
	data := filepath.Join(mnt, "data")
	law := filepath.Join(t.TempDir(), "人民调解法(2010-08-28).md")
	if err := os.WriteFile(law, []byte(testLaw), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := runMain("kb", "stats", "--data-dir", data); code != 0 {
		t.Fatalf("kb stats on an empty data dir: exit %d\n%s", code, out)
	}
	// A running process holds the database open while the disk fills.
	db, err := storage.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS disk_probe (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	// Fill the rest of the file system.
	filler := filepath.Join(mnt, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling: %v", err)
			}
			break
		}
	}
	f.Close()
	// A write of the running process fails with SQLITE_FULL, cleanly.
	var werr error
	for i := 0; i < 64 && werr == nil; i++ {
		_, werr = db.Exec(`INSERT INTO disk_probe VALUES (zeroblob(65536))`)
	}
	if werr == nil || !strings.Contains(werr.Error(), "full") {
		t.Errorf("write on a full disk: %v, want a 'database or disk is full' error", werr)
	}
	db.Close()
	code, out := runMain("kb", "add", "--data-dir", data, law)
	if code == 0 {
		t.Fatalf("kb add on a full disk succeeded:\n%s", out)
	}
	if !strings.Contains(out, "full") {
		t.Errorf("the error does not say the disk is full:\n%s", out)
	}
	if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") {
		t.Errorf("a stack trace instead of an error:\n%s", out)
	}
	t.Logf("on a full disk: exit %d: %s", code, strings.TrimSpace(out))
	os.Remove(filler)
	integrityOK(t, data)
	if code, out := runMain("kb", "add", "--data-dir", data, law); code != 0 {
		t.Fatalf("kb add with room again: exit %d\n%s", code, out)
	}
	if code, out := runMain("kb", "search", "--json", "--data-dir", data, "人民调解收费吗"); code != 0 || !strings.Contains(out, "第四条") {
		t.Errorf("search after the full disk: exit %d\n%s", code, out)
	}
	integrityOK(t, data)
}

// TestReadOnlyDataDir remounts the data dir's file system read-only: serve
// stops at start-up with an error naming the database, and the data is
// unharmed when the file system is writable again.
func TestReadOnlyDataDir(t *testing.T) {
	mnt := mountTmpfs(t, "16m")
	data := filepath.Join(mnt, "data")
	law := filepath.Join(t.TempDir(), "人民调解法(2010-08-28).md")
	if err := os.WriteFile(law, []byte(testLaw), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := runMain("kb", "add", "--data-dir", data, law); code != 0 {
		t.Fatalf("kb add: exit %d\n%s", code, out)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	cfg := writeConfig(t, "[server]\nlisten = \"127.0.0.1:0\"\n")
	code, out := runMain("serve", "--config", cfg, "--data-dir", data)
	if code == 0 {
		t.Fatalf("serve on a read-only data dir exited 0:\n%s", out)
	}
	if !strings.Contains(out, "read-only") || !strings.Contains(out, data) {
		t.Errorf("the start-up error does not explain itself:\n%s", out)
	}
	if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") {
		t.Errorf("a stack trace instead of an error:\n%s", out)
	}
	t.Logf("serve on a read-only data dir: exit %d: %s", code, strings.TrimSpace(out))
	if out, err := exec.Command("mount", "-o", "remount,rw", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount rw: %v %s", err, out)
	}
	integrityOK(t, data)
	if code, out := runMain("kb", "search", "--json", "--data-dir", data, "人民调解收费吗"); code != 0 || !strings.Contains(out, "第四条") {
		t.Errorf("search after the read-only start: exit %d\n%s", code, out)
	}
}

// TestDataDirIsAFile: a data dir that is a file stops start-up with an
// error naming it.
func TestDataDirIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(file, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runMain("kb", "stats", "--data-dir", file)
	if code == 0 || !strings.Contains(out, file) {
		t.Errorf("exit %d, want an error naming %s:\n%s", code, file, out)
	}
	if b, _ := os.ReadFile(file); string(b) != "not a directory" {
		t.Error("the file was changed")
	}
}
