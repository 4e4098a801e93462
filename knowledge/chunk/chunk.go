// Package chunk cuts a loaded document into the units retrieval returns:
// one chunk per article (条) of a law, with its law name, number as printed
// and chapter path; headed, paragraph-sized chunks for other material; a
// Q/A pair kept whole for FAQs.
package chunk

// Kind of a document.
const (
	KindLaw      = "law"
	KindMaterial = "material"
	KindFAQ      = "faq"
)

// Meta is what a document says about itself.
type Meta struct {
	// Kind is law, material or faq.
	Kind string
	// Title is the law's full name (中华人民共和国民法典) or the material's title.
	Title string
	// VersionDate is the law's version date as YYYY-MM-DD, when known.
	VersionDate string
	// Header holds the adoption / amendment lines under a law's title.
	Header []string
}

// Chunk is one retrievable unit.
type Chunk struct {
	// Seq is the chunk's position in its document, from 0.
	Seq int
	// Law is the law's full name for law chunks, empty otherwise.
	Law string
	// Article is the article number as printed (第一千零七十九条), law chunks only.
	Article string
	// ArticleNum is the article number as an integer (1079), 0 when none.
	ArticleNum int
	// Chapter is the heading path (第五编 婚姻家庭 / 第四章 离婚).
	Chapter string
	// Title is a short label: the article, the section heading or the question.
	Title string
	// Text is the chunk's text as the source shows it (original script).
	Text string
}
