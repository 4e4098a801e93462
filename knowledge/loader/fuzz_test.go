package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets call the format parsers directly, without LoadBytes'
// recover, so a panic on hostile input fails them. Seeds are the fixtures
// in testdata; as ordinary tests they run only the seeds.

func addSeeds(f *testing.F, patterns ...string) {
	for _, pat := range patterns {
		paths, _ := filepath.Glob(filepath.Join("testdata", pat))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
}

// checkBlocks asserts what every loader promises about its output.
func checkBlocks(t *testing.T, blocks []Block) {
	for _, b := range cleanBlocks(blocks) {
		if b.Text == "" || !utf8.ValidString(b.Text) || strings.ContainsAny(b.Text, "\x00\r\n\t") {
			t.Fatalf("bad block %q", b.Text)
		}
		if b.Kind == Heading && (b.Level < 1 || b.Level > 9) {
			t.Fatalf("heading level %d", b.Level)
		}
	}
}

func FuzzLoadTXT(f *testing.F) {
	addSeeds(f, "*.txt", "*.md")
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Add([]byte{0xFE, 0xFF, 0xD8, 0x00})
	f.Add([]byte("\x81\x30\x81\x30 \xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		blocks, err := parseTXT(data)
		if err == nil {
			checkBlocks(t, blocks)
		}
		blocks, _, err = parseMD(data)
		if err == nil {
			checkBlocks(t, blocks)
		}
	})
}

func FuzzLoadHTML(f *testing.F) {
	addSeeds(f, "*.html")
	f.Add([]byte("<html><h1>标题<h2>嵌套</h1><p>段落<script>x</script>"))
	f.Add([]byte(`<meta charset="gbk"><p>\xb2\xe2\xca\xd4</p>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, blocks, err := parseHTML(data)
		if err == nil {
			checkBlocks(t, blocks)
		}
	})
}

func FuzzLoadDOCX(f *testing.F) {
	addSeeds(f, "*.docx")
	f.Add(docxFile(f, wp("Heading1", "标题")+`<w:tbl><w:tr><w:tc>`+wp("", "格")+`</w:tc></w:tr></w:tbl>`, `<w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>`))
	f.Add([]byte(`<w:p><w:r><w:t>外</w:t><w:txbxContent><w:p><w:t>内</w:t></w:p></w:txbxContent></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:t>格</w:t></w:p></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, blocks, err := parseDOCX(data)
		if err == nil {
			checkBlocks(t, blocks)
		}
		// The XML readers on their own, since random bytes are rarely a zip.
		if blocks, _, err := parseDocxBody(data, parseDocxStyles(data)); err == nil {
			checkBlocks(t, blocks)
		}
		parseCoreTitle(data)
	})
}

func TestMarkdownEdgeLines(t *testing.T) {
	for _, in := range []string{">", "> >", "#", "-", "|", "||", "```", "<!-- INFO END -->", "# 题\n<!-- INFO END -->"} {
		if _, _, err := parseMD([]byte(in)); err != nil {
			t.Errorf("parseMD(%q): %v", in, err)
		}
	}
}
