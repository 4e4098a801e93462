package chunk

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pufabot/pufabot/knowledge/loader"
)

func para(s string) loader.Block { return loader.Block{Kind: loader.Paragraph, Text: s} }

func head(level int, s string) loader.Block {
	return loader.Block{Kind: loader.Heading, Level: level, Text: s}
}

// sampleLaw is a made-up statute in the corpus layout.
func sampleLaw() loader.Doc {
	return loader.Doc{
		Path:   "村规示范条例(2019-01-01).md",
		Format: "md",
		Title:  "村规示范条例",
		Header: []string{"2015年3月1日 某某县人民代表大会通过", "2018年6月2日 第一次修正", "2019年1月1日 施行"},
		Blocks: []loader.Block{
			head(1, "村规示范条例"),
			head(2, "第一章 总则"),
			para("第一条 为了示范村规的写法，制定本条例。"),
			para("第二条 本条例适用于示范村。"),
			para("村民应当遵守本条例。"),
			head(2, "第二章 邻里"),
			head(3, "第一节 一般规定"),
			para("第十条 邻里之间应当互相帮助。"),
			para("（一）不得乱倒垃圾；"),
			para("（二）不得占用道路。"),
			para("第十条之一 邻里纠纷可以申请人民调解。"),
			para("第十一条 依照本条例第十条规定处理。"),
			head(2, "附则"),
			para("第一百一十条 本条例自公布之日起施行。"),
		},
	}
}

func TestSplitLaw(t *testing.T) {
	meta, chunks := Split(sampleLaw(), "")
	if meta.Kind != KindLaw || meta.Title != "村规示范条例" {
		t.Fatalf("meta = %+v", meta)
	}
	if meta.VersionDate != "2019-01-01" {
		t.Errorf("VersionDate = %q, want the file name's 2019-01-01 (later than the header's 2018-06-02)", meta.VersionDate)
	}
	if len(meta.Header) != 3 {
		t.Errorf("Header = %q", meta.Header)
	}
	want := []struct {
		article string
		num     int
		chapter string
		text    string
	}{
		{"第一条", 1, "第一章 总则", "第一条 为了示范村规的写法，制定本条例。"},
		{"第二条", 2, "第一章 总则", "第二条 本条例适用于示范村。\n村民应当遵守本条例。"},
		{"第十条", 10, "第二章 邻里 / 第一节 一般规定", "第十条 邻里之间应当互相帮助。\n（一）不得乱倒垃圾；\n（二）不得占用道路。"},
		{"第十条之一", 10, "第二章 邻里 / 第一节 一般规定", "第十条之一 邻里纠纷可以申请人民调解。"},
		{"第十一条", 11, "第二章 邻里 / 第一节 一般规定", "第十一条 依照本条例第十条规定处理。"},
		{"第一百一十条", 110, "附则", "第一百一十条 本条例自公布之日起施行。"},
	}
	if len(chunks) != len(want) {
		for _, c := range chunks {
			t.Logf("%+v", c)
		}
		t.Fatalf("got %d chunks, want %d", len(chunks), len(want))
	}
	for i, w := range want {
		c := chunks[i]
		if c.Seq != i || c.Law != "村规示范条例" || c.Article != w.article || c.ArticleNum != w.num || c.Chapter != w.chapter || c.Text != w.text {
			t.Errorf("chunk %d = %+v\nwant %+v", i, c, w)
		}
	}
}

