package loader

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestFileErrorReadsPlainly holds the messages a session-5 review found
// full of programmer text ("no text: no text found", "unsupported file
// type: unsupported file type (want …)", "not a readable PDF: 3: incorrect
// format") to one plain reason naming the file.
func TestFileErrorReadsPlainly(t *testing.T) {
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked.txt")
	os.WriteFile(locked, []byte("第一条 测试。"), 0o000)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"empty", errOf(LoadBytes("empty.txt", []byte(" \n"))), "empty.txt: no text found in the file"},
		{"empty reason from the knowledge base", &FileError{Path: "a.md", Reason: "no text", Err: ErrEmpty}, "a.md: no text found in the file"},
		{"unsupported", errOf(LoadBytes("a.xyz", []byte("x"))), "a.xyz: unsupported file type: use .txt, .md, .html, .docx or .pdf"},
		{"broken pdf", errOf(LoadBytes("b.pdf", []byte("notpdf"))), "b.pdf: not a readable PDF (damaged, or not really a PDF)"},
		{"too large keeps its size", &FileError{Path: "big.pdf", Reason: "larger than 20 MB", Err: ErrTooLarge}, "big.pdf: larger than 20 MB"},
		{"os error kept", errOf(Load(filepath.Join(dir, "missing.txt"))), filepath.Join(dir, "missing.txt") + ": cannot open: no such file or directory"},
	}
	if os.Geteuid() != 0 { // root reads anything
		tests = append(tests, struct {
			name string
			err  error
			want string
		}{"permission", errOf(Load(locked)), locked + ": cannot open: permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil || tt.err.Error() != tt.want {
				t.Errorf("error = %v, want %q", tt.err, tt.want)
			}
			var fe *FileError
			if !errors.As(tt.err, &fe) || fe.Err == nil {
				t.Errorf("%v: want a *FileError keeping its cause", tt.err)
			}
		})
	}
}

func errOf(_ Doc, err error) error { return err }
