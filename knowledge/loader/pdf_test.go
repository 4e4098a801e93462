package loader

import "testing"

func TestPDFBlocks(t *testing.T) {
	// Three pages as PDFium returns them: a running header, page numbers,
	// paragraphs wrapped at a fixed width, spaces around digits.
	pages := []string{
		"某某县司法局文件\r\n- 1 -\r\n第一条 为了规范村民调解工作，保障当事人的\r\n合法权益，制定本办法。\r\n第二条 调解不收费。\r\n",
		"某某县司法局文件\r\n第三条 当事人可以拨打 12348 热线咨询，也\r\n可以到司法所当面咨询。\r\n2\r\n",
		"某某县司法局文件\r\n一、附则\r\n本办法自 2024 年 1 月 1 日起施行\r\n第 3 页\r\n",
	}
	got := render(pdfBlocks(pages))
	want := "第一条 为了规范村民调解工作，保障当事人的合法权益，制定本办法。\n第二条 调解不收费。\n" +
		"第三条 当事人可以拨打12348热线咨询，也可以到司法所当面咨询。\n一、附则\n本办法自2024年1月1日起施行\n"
	if got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
}

func TestDropCJKSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2021 年 3 月", "2021年3月"},
		{"第一条 为了", "第一条 为了"},
		{"call 12348 now", "call 12348 now"},
		{"拨打  12348", "拨打12348"},
	}
	for _, tt := range tests {
		if got := dropCJKSpaces(tt.in); got != tt.want {
			t.Errorf("dropCJKSpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The engine shuts down when idle and starts again on the next PDF.
func TestPDFEngineRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("restarting the PDF engine takes seconds")
	}
	if _, err := Load("testdata/text.pdf"); err != nil {
		t.Fatal(err)
	}
	closeIdlePDFEngine()
	pdfEngine.mu.Lock()
	stopped := pdfEngine.pool == nil
	pdfEngine.mu.Unlock()
	if !stopped {
		t.Fatal("idle engine not closed")
	}
	doc, err := Load("testdata/text.pdf")
	if err != nil || len(doc.Blocks) == 0 {
		t.Fatalf("after restart: %v, %d blocks", err, len(doc.Blocks))
	}
}
