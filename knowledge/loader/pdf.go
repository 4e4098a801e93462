package loader

import "errors"

// parsePDF extracts the text layer of a PDF.
func parsePDF(data []byte) ([]Block, error) {
	return nil, fileErr("", "PDF support not built yet", errors.New("pdf: not implemented"))
}
