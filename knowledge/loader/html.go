package loader

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// skipTags are elements whose content is never document text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Template: true, atom.Object: true, atom.Canvas: true,
	atom.Head: true, atom.Input: true, atom.Textarea: true, atom.Map: true,
}

// blockTags end the current line of text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Tr: true, atom.Br: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Center: true,
	atom.Tbody: true, atom.Thead: true, atom.Caption: true, atom.Figure: true, atom.Figcaption: true,
	atom.Address: true, atom.Body: true, atom.Html: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

var headingLevel = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// chromeAttrRe matches class or id values of navigation, menus, footers,
// breadcrumbs, share bars and similar page chrome.
var chromeAttrRe = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navbar|menu|menus|footer|foot|breadcrumbs?|crumbs?|share|bdshare|sidebar|side-bar|login|toolbar|copyright|topbar|top-bar|site-header|header-nav|pagination|pager|qrcode|erweima|ewm|print|font-size|fontsize|skip|search|related|comment|comments|advert|ads?|dqwz|curpos)($|[\s_-])|bdshare|sharebutton`)

// parseHTML extracts the title and the visible text of a page: headings as
// Heading blocks, other block-level text as paragraphs, with scripts,
// styles, navigation, headers, footers, forms and chrome-classed elements
// removed and IsBoilerplate lines dropped. The encoding comes from the BOM,
// the <meta> charset, or a guess (GBK pages are common).
func parseHTML(data []byte) (string, []Block, error) {
	data = decodeHTML(data)
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", nil, fmt.Errorf("parse html: %w", err)
	}
	w := &htmlWalker{}
	w.walk(root)
	w.flush()
	title := w.title
	for _, b := range w.blocks {
		if b.Kind == Heading && b.Level == 1 && (title == "" || strings.Contains(title, b.Text)) {
			title = b.Text
			break
		}
	}
	return title, w.blocks, nil
}

type htmlWalker struct {
	title  string
	blocks []Block
	cur    strings.Builder
	level  int // heading level of the text being collected, 0 for paragraph
	// inArticle counts the enclosing <article> / <main> elements.
	inArticle int
	depth     int
}

func (w *htmlWalker) flush() {
	text := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	if text == "" {
		return
	}
	if w.level == 0 && textnorm.IsBoilerplate(text) {
		return
	}
	if w.level > 0 {
		w.blocks = append(w.blocks, Block{Kind: Heading, Level: w.level, Text: text})
		return
	}
	w.blocks = append(w.blocks, Block{Kind: Paragraph, Text: text})
}

func isChrome(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "role":
			if a.Key == "role" && (a.Val == "navigation" || a.Val == "banner" || a.Val == "contentinfo") {
				return true
			}
			if a.Key != "role" && chromeAttrRe.MatchString(a.Val) {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		case "hidden":
			return true
		}
	}
	return false
}

// maxHTMLDepth bounds the recursion of walk; deeper subtrees are read as
// plain text.
const maxHTMLDepth = 256

func (w *htmlWalker) walk(n *html.Node) {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > maxHTMLDepth {
		w.cur.WriteString(textOf(n))
		return
	}
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if n.DataAtom == atom.Title && w.title == "" {
			w.title = strings.Join(strings.Fields(textOf(n)), " ")
			return
		}
		if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			w.inArticle++
			defer func() { w.inArticle-- }()
		}
		// A <header> inside the article holds its title; elsewhere it is the site's.
		if skipTags[n.DataAtom] && !(n.DataAtom == atom.Header && w.inArticle > 0) {
			return
		}
		// Class names are only a hint: an element with real prose in it
		// (a long sentence) is content whatever it is called.
		if isChrome(n) && !hasProse(n) {
			return
		}
		if lvl, ok := headingLevel[n.DataAtom]; ok {
			w.flush()
			w.level = lvl
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c)
			}
			w.flush()
			w.level = 0
			return
		}
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			w.cur.WriteByte(' ')
		}
		if blockTags[n.DataAtom] && w.level == 0 {
			w.flush()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c)
			}
			w.flush()
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// textOf returns the text under n, walking the tree without recursion so
// hostile nesting cannot exhaust the stack.
func textOf(n *html.Node) string {
	var b strings.Builder
	eachNode(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return b.String()
}

// eachNode visits n and its descendants in document order, iteratively;
// visit returning false skips a node's children.
func eachNode(n *html.Node, visit func(*html.Node) bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(c) {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// decodeHTML converts a page to UTF-8: a BOM or <meta> charset is trusted;
// without one, valid UTF-8 stays as it is and anything else is read as
// GB18030 (which covers GBK and GB2312), the usual encoding of older
// Chinese government pages.
func decodeHTML(data []byte) []byte {
	enc, name, certain := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" && utf8.Valid(data) {
		return data
	}
	if !certain {
		if mostlyUTF8(data) {
			return data
		}
		enc = simplifiedchinese.GB18030
	}
	dec, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return dec
}

// hasProse reports whether an element contains a text node that reads like
// a paragraph of content: at least 60 characters with a full stop.
func hasProse(n *html.Node) bool {
	found := false
	eachNode(n, func(c *html.Node) bool {
		if found {
			return false
		}
		switch {
		case c.Type == html.TextNode:
			t := strings.TrimSpace(c.Data)
			found = utf8.RuneCountInString(t) >= 60 && strings.Contains(t, "。")
			return false
		case c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style):
			return false
		}
		return true
	})
	return found
}
