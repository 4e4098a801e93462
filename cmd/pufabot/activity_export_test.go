package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestActivityExportOutChecks(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string // in stderr
		wantFile string // written
	}{
		{"txt refused", []string{"--out", filepath.Join(dir, "y.txt")}, 2, "must end in .xlsx or .csv", ""},
		{"no extension refused", []string{"--out", filepath.Join(dir, "台账")}, 2, "must end in .xlsx or .csv", ""},
		{"format against extension", []string{"--format", "csv", "--out", filepath.Join(dir, "a.xlsx")}, 2, "--format csv does not match", ""},
		{"missing directory named", []string{"--out", filepath.Join(dir, "missing", "x.xlsx")}, 1,
			"the directory " + filepath.Join(dir, "missing") + " of --out does not exist", ""},
		{"explicit format for another extension", []string{"--format", "csv", "--out", filepath.Join(dir, "ledger.txt")}, 0, "", "ledger.txt"},
		{"csv by extension", []string{"--out", filepath.Join(dir, "a.CSV")}, 0, "", "a.CSV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, "", append([]string{"activity", "export", "--data-dir", data}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) || strings.Contains(errOut, ".export-") {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.wantCode, tt.wantErr)
			}
			if tt.wantFile != "" {
				if _, err := os.Stat(filepath.Join(dir, tt.wantFile)); err != nil {
					t.Errorf("not written: %v", err)
				}
			}
		})
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".export-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
