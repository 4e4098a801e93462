package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxFileSize caps the size of one input file.
const MaxFileSize = 64 << 20

// formats maps a lower-case extension to its format name.
var formats = map[string]string{
	".txt": "txt", ".text": "txt",
	".md": "md", ".markdown": "md",
	".html": "html", ".htm": "html", ".xhtml": "html",
	".docx": "docx",
	".pdf":  "pdf",
}

// Format returns the format name ("txt", "md", "html", "docx", "pdf") for a
// file name, or "" when it is not supported.
func Format(name string) string {
	return formats[strings.ToLower(filepath.Ext(name))]
}

// Supported reports whether the loader reads files with this name's extension.
func Supported(name string) bool { return Format(name) != "" }

// Load reads one file, choosing the format by its extension. Errors are
// *FileError naming the file.
func Load(path string) (Doc, error) {
	if !Supported(path) {
		return Doc{}, fileErr(path, "unsupported file type", ErrUnsupported)
	}
	f, err := os.Open(path)
	if err != nil {
		return Doc{}, fileErr(path, "cannot open", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return Doc{}, fileErr(path, "cannot read", err)
	}
	return LoadBytes(path, data)
}

// LoadBytes reads a file's content already in memory (an HTTP upload); name
// gives the format by its extension and becomes Doc.Path.
func LoadBytes(name string, data []byte) (doc Doc, err error) {
	format := Format(name)
	if format == "" {
		return Doc{}, fileErr(name, "unsupported file type", ErrUnsupported)
	}
	if len(data) > MaxFileSize {
		return Doc{}, fileErr(name, fmt.Sprintf("larger than %d MB", MaxFileSize>>20), ErrTooLarge)
	}
	defer func() {
		// Hostile input must never take the process down.
		if r := recover(); r != nil {
			doc, err = Doc{}, fileErr(name, "cannot read this "+format+" file (damaged?)", fmt.Errorf("%s parser failed: %v", format, r))
		}
	}()
	var blocks []Block
	var title string
	var header []string
	switch format {
	case "txt":
		blocks, err = parseTXT(data)
	case "md":
		blocks, header, err = parseMD(data)
	case "html":
		title, blocks, err = parseHTML(data)
	case "docx":
		title, blocks, err = parseDOCX(data)
	case "pdf":
		title, blocks, err = parsePDF(data)
	}
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Path = name
			return Doc{}, fe
		}
		return Doc{}, fileErr(name, "cannot read this "+format+" file (damaged?)", err)
	}
	blocks = cleanBlocks(blocks)
	if len(blocks) == 0 {
		return Doc{}, fileErr(name, "no text", ErrEmpty)
	}
	doc = Doc{Path: name, Format: format, Title: title, Blocks: blocks, Header: header}
	if doc.Title == "" {
		for _, b := range blocks {
			if b.Kind == Heading {
				doc.Title = b.Text
				break
			}
		}
	}
	if doc.Title == "" {
		base := filepath.Base(name)
		doc.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return doc, nil
}

// LoadDir walks root recursively in lexical order and calls fn for every
// regular file that is not hidden: with the loaded Doc, or with a
// *FileError (unsupported, unreadable, unparsable). Hidden files and
// directories (name starting with ".") are skipped. A walk error on root
// itself is returned.
func LoadDir(root string, fn func(path string, doc Doc, err error)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return fmt.Errorf("load %s: %w", root, err)
			}
			fn(path, Doc{}, fileErr(path, "cannot read", err))
			return nil
		}
		name := d.Name()
		if path != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		doc, lerr := Load(path)
		fn(path, doc, lerr)
		return nil
	})
}

// Files lists the loadable paths under root (recursively, hidden entries
// skipped, lexical order), with unsupported files in a second list, so a
// caller can show progress before loading.
func Files(root string) (supported, unsupported []string, err error) {
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			unsupported = append(unsupported, path)
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if Supported(path) {
			supported = append(supported, path)
		} else {
			unsupported = append(unsupported, path)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", root, err)
	}
	sort.Strings(supported)
	sort.Strings(unsupported)
	return supported, unsupported, nil
}

// cleanBlocks drops control characters and empty blocks and trims spaces.
func cleanBlocks(in []Block) []Block {
	out := in[:0]
	for _, b := range in {
		b.Text = cleanText(b.Text)
		if b.Text == "" {
			continue
		}
		out = append(out, b)
	}
	return out
}

// cleanText removes NUL and other control characters (tabs become spaces),
// the BOM and zero-width spaces, and trims the result.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\uFEFF' || r == '\u200B' || r == '\uFFFD' || (r >= 0x80 && r < 0xA0) {
			clean = false
			break
		}
	}
	if !clean {
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range s {
			switch {
			case r == '\t' || r == '\n' || r == '\r':
				b.WriteByte(' ')
			case r < 0x20 || r == 0x7f || r == '\uFEFF' || r == '\u200B' || r == '\uFFFD' || (r >= 0x80 && r < 0xA0):
			default:
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	return strings.TrimSpace(s)
}

// splitLines splits text into lines, accepting \n, \r\n and \r.
func splitLines(data []byte) []string {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	return strings.Split(string(data), "\n")
}
