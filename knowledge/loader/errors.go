package loader

import (
	"errors"
	"fmt"
)

// ErrUnsupported is wrapped by FileError for a file whose format the loader
// does not read.
var ErrUnsupported = errors.New("unsupported file type (want .txt .md .html .docx .pdf)")

// ErrNoTextLayer is wrapped by FileError for a PDF without extractable text,
// usually a scan that needs OCR first.
var ErrNoTextLayer = errors.New("PDF has no text layer (scanned?)")

// ErrTooLarge is wrapped by FileError when a file, or what it unpacks to,
// exceeds the loader's size caps.
var ErrTooLarge = errors.New("file too large")

// ErrEmpty is wrapped by FileError when a file holds no text at all.
var ErrEmpty = errors.New("no text found")

// FileError says which file failed and why. Reason is a short English
// phrase fit for an admin's screen; Err is the cause, for errors.Is.
type FileError struct {
	Path   string
	Reason string
	Err    error
}

// Error names the file first, so a summary of a directory load reads well.
func (e *FileError) Error() string {
	switch {
	case e.Reason != "" && e.Err != nil && e.Reason != e.Err.Error():
		return fmt.Sprintf("%s: %s: %v", e.Path, e.Reason, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	default:
		return fmt.Sprintf("%s: %s", e.Path, e.Reason)
	}
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

func fileErr(path, reason string, err error) *FileError {
	return &FileError{Path: path, Reason: reason, Err: err}
}