func TestSplitLawPlainLines(t *testing.T) {
	// A .txt or .docx law: structure headings as plain lines, header as a
	// dated line in brackets, an article referring to another one.
	doc := loader.Doc{Path: "x.txt", Title: "中华人民共和国示范法", Blocks: []loader.Block{
		head(1, "中华人民共和国示范法"),
		para("（2001年2月3日第九届全国人民代表大会常务委员会第二十次会议通过　2010年10月1日修订）"),
		para("目　　录"),
		para("第一章　总　　则"),
		para("第一条　为了示范，制定本法。"),
		para("第二章　细则"),
		para("第二条　前款规定的事项，"),
		para("第一条规定的情形除外。"),
		para("第三条（附则）最后一条。"),
	}}
	meta, chunks := Split(doc, "")
	if meta.Kind != KindLaw || meta.VersionDate != "2010-10-01" {
		t.Fatalf("meta = %+v", meta)
	}
	var arts []string
	for _, c := range chunks {
		arts = append(arts, c.Article+"@"+c.Chapter)
	}
	got := strings.Join(arts, ",")
	want := "第一条@第一章 总 则,第二条@第二章 细则,第三条@第二章 细则"
	if got != want {
		t.Errorf("articles = %s\nwant      %s", got, want)
	}
	if !strings.Contains(chunks[1].Text, "第一条规定的情形除外。") {
		t.Errorf("a line referring to 第一条 must stay inside 第二条: %q", chunks[1].Text)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		doc  loader.Doc
		want string
	}{
		{"law", sampleLaw(), KindLaw},
		{"faq with 问/答", loader.Doc{Title: "常见问题", Blocks: []loader.Block{
			para("问：借钱不还怎么办？"), para("答：可以先协商，协商不成可以起诉。"),
			para("问：彩礼能要回来吗？"), para("答：符合条件的可以请求返还。"),
		}}, KindFAQ},
		{"faq with question headings", loader.Doc{Title: "问答", Blocks: []loader.Block{
			head(1, "问答"), head(2, "工伤怎么认定？"), para("向社会保险行政部门申请。"),
			head(2, "被拖欠工资怎么办?"), para("可以向劳动保障监察机构投诉。"),
		}}, KindFAQ},
		{"report", loader.Doc{Title: "某镇2023年法治建设工作汇报", Blocks: []loader.Block{
			head(1, "某镇2023年法治建设工作汇报"), para("一、基本情况"), para("全年开展普法活动20场。"),
			para("第一条意见是加强学习。"),
		}}, KindMaterial},
		{"report quoting two articles", loader.Doc{Title: "学习心得", Blocks: []loader.Block{
			para("第一条 学习心得一。"), para("第二条 学习心得二。"),
		}}, KindMaterial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.doc); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSplitFAQ(t *testing.T) {
	doc := loader.Doc{Title: "村民常见法律问题", Blocks: []loader.Block{
		head(1, "村民常见法律问题"),
		para("以下问答供参考。"),
		head(2, "婚姻家庭"),
		para("问：彩礼能要回来吗？"),
		para("答：双方未办理结婚登记的，可以请求返还。"),
		para("依据《民法典》相关司法解释。"),
		para("问：老人没人赡养怎么办？答：成年子女有赡养父母的义务。"),
	}}
	meta, chunks := Split(doc, "")
	if meta.Kind != KindFAQ {
		t.Fatalf("kind = %q", meta.Kind)
	}
	if len(chunks) != 3 {
		t.Fatalf("chunks = %+v", chunks)
	}
	if chunks[0].Text != "以下问答供参考。" {
		t.Errorf("intro chunk = %+v", chunks[0])
	}
	c := chunks[1]
	if c.Title != "彩礼能要回来吗？" || c.Chapter != "婚姻家庭" ||
		c.Text != "问：彩礼能要回来吗？\n答：双方未办理结婚登记的，可以请求返还。\n依据《民法典》相关司法解释。" {
		t.Errorf("Q/A chunk = %+v", c)
	}
	if chunks[2].Title != "老人没人赡养怎么办？" || chunks[2].Seq != 2 {
		t.Errorf("second Q/A = %+v", chunks[2])
	}
}

func TestSplitMaterial(t *testing.T) {
	long := strings.Repeat("村里组织了一次普法宣传活动，群众踊跃参加。", 40) // 800+ runes
	doc := loader.Doc{Title: "工作汇报", Blocks: []loader.Block{
		head(1, "工作汇报"),
		para("开头一段话。"),
		para("一、基本情况"),
		para("短段落一。"), para("短段落二。"),
		para("二、主要做法"),
		para(long),
	}}
	meta, chunks := Split(doc, "")
	if meta.Kind != KindMaterial || meta.Title != "工作汇报" {
		t.Fatalf("meta = %+v", meta)
	}
	if chunks[0].Title != "工作汇报" || chunks[0].Text != "开头一段话。" {
		t.Errorf("first chunk = %+v", chunks[0])
	}
	if chunks[1].Title != "一、基本情况" || chunks[1].Text != "短段落一。\n短段落二。" {
		t.Errorf("second chunk = %+v", chunks[1])
	}
	var rest strings.Builder
	for _, c := range chunks[2:] {
		n := utf8.RuneCountInString(c.Text)
		if n > maxRunes || n == 0 {
			t.Errorf("chunk of %d runes", n)
		}
		if !strings.HasSuffix(c.Text, "。") {
			t.Errorf("chunk cut mid-sentence: ...%s", string([]rune(c.Text)[n-5:]))
		}
		if c.Title != "二、主要做法" {
			t.Errorf("title = %q", c.Title)
		}
		rest.WriteString(c.Text)
	}
	if rest.String() != long {
		t.Error("the long paragraph's pieces do not add up to it")
	}
	if len(chunks) < 4 {
		t.Errorf("a %d-rune paragraph should be cut, got %d chunks", utf8.RuneCountInString(long), len(chunks))
	}
}

func TestCutSentencesHard(t *testing.T) {
	s := strings.Repeat("字", 1200)
	parts := cutSentences(s, maxRunes, targetRunes)
	if strings.Join(parts, "") != s || len(parts) != 3 {
		t.Errorf("parts: %d", len(parts))
	}
}

// A law from a .docx without heading styles: title and chapters are plain
// paragraphs, the header a bracketed line with several dates.
func TestSplitLawDocxStyle(t *testing.T) {
	doc := loader.Doc{Path: "upload_1.docx", Title: "upload_1", Blocks: []loader.Block{
		para("中华人民共和国示范保护法"),
		para("（1994年7月5日第八届全国人民代表大会常务委员会第八次会议通过　根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正　2018年12月29日第十三届全国人民代表大会常务委员会第七次会议第二次修正）"),
		para("第一章　总　　则"),
		para("第一条　为了示范，制定本法。"),
		para("第二条　本法自公布之日起施行。"),
	}}
	meta, chunks := Split(doc, "")
	if meta.Kind != KindLaw || meta.Title != "中华人民共和国示范保护法" || meta.VersionDate != "2018-12-29" || len(meta.Header) != 1 {
		t.Fatalf("meta = %+v", meta)
	}
	if len(chunks) != 2 || chunks[0].Law != meta.Title || chunks[0].Chapter != "第一章 总 则" || chunks[1].Article != "第二条" {
		t.Errorf("chunks = %+v", chunks)
	}
}
