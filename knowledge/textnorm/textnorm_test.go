package textnorm

import (
	"strings"
	"testing"
)

func TestToSimplified(t *testing.T) {
	tests := []struct{ in, want string }{
		{"離婚", "离婚"},
		{"撫養費", "抚养费"},
		{"債務", "债务"},
		{"中華人民共和國民法典", "中华人民共和国民法典"},
		{"夫妻一方要求離婚的，可以由有關組織進行調解", "夫妻一方要求离婚的，可以由有关组织进行调解"},
		{"一目瞭然", "一目了然"}, // a phrase, not character by character
		{"乾隆年間", "乾隆年间"}, // 乾 stays in this phrase
		{"乾燥", "干燥"},
		{"already 简体 text", "already 简体 text"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ToSimplified(tt.in); got != tt.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldWidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"１２３", "123"},
		{"Ａｂｃ", "Abc"},
		{"第１０７９条", "第1079条"},
		{"电话：１２３４８", "电话：12348"},
		{"你好，世界！", "你好，世界！"},
		{"（一）", "（一）"},
		{"a　b", "a b"},
		{"１００％", "100%"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := FoldWidth(tt.in); got != tt.want {
			t.Errorf("FoldWidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"traditional and width", "離婚　後的撫養費ＡＢＣ", "离婚 后的抚养费abc"},
		{"whitespace collapsed", "  第一条 \t\n 为了   保护  ", "第一条 为了 保护"},
		{"controls dropped", "借\x00款\u200b合同\ufeff", "借 款 合同"},
		{"ascii lower", "QQ群 WeChat", "qq群 wechat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// The same content in either script must normalise to the same string.
func TestNormalizeScriptIndependent(t *testing.T) {
	pairs := [][2]string{
		{"夫妻雙方自願離婚的，應當簽訂書面離婚協議", "夫妻双方自愿离婚的，应当签订书面离婚协议"},
		{"父母不履行撫養義務的，未成年子女有要求父母給付撫養費的權利。", "父母不履行抚养义务的，未成年子女有要求父母给付抚养费的权利。"},
		{"借款人應當按照約定的期限返還借款，債務人", "借款人应当按照约定的期限返还借款，债务人"},
		{"勞動者在試用期內提前三日通知用人單位", "劳动者在试用期内提前三日通知用人单位"},
		{"被拖欠工資、家庭暴力、宅基地糾紛", "被拖欠工资、家庭暴力、宅基地纠纷"},
	}
	for _, p := range pairs {
		if a, b := Normalize(p[0]), Normalize(p[1]); a != b {
			t.Errorf("Normalize(%q) = %q\nNormalize(%q) = %q", p[0], a, p[1], b)
		}
	}
}

func TestTablesLoaded(t *testing.T) {
	if len(tsChars) < 2000 {
		t.Errorf("tsChars has %d entries; regenerate ts_table.go", len(tsChars))
	}
	// Phrases are only kept where they change the character-wise result.
	for k, v := range tsPhrases {
		charwise := strings.Map(func(r rune) rune {
			if s, ok := tsChars[r]; ok {
				return s
			}
			return r
		}, k)
		if charwise == v {
			t.Errorf("phrase %q → %q adds nothing", k, v)
		}
	}
}

func TestIsBoilerplate(t *testing.T) {
	chrome := []string{
		"用户登录", "还没有账号?", "立即注册", "扫一扫在手机打开当前页", "    附件下载",
		"扫一扫在手机上查看当前页面", "微信里点“发现”,扫一下", "二维码便可将本文分享至朋友圈。",
		"• 索 引 号:QZ10909-0101-2024-00002", "    • 发布机构:苏坑镇人民政府", "    • 公文生成日期:2024-03-13",
		"时间:2024-03-13 11:00", "打印本页", "关闭窗口", "【打印】 【关闭】", "字号：大 中 小", "分享到：",
		"上一篇：关于开展普法宣传的通知", "下一篇：无", "来源：县司法局", "发布时间：2024-01-02 浏览次数：35",
		"版权所有：某某县人民政府 地址：某某路1号", "京ICP备12345678号", "相关解读", "視頻解讀",
		"当前位置：首页 > 政务公开", "用戶登錄",
	}
	for _, s := range chrome {
		if !IsBoilerplate(s) {
			t.Errorf("IsBoilerplate(%q) = false, want true", s)
		}
	}
	content := []string{
		"四道河子镇2023年法治建设工作汇报",
		"一、基本情况",
		"第一条 为了保护民事主体的合法权益，制定本法。",
		"当事人可以到司法所打印调解协议，也可以关闭相关账号。",
		"来源于群众的意见，我们逐条办理。",
		"巫山县龙门街道办事处",
		"2024年1月29日",
		"(三)全力做好普法工作。进一步探索延伸“135”庭所共建调解室、“法律服务站”等的职能作用，分享经验。",
		"用户登录手机银行时要注意识别钓鱼网站，不要把验证码告诉任何人，这是防范电信网络诈骗的关键。",
		"",
	}
	for _, s := range content {
		if IsBoilerplate(s) {
			t.Errorf("IsBoilerplate(%q) = true, want false", s)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	unit := "第一千零七十九条 夫妻一方要求離婚的，可以由有關組織進行調解或者直接向人民法院提起离婚诉讼。ＡＢＣ１２３ "
	text := strings.Repeat(unit, (1<<20)/len(unit)+1)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Normalize(text)
	}
}

func TestSpoken(t *testing.T) {
	for in, want := range map[string]string{
		"我爹走了留下三间房咋分":  "我爹走了留下三间房怎么分",
		"辣椒苗啥时候移栽":     "辣椒苗什么时候移栽",
		"俺男人打俺咋办":      "我男人打我怎么办",
		"咋个办嘛":         "怎么办嘛",
		"咱家的地被占了，晓得不":  "我家的地被占了，知道不",
		"娃娃鱼能养吗":       "娃娃鱼能养吗",
		"用人单位应当支付经济补偿": "用人单位应当支付经济补偿",
	} {
		if got := Spoken(in); got != want {
			t.Errorf("Spoken(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Question("俺們啥時候"); got != "我们什么时候" {
		t.Errorf("Question(俺們啥時候) = %q", got)
	}
}
