package main

// Start-up of the server and re-adding an unchanged corpus, at production
// size (laws-all: 3,305 files, ~141,000 chunks), each in a child process
// (this test binary re-executed as pufabot, see TestCrashHelper) so that
// its time and peak resident size are its own:
//
//	pufabot kb add --data-dir /tmp/kb-all ../shared/corpus/laws-all
//	PUFABOT_BENCH_DATA_DIR=/tmp/kb-all go test -run XXX -bench 'ServeStart|ReaddUnchanged' -benchtime 3x ./cmd/pufabot/
//
// or PUFABOT_BENCH_ALL=1 instead of PUFABOT_BENCH_DATA_DIR to load
// laws-all into a temporary data dir first (a minute or more). Metrics:
// healthz_s (process start until /healthz answers), maxrss_MB (the
// server's peak resident size, start-up included), rss_MB (its resident
// size 3 s after /healthz first answered) and readd_s (`kb add` of the
// loaded corpus again, nothing changed); medians of the runs.

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pufabot/pufabot/internal/sharedtest"
)

func BenchmarkServeStartLawsAll(b *testing.B) {
	data, _ := benchDataDir(b)
	var starts, peaks, rsss []float64
	for range b.N {
		port := freePort(b)
		cfg := filepath.Join(b.TempDir(), "serve.toml")
		if err := os.WriteFile(cfg, []byte(fmt.Sprintf("[server]\nlisten = \"127.0.0.1:%d\"\n", port)), 0o600); err != nil {
			b.Fatal(err)
		}
		cmd := pufabotChild("serve", "--config", cfg, "--data-dir", data)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		url := fmt.Sprintf("http://127.0.0.1:%d/healthz", port)
		client := &http.Client{Timeout: time.Second}
		for {
			if resp, err := client.Get(url); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			select {
			case err := <-exited:
				b.Fatalf("serve exited before /healthz answered: %v", err)
			case <-time.After(20 * time.Millisecond):
			}
			if time.Since(start) > 2*time.Minute {
				cmd.Process.Kill()
				b.Fatal("no /healthz after 2 minutes")
			}
		}
		starts = append(starts, time.Since(start).Seconds())
		time.Sleep(3 * time.Second)
		peak, rss := procMemMB(b, cmd.Process.Pid)
		peaks, rsss = append(peaks, peak), append(rsss, rss)
		cmd.Process.Signal(syscall.SIGTERM)
		<-exited
	}
	b.ReportMetric(median(starts), "healthz_s")
	b.ReportMetric(median(peaks), "maxrss_MB")
	b.ReportMetric(median(rsss), "rss_MB")
	b.Logf("healthz_s %v, maxrss_MB %v, rss_MB %v", starts, peaks, rsss)
}

func BenchmarkReaddUnchangedLawsAll(b *testing.B) {
	data, corpus := benchDataDir(b)
	var times []float64
	for range b.N {
		cmd := pufabotChild("kb", "add", "--data-dir", data, corpus)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		times = append(times, time.Since(start).Seconds())
		// laws-all has four files with no article: kb add names them and
		// exits 1; nothing may have been added or changed.
		if !strings.Contains(string(out), "新增 0 个文件，更新 0 个") {
			b.Fatalf("re-add changed something (%v):\n%s", err, out)
		}
	}
	b.ReportMetric(median(times), "readd_s")
	b.Logf("readd_s %v", times)
}

// benchDataDir returns a data dir holding laws-all and the corpus path, or
// skips.
func benchDataDir(b *testing.B) (data, corpus string) {
	b.Helper()
	corpus = filepath.Join(sharedtest.Root(b, "corpus/laws-all"), "corpus", "laws-all")
	if d := os.Getenv("PUFABOT_BENCH_DATA_DIR"); d != "" {
		return d, corpus
	}
	if os.Getenv("PUFABOT_BENCH_ALL") != "1" {
		b.Skip("set PUFABOT_BENCH_DATA_DIR to a data dir loaded with laws-all, or PUFABOT_BENCH_ALL=1 to load one")
	}
	data = filepath.Join(b.TempDir(), "data")
	out, err := pufabotChild("kb", "add", "--data-dir", data, corpus).CombinedOutput()
	if !strings.Contains(string(out), "新增 ") {
		b.Fatalf("loading laws-all: %v\n%s", err, out)
	}
	return data, corpus
}

// pufabotChild runs this test binary as pufabot with args.
func pufabotChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
	cmd.Env = append(os.Environ(), "PUFABOT_CRASH_ARGS="+strings.Join(args, "\t"))
	return cmd
}

func freePort(b *testing.B) int {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// procMemMB reads a process's peak (VmHWM) and current (VmRSS) resident
// size from /proc, in MiB.
func procMemMB(b *testing.B, pid int) (peak, rss float64) {
	b.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmHWM:":
			peak = kb / 1024
		case "VmRSS:":
			rss = kb / 1024
		}
	}
	return peak, rss
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
