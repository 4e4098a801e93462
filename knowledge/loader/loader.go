// Package loader reads material files (.txt .md .html .docx .pdf) into a
// neutral list of headings and paragraphs, in the file's original script.
package loader

// BlockKind tells a heading from a paragraph.
type BlockKind int

// Block kinds.
const (
	Paragraph BlockKind = iota
	Heading
)

// Block is one heading or paragraph of a document, in reading order.
type Block struct {
	Kind BlockKind
	// Level is the heading level (1 = top) for headings, 0 for paragraphs.
	Level int
	Text  string
}

// Doc is a loaded file.
type Doc struct {
	// Path is the file's path as given.
	Path string
	// Format is "txt", "md", "html", "docx" or "pdf".
	Format string
	// Title is the document's title when the file names one (first heading,
	// <title>, docx title), else the file name without extension.
	Title  string
	Blocks []Block
	// Header holds lines a file itself marks as its header, kept out of
	// Blocks: in the corpus Markdown, the adoption / amendment lines between
	// the title and <!-- INFO END -->. Empty for other files.
	Header []string
}
