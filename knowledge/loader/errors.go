package loader

import (
	"errors"
	"io/fs"
	"strings"
)

// ErrUnsupported is wrapped by FileError for a file whose format the loader
// does not read.
var ErrUnsupported = errors.New("unsupported file type: use .txt, .md, .html, .docx or .pdf")

// ErrNoTextLayer is wrapped by FileError for a PDF without extractable text,
// usually a scan that needs OCR first.
var ErrNoTextLayer = errors.New("PDF has no text layer (scanned?)")

// ErrTooLarge is wrapped by FileError when a file, or what it unpacks to,
// exceeds the loader's size caps.
var ErrTooLarge = errors.New("file too large")

// ErrEmpty is wrapped by FileError when a file holds no text at all.
var ErrEmpty = errors.New("no text found in the file")

// FileError says which file failed and why. Reason is a short English
// phrase fit for an admin's screen; Err is the cause, for errors.Is.
type FileError struct {
	Path   string
	Reason string
	Err    error
}

// sentinels are the causes whose text is itself a reason for the admin.
var sentinels = []error{ErrUnsupported, ErrNoTextLayer, ErrTooLarge, ErrEmpty}

// Error names the file first, so a summary of a directory load reads well,
// then one plain reason. A parser's own message ("3: incorrect format") is
// left out: it helps nobody who loads a file; errors.Unwrap still has it.
// What the operating system said (permission denied, no such file) stays.
func (e *FileError) Error() string {
	msg := e.Reason
	for _, s := range sentinels {
		if e.Err == s && (msg == "" || strings.HasPrefix(s.Error(), msg)) {
			msg = s.Error() // "no text" → "no text found in the file"
		}
	}
	var pe *fs.PathError
	if errors.As(e.Err, &pe) {
		msg = strings.TrimPrefix(msg+": "+pe.Err.Error(), ": ")
	}
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Path == "" {
		return msg
	}
	return e.Path + ": " + msg
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

func fileErr(path, reason string, err error) *FileError {
	return &FileError{Path: path, Reason: reason, Err: err}
}
