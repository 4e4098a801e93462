package loader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Caps against zip bombs: what one entry and the whole file may unpack to.
const (
	maxDocxEntry = 40 << 20
	maxDocxTotal = 50 << 20
)

// docxHeadingRe matches style names and ids that mark headings: Heading 1,
// heading1, 标题 1, Title, Subtitle.
var docxHeadingRe = regexp.MustCompile(`(?i)^(?:heading|标题|title|subtitle|副标题)\s*(\d?)$`)

// zipReader reads entries of a .docx with a running budget.
type zipReader struct {
	zr     *zip.Reader
	budget int64
}

func (z *zipReader) read(name string) ([]byte, error) {
	for _, f := range z.zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > maxDocxEntry || int64(f.UncompressedSize64) > z.budget {
			return nil, fileErr("", "unpacks to more than the size limit", ErrTooLarge)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		defer rc.Close()
		limit := min(int64(maxDocxEntry), z.budget)
		data, err := io.ReadAll(io.LimitReader(rc, limit+1))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if int64(len(data)) > limit {
			return nil, fileErr("", "unpacks to more than the size limit", ErrTooLarge)
		}
		z.budget -= int64(len(data))
		return data, nil
	}
	return nil, nil
}

// docxStyle is what styles.xml says about one paragraph style.
type docxStyle struct {
	level int // heading level, 0 for body text
}

// parseDOCX reads the body of a Word document: paragraphs in order, those
// with a heading style (Heading n / 标题 n / Title) or an outline level as
// Heading blocks, each table row as one paragraph of its cells' text joined by " | ". The
// title comes from docProps/core.xml, else the first Title paragraph.
func parseDOCX(data []byte) (string, []Block, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", nil, fileErr("", "not a readable .docx (damaged, or an old .doc renamed: save it as .docx in Word or WPS)", err)
	}
	z := &zipReader{zr: zr, budget: maxDocxTotal}
	doc, err := z.read("word/document.xml")
	if err != nil {
		return "", nil, err
	}
	if doc == nil {
		return "", nil, fileErr("", "not a Word document (word/document.xml missing)", errors.New("word/document.xml missing"))
	}
	styles := map[string]docxStyle{}
	if sx, err := z.read("word/styles.xml"); err == nil && sx != nil {
		styles = parseDocxStyles(sx)
	} else if err != nil {
		return "", nil, err
	}
	title := ""
	if core, err := z.read("docProps/core.xml"); err == nil && core != nil {
		title = parseCoreTitle(core)
	}
	blocks, styleTitle, err := parseDocxBody(doc, styles)
	if err != nil {
		return "", nil, err
	}
	if title == "" {
		title = styleTitle
	}
	return title, blocks, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func styleLevel(name string) (int, bool) {
	m := docxHeadingRe.FindStringSubmatch(strings.TrimSpace(name))
	if m == nil {
		return 0, false
	}
	if m[1] == "" {
		return 1, true
	}
	n, _ := strconv.Atoi(m[1])
	if n < 1 {
		n = 1
	}
	return n, true
}

func parseDocxStyles(data []byte) map[string]docxStyle {
	out := map[string]docxStyle{}
	d := xml.NewDecoder(bytes.NewReader(data))
	var id string
	var st docxStyle
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, st = attr(t, "styleId"), docxStyle{}
				if lvl, ok := styleLevel(id); ok {
					st.level = lvl
				}
			case "name":
				if lvl, ok := styleLevel(attr(t, "val")); ok && st.level == 0 {
					st.level = lvl
				}
			case "outlineLvl":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n >= 0 && n < 9 && st.level == 0 {
					st.level = n + 1
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				out[id] = st
				id = ""
			}
		}
	}
}

func parseCoreTitle(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	in := false
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title"
		case xml.CharData:
			if in {
				return strings.TrimSpace(string(t))
			}
		case xml.EndElement:
			in = false
		}
	}
}

// savedPara is an outer paragraph set aside while a nested one is read.
type savedPara struct {
	text    string
	level   int
	isTitle bool
}

func parseDocxBody(data []byte, styles map[string]docxStyle) ([]Block, string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var (
		blocks     []Block
		para       strings.Builder
		row        []string
		level      int
		isTitle    bool
		inText     bool
		tableDepth int
		title      string
		depth      int // nesting of w:p (text boxes)
		outer      []savedPara
	)
	endPara := func() {
		text := strings.Join(strings.Fields(para.String()), " ")
		para.Reset()
		if tableDepth > 0 {
			if text != "" {
				row = append(row, text)
			}
			return
		}
		if text == "" {
			return
		}
		if isTitle && title == "" {
			title = text
		}
		if level > 0 {
			blocks = append(blocks, Block{Kind: Heading, Level: level, Text: text})
		} else {
			blocks = append(blocks, Block{Kind: Paragraph, Text: text})
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("read word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				// A paragraph inside a text box nests in another one: set the
				// outer paragraph aside and resume it afterwards.
				if depth > 0 && depth <= 64 {
					outer = append(outer, savedPara{para.String(), level, isTitle})
				}
				depth++
				para.Reset()
				level, isTitle = 0, false
			case "pStyle":
				v := attr(t, "val")
				if st, ok := styles[v]; ok && st.level > 0 {
					level = st.level
				} else if lvl, ok := styleLevel(v); ok {
					level = lvl
				}
				if strings.EqualFold(v, "title") {
					isTitle = true
				}
			case "outlineLvl":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n >= 0 && n < 9 {
					level = n + 1
				}
			case "t":
				inText = true
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				para.WriteByte(' ')
			case "tbl":
				tableDepth++
			case "tr":
				row = row[:0]
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				endPara()
				if depth > 0 {
					depth--
				}
				if depth > 0 && len(outer) > 0 {
					o := outer[len(outer)-1]
					outer = outer[:len(outer)-1]
					para.WriteString(o.text)
					level, isTitle = o.level, o.isTitle
				}
			case "tr":
				if tableDepth > 0 && len(row) > 0 {
					blocks = append(blocks, Block{Kind: Paragraph, Text: strings.Join(row, " | ")})
					row = row[:0]
				}
			case "tbl":
				if tableDepth > 0 {
					tableDepth--
				}
			}
		}
	}
	return blocks, title, nil
}
