package cite

import (
	"slices"
	"testing"
)

func TestArticles(t *testing.T) {
	const civil, labour = "中华人民共和国民法典", "中华人民共和国劳动合同法"
	tests := []struct {
		name string
		text string
		want []Ref
	}{
		{"one", "依据是《中华人民共和国民法典》第一千零七十九条。", []Ref{{civil, "第一千零七十九条"}}},
		{"list, paragraph, inserted article", "《中华人民共和国刑法》第二百六十六条第一款和第一百三十三条之一",
			[]Ref{{"中华人民共和国刑法", "第二百六十六条"}, {"中华人民共和国刑法", "第一百三十三条之一"}}},
		{"的 and spaces", "《中华人民共和国民法典》的第十条 、 第11条", []Ref{{civil, "第十条"}, {civil, "第11条"}}},
		{"同法 after an article", "《中华人民共和国劳动合同法》第四十六条；见同法第四十七条。",
			[]Ref{{labour, "第四十六条"}, {labour, "第四十七条"}}},
		{"同法 after a law named alone", "《中华人民共和国劳动合同法》规定要签合同，没签的见同法第八十二条。",
			[]Ref{{labour, "第八十二条"}}},
		{"同条例, 同解释", "《工伤保险条例》第十四条，同条例第十七条；《某解释》第二条，同解释第三条。",
			[]Ref{{"工伤保险条例", "第十四条"}, {"工伤保险条例", "第十七条"}, {"某解释", "第二条"}, {"某解释", "第三条"}}},
		{"inner brackets kept as written", "《最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）》第五条",
			[]Ref{{"最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）", "第五条"}}},
		{"同法 with no law before", "同法第三条", nil},
		{"repeats kept", "《民法典》第十条，《民法典》第十条。", []Ref{{"民法典", "第十条"}, {"民法典", "第十条"}}},
		{"no citation", "可以找村委会调解。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Articles(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Articles(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
