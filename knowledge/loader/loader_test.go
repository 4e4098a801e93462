package loader

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// render shows blocks compactly: "#2 heading" or "paragraph", one per line.
func render(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Kind == Heading {
			b.WriteString("#" + string(rune('0'+bl.Level)) + " ")
		}
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func mustLoad(t *testing.T, path string) Doc {
	t.Helper()
	doc, err := Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return doc
}

func TestLoadText(t *testing.T) {
	tests := []struct {
		file, title, want string
	}{
		{"gbk.txt", "村民调解须知", "#1 村民调解须知\n第一条 邻里纠纷可以申请人民调解。\n繁體字也能轉換：離婚、撫養費。\n"},
		{"utf16.txt", "借款须知", "#1 借款须知\n欠钱不还可以起诉。\n"},
		{"bom.txt", "工伤认定", "#1 工伤认定\n受伤后三十日内申请。\n"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := mustLoad(t, filepath.Join("testdata", tt.file))
			if doc.Format != "txt" || doc.Title != tt.title {
				t.Errorf("format %q title %q", doc.Format, doc.Title)
			}
			if got := render(doc.Blocks); got != tt.want {
				t.Errorf("blocks:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestLoadMarkdown(t *testing.T) {
	doc := mustLoad(t, filepath.Join("testdata", "law.md"))
	want := "#1 村规民约示范条例\n#2 第一章 总则\n第一条 为了示范村规民约的写法，制定本条例。\n第二条 本条例适用于示范村。\n#2 第二章 附则\n第三条 本条例自公布之日起施行。\n"
	if got := render(doc.Blocks); got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
	if doc.Title != "村规民约示范条例" || len(doc.Header) != 2 || !strings.HasPrefix(doc.Header[1], "2021年6月1日") {
		t.Errorf("title %q header %q", doc.Title, doc.Header)
	}
}

func TestLoadMarkdownSyntax(t *testing.T) {
	md := "# 标题 #\n\n正文有`代码`和![图](a.png)图片。\n\n- 列表项\n> 引用\n\n| 事项 | 地点 |\n|---|---|\n| 调解 | 司法所 |\n\n```\n# 不是标题\n```\n#不是标题\n"
	doc, err := LoadBytes("x.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	want := "#1 标题\n正文有代码和图片。\n列表项\n引用\n事项 | 地点\n调解 | 司法所\n# 不是标题\n#不是标题\n"
	if got := render(doc.Blocks); got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadHTML(t *testing.T) {
	want := "#1 农村宅基地政策解读\n一户只能拥有一处宅基地，面积不得超过省规定的标准。\n#2 一、申请条件\n农村村民建住宅，应当符合乡（镇）土地利用总体规划。\n出卖、出租、赠与住宅后，再申请宅基地的，不予批准。\n办理地点 乡镇人民政府\n"
	for _, file := range []string{"page.html", "page-gbk.html"} {
		t.Run(file, func(t *testing.T) {
			doc := mustLoad(t, filepath.Join("testdata", file))
			if got := render(doc.Blocks); got != want {
				t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
			}
			if doc.Title != "农村宅基地政策解读" {
				t.Errorf("title %q", doc.Title)
			}
		})
	}
}

// docxFile builds a .docx in memory from a document body and optional styles.
func docxFile(t testing.TB, body, styles string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+body+`</w:body></w:document>`)
	if styles != "" {
		add("word/styles.xml", `<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+styles+`</w:styles>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wp(style, text string) string {
	ppr := ""
	if style != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + ppr + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func TestLoadDOCX(t *testing.T) {
	// Chinese Word names heading styles "1", "2" and calls them "heading 1".
	styles := `<w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:styleId="2"><w:name w:val="heading 2"/></w:style>` +
		`<w:style w:styleId="a3"><w:name w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>`
	body := wp("Title", "示范条例") +
		wp("", "（2020年1月1日通过）") +
		wp("1", "第一章　总则") +
		`<w:p><w:r><w:t>第一条　为了</w:t></w:r><w:r><w:t xml:space="preserve">示范，</w:t></w:r><w:r><w:tab/><w:t>制定本条例。</w:t></w:r></w:p>` +
		wp("2", "第一节 小节") +
		wp("a3", "大纲级别标题") +
		wp("标题 2", "中文样式名标题") +
		`<w:tbl><w:tr><w:tc>` + wp("", "事项") + `</w:tc><w:tc>` + wp("", "地点") + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wp("", "调解") + `</w:tc><w:tc>` + wp("", "司法所") + `</w:tc></w:tr></w:tbl>` +
		wp("", "第二条 结束。")
	doc, err := LoadBytes("示范条例.docx", docxFile(t, body, styles))
	if err != nil {
		t.Fatal(err)
	}
	want := "#1 示范条例\n（2020年1月1日通过）\n#1 第一章 总则\n第一条 为了示范， 制定本条例。\n#2 第一节 小节\n#3 大纲级别标题\n#2 中文样式名标题\n事项 | 地点\n调解 | 司法所\n第二条 结束。\n"
	if got := render(doc.Blocks); got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
	if doc.Title != "示范条例" {
		t.Errorf("title %q", doc.Title)
	}
}

func TestLoadDOCXLibreOffice(t *testing.T) {
	doc := mustLoad(t, filepath.Join("testdata", "libreoffice.docx"))
	got := render(doc.Blocks)
	for _, want := range []string{"#1 村规民约示范文本\n", "#2 第一章 总则\n", "\n第二条 村民之间发生纠纷，可以向村人民调解委员会申请调解，也可以拨打12348法律服务热线咨询。\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestLoadDOCXZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte("<w:p><w:r><w:t>炸</w:t></w:r></w:p>"), 1<<10)
	for written := 0; written <= maxDocxTotal; written += len(chunk) {
		w.Write(chunk)
	}
	zw.Close()
	if buf.Len() > 2<<20 {
		t.Fatalf("bomb is %d bytes compressed; expected it to compress well", buf.Len())
	}
	_, err := LoadBytes("bomb.docx", buf.Bytes())
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != "bomb.docx" || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want a FileError for bomb.docx wrapping ErrTooLarge", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		target error
		reason string
	}{
		{"notes.xls", []byte("x"), ErrUnsupported, "unsupported"},
		{"broken.docx", []byte("not a zip"), zip.ErrFormat, "not a readable .docx"},
		{"empty.txt", []byte(" \n\t\n"), ErrEmpty, "no text"},
		{"scanned.pdf", mustRead(t, "testdata/scanned.pdf"), ErrNoTextLayer, "no text layer"},
		{"broken.pdf", []byte("%PDF-1.4 garbage"), nil, "not a readable PDF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadBytes(tt.name, tt.data)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v (%T), want *FileError", err, err)
			}
			if fe.Path != tt.name || !strings.HasPrefix(err.Error(), tt.name+": ") || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %q, want it to name %s and say %q", err, tt.name, tt.reason)
			}
			if tt.target != nil && !errors.Is(err, tt.target) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.target)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadPDF(t *testing.T) {
	doc := mustLoad(t, filepath.Join("testdata", "text.pdf"))
	if doc.Format != "pdf" || doc.Title != "村规民约示范文本" {
		t.Errorf("format %q title %q", doc.Format, doc.Title)
	}
	got := render(doc.Blocks)
	for _, want := range []string{
		"第一条 为了维护本村的生产生活秩序，根据有关法律法规，结合本村实际，制定本村规民约。这一条故意写得长一些，让它在页面上折成两行以上，用来检验段落的重新拼接是否正确无误。\n",
		"第二条 村民之间发生纠纷，可以向村人民调解委员会申请调解，也可以拨打12348法律服务热线咨询。\n",
		"（2021年3月1日村民会议通过）\n第一章 总则\n",
		"第二章 附则\n第三条 本村规民约自通过之日起施行。\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "甲乙\n")
	write("sub/b.md", "# 乙\n内容\n")
	write("sub/c.xls", "x")
	write(".hidden/d.txt", "隐藏\n")
	write("sub/.e.txt", "隐藏\n")
	var got []string
	err := LoadDir(dir, func(path string, doc Doc, err error) {
		rel, _ := filepath.Rel(dir, path)
		if err != nil {
			got = append(got, rel+" error")
			if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "c.xls") {
				t.Errorf("error %v does not name c.xls as unsupported", err)
			}
			return
		}
		got = append(got, rel+" "+doc.Title)
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a.txt 甲乙,sub/b.md 乙,sub/c.xls error"; strings.Join(got, ",") != want {
		t.Errorf("got %s, want %s", strings.Join(got, ","), want)
	}
	if err := LoadDir(filepath.Join(dir, "missing"), func(string, Doc, error) {}); err == nil {
		t.Error("a missing root must be an error")
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{"a.TXT": true, "b.md": true, "c.htm": true, "d.DOCX": true, "e.pdf": true, "f.doc": false, "g": false, "h.xlsx": false} {
		if got := Supported(name); got != want {
			t.Errorf("Supported(%q) = %v", name, got)
		}
	}
}

func TestLoadHTMLChromeHints(t *testing.T) {
	page := `<html><head><title>标题</title></head><body>
<div class="print-area"><article><header><h1>劳动合同到期不续签有补偿吗</h1></header>
<p>劳动合同期满，用人单位维持或者提高劳动合同约定条件续订劳动合同，劳动者不同意续订的情形除外，用人单位应当向劳动者支付经济补偿。</p></article></div>
<div class="related"><ul><li><a>相关文章一</a></li><li><a>相关文章二</a></li></ul></div>
<header><div>某某市人力资源和社会保障局</div></header>
</body></html>`
	doc, err := LoadBytes("p.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "#1 劳动合同到期不续签有补偿吗\n劳动合同期满，用人单位维持或者提高劳动合同约定条件续订劳动合同，劳动者不同意续订的情形除外，用人单位应当向劳动者支付经济补偿。\n"
	if got := render(doc.Blocks); got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadHTMLDeepNesting(t *testing.T) {
	nest := func(depth int) []byte {
		return []byte(strings.Repeat("<div>", depth) + "<p>最深处的一句话。</p>" + strings.Repeat("</div>", depth))
	}
	// Deeper than the walker recurses: read as plain text.
	doc, err := LoadBytes("deep.html", nest(400))
	if err != nil {
		t.Fatal(err)
	}
	if got := render(doc.Blocks); got != "最深处的一句话。\n" {
		t.Errorf("blocks = %q", got)
	}
	// Deeper than the HTML parser accepts: an error naming the file.
	_, err = LoadBytes("deeper.html", nest(5000))
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != "deeper.html" {
		t.Errorf("err = %v", err)
	}
}

func TestLoadHTMLGBKWithoutMeta(t *testing.T) {
	data := mustRead(t, "testdata/page-gbk.html")
	data = bytes.Replace(data, []byte(`<meta charset="gbk">`), nil, 1)
	doc, err := LoadBytes("nometa.html", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "农村宅基地政策解读" {
		t.Errorf("title %q: GBK page without a charset was not decoded", doc.Title)
	}
}

func TestDecodeTextDamagedUTF8(t *testing.T) {
	good := "村民委员会应当及时调解邻里纠纷，维护村民的合法权益。"
	damaged := []byte(strings.Repeat(good, 3))
	damaged = append(damaged, good[:4]...) // cut in the middle of a character
	s, err := decodeText(damaged)
	if err != nil || !strings.HasPrefix(s, good+good) {
		t.Errorf("damaged UTF-8 misread: %q, %v", s, err)
	}
	gbk := mustRead(t, "testdata/gbk.txt")
	if s, _ := decodeText(gbk); !strings.HasPrefix(s, "村民调解须知") {
		t.Errorf("GBK misread: %q", s)
	}
}

func TestLoadDOCXTextBox(t *testing.T) {
	body := `<w:p><w:r><w:t>外面开头，</w:t></w:r><w:r><w:pict><w:txbxContent>` + wp("", "文本框里的话") +
		`</w:txbxContent></w:pict></w:r><w:r><w:t>外面结尾。</w:t></w:r></w:p>`
	doc, err := LoadBytes("box.docx", docxFile(t, body, ""))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := render(doc.Blocks), "文本框里的话\n外面开头，外面结尾。\n"; got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
}
