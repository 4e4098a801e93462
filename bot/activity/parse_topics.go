package activity

import (
	"regexp"
	"strings"
	"unicode"
)

// topic is one law or theme: the short name the ledger keeps and the words
// that name it in reports, most specific first.
type topic struct {
	name  string
	words []string
	// dropWords keeps only the short name, not the wording as written
	// (承包地 is just 土地承包).
	dropWords bool
}

// topicList is every law and theme the parser knows by name. Laws not in
// the list are still found by their 法 / 条例 ending (see lawNames).
var topicList = []topic{
	{"民法典", []string{"民法典"}, false},
	{"宪法", []string{"宪法"}, false},
	{"反电信网络诈骗", []string{"反电信网络诈骗"}, false},
	{"反诈", []string{"电信网络诈骗", "养老诈骗", "电信诈骗", "网络诈骗", "防诈骗", "反诈骗", "防诈", "反诈", "电诈", "诈骗"}, false},
	{"禁毒", []string{"禁毒", "毒品", "防毒", "拒毒"}, false},
	{"未成年人保护", []string{"未成年人保护", "未保法"}, false},
	{"预防未成年人犯罪", []string{"预防未成年人犯罪"}, false},
	{"消费者权益", []string{"消费者权益", "消费维权", "消法", "3·15", "3.15消费"}, false},
	{"妇女权益", []string{"妇女权益", "妇女儿童权益"}, false},
	{"老年人权益", []string{"老年人权益", "老年人合法权益"}, false},
	{"反家庭暴力", []string{"反家庭暴力", "家庭暴力"}, false},
	{"反家暴", []string{"反家暴", "家暴"}, false},
	{"赡养", []string{"赡养"}, false},
	{"婚姻家庭", []string{"婚姻家庭"}, false},
	{"婚姻", []string{"婚姻", "离婚", "结婚", "婚恋"}, false},
	{"继承", []string{"继承", "遗产", "遗嘱"}, false},
	{"彩礼", []string{"彩礼"}, false},
	{"抚养", []string{"抚养", "抚育"}, false},
	{"安全生产", []string{"安全生产"}, false},
	{"森林防火", []string{"森林防火", "森林法", "护林"}, false},
	{"消防安全", []string{"消防", "防火"}, false},
	{"国家安全", []string{"国家安全"}, false},
	{"反间谍", []string{"反间谍"}, false},
	{"扫黑除恶", []string{"扫黑除恶", "扫黑"}, false},
	{"防范非法集资", []string{"非法集资", "防范非法集资"}, false},
	{"劳动", []string{"劳动法", "劳动合同", "劳动争议", "劳动者"}, false},
	{"欠薪", []string{"欠薪", "拖欠工资", "农民工工资", "讨薪", "工资拖欠", "讨回工资", "追回工资", "追讨工资", "追讨欠薪", "劳动报酬"}, false},
	{"劳务", []string{"劳务"}, false},
	{"土地承包", []string{"土地承包", "承包地"}, true},
	{"宅基地", []string{"宅基地"}, false},
	{"土地", []string{"土地管理", "土地纠纷", "土地流转", "土地边界", "地界", "耕地"}, false},
	{"道路交通安全", []string{"道路交通", "交通安全", "交规"}, false},
	{"交通事故", []string{"交通事故", "车祸"}, false},
	{"反洗钱", []string{"反洗钱", "洗钱"}, false},
	{"移风易俗", []string{"移风易俗", "婚丧陋习", "大操大办"}, false},
	{"医疗纠纷", []string{"医疗纠纷", "医患纠纷", "医疗事故"}, false},
	{"信访", []string{"信访"}, false},
	{"物业管理", []string{"物业"}, false},
	{"人民调解", []string{"人民调解"}, false},
	{"村规民约", []string{"村规民约"}, false},
	{"乡村振兴", []string{"乡村振兴"}, false},
	{"环境保护", []string{"环境保护", "生态环境", "环保", "垃圾分类", "秸秆焚烧"}, false},
	{"食品安全", []string{"食品安全"}, false},
	{"医疗保障", []string{"医疗保障", "医保"}, false},
	{"社会保险", []string{"社会保险", "社保", "养老保险"}, false},
	{"法律援助", []string{"法律援助"}, false},
	{"治安管理", []string{"治安管理"}, false},
	{"刑法", []string{"刑法"}, false},
	{"义务教育", []string{"义务教育", "控辍保学"}, false},
	{"防溺水", []string{"防溺水", "溺水"}, false},
	{"校园欺凌", []string{"校园欺凌", "欺凌"}, false},
	{"个人信息保护", []string{"个人信息"}, false},
	{"网络安全", []string{"网络安全"}, false},
	{"民间借贷", []string{"民间借贷", "借贷", "借款", "欠款"}, false},
	{"邻里", []string{"邻里", "相邻"}, false},
	{"合同", []string{"合同纠纷", "买卖合同", "租赁合同"}, false},
	{"野生动物保护", []string{"野生动物"}, false},
	{"传染病防治", []string{"传染病"}, false},
	{"烟花爆竹", []string{"烟花爆竹", "禁燃"}, false},
	{"征地拆迁", []string{"征地", "拆迁"}, false},
	{"行政复议", []string{"行政复议"}, false},
	{"残疾人保障", []string{"残疾人"}, false},
	{"退役军人", []string{"退役军人"}, false},
	{"兵役", []string{"兵役", "征兵"}, false},
	{"保密", []string{"保密法"}, false},
	{"反恐", []string{"反恐怖", "反恐"}, false},
	{"反邪教", []string{"反邪教", "邪教"}, false},
	{"农产品质量安全", []string{"农产品质量"}, false},
	{"防汛", []string{"防汛", "防洪"}, false},
	{"法治乡村", []string{"法治乡村"}, false},
	{"妇女儿童", []string{"妇女儿童"}, false},
	{"工伤", []string{"工伤"}, false},
	{"侵权", []string{"侵权"}, false},
	{"殡葬", []string{"殡葬"}, false},
	{"动物防疫", []string{"动物防疫"}, false},
}

// lawCut are words that end the text before a law's name.
var lawCut = []string{"开展", "宣传", "讲解", "学习了", "学习", "宣讲", "围绕", "关于", "解读", "普及", "进行", "讲了", "讲", "了", "和", "与", "及", "的", "在", "对", "就", "以", "新修订", "修订", "修正", "新", "是", "等", "有关", "相关", "重点", "主要", "包括", "如", "、", "送", "学", "读", "用", "懂", "守", "参加", "培训", "传达", "贯彻", "落实", "根据", "依据", "按照", "中华人民共和国", "群众", "村民", "居民", "学生", "干部"}

// notLaws are words ending in 法 that are not a law's name.
var notLaws = []string{"普法", "学法", "执法", "守法", "违法", "非法", "依法", "合法", "办法", "方法", "说法", "用法", "司法", "立法", "懂法", "知法", "讲法", "送法", "释法", "宣法", "看法", "想法", "做法", "手法", "不法", "犯法", "护法", "尊法", "信法", "遵法", "法"}

// findTopics lists the laws and themes a report names, in short normalised
// form (消费者权益保护法 → 消费者权益), known themes first, then other laws.
func findTopics(text string) []string {
	topics := []string{}
	covered := text
	for _, tp := range topicList {
		for _, w := range tp.words {
			if strings.Contains(covered, w) {
				if !containsTopic(topics, tp.name) {
					topics = append(topics, tp.name)
				}
				// Keep the wording as written too (养老诈骗 beside 反诈,
				// 农民工工资 beside 欠薪): people search the ledger by their words.
				if !tp.dropWords && !strings.Contains(tp.name, strings.TrimSuffix(w, "法")) && !containsTopic(topics, w) {
					topics = append(topics, w)
				}
				// Blank the words so a broader topic does not match them
				// again (反电信网络诈骗 is not also 反诈).
				covered = strings.ReplaceAll(covered, w, strings.Repeat("□", len([]rune(w))))
				break
			}
		}
	}
	for _, law := range lawNames(covered) {
		name := shortLawName(law)
		if name != "" && !containsTopic(topics, name) {
			topics = append(topics, name)
		}
	}
	for _, what := range disputeSubjects(covered) {
		if !containsTopic(topics, what) && !anyTopicIn(topics, what) {
			topics = append(topics, what)
		}
	}
	return topics
}

// disputeRe finds what a dispute is about: the words before 纠纷 / 争议
// (一起债务纠纷, 山林权属纠纷).
var disputeRe = regexp.MustCompile(`(\p{Han}{2,8})(?:纠纷|争议)`)

// disputeLead are words before the subject of a dispute: a count, a verb
// of the mediator's, a preposition. Nothing after one of them (累计调解纠纷)
// names no subject.
var disputeLead = []string{"一起", "一件", "一宗", "两起", "起", "件", "宗", "调解", "调处", "化解", "处理", "受理", "介入", "发生", "引发", "因", "关于", "涉及", "开展", "宣传", "讲解", "均为", "为", "和", "与", "及", "了", "的"}

// vagueDisputes say a dispute happened without saying about what (矛盾纠纷,
// 各类纠纷, 发现纠纷苗头), or name a place, not a subject.
var vagueDisputes = []string{"矛盾", "各类", "各种", "一般", "简单", "民间", "疑难", "复杂", "重大", "突出", "排查", "隐患", "发现", "一些", "这些", "其他", "相关", "常见", "法律", "信访", "村", "镇", "社区"}

// disputeSubjects returns what the disputes a report names are about, when
// the topic list does not know it: 债务 (调解一起债务纠纷), 山林权属. text has
// the known topics' words blanked with □; the words right after one belong
// to that topic (宅基地边界纠纷 is 宅基地).
func disputeSubjects(text string) []string {
	var out []string
	for _, m := range disputeRe.FindAllStringSubmatchIndex(text, -1) {
		if strings.HasSuffix(text[:m[2]], "□") {
			continue
		}
		what := text[m[2]:m[3]]
		start := 0
		for _, w := range disputeLead {
			if j := strings.LastIndex(what, w); j >= 0 && j+len(w) > start {
				start = j + len(w)
			}
		}
		what = what[start:]
		if n := len([]rune(what)); n < 2 || n > 6 || containsAnyWord(what, vagueDisputes) {
			continue
		}
		out = append(out, what)
	}
	return out
}

func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// anyTopicIn reports whether a known topic is part of s (宅基地 in 宅基地边界).
func anyTopicIn(ts []string, s string) bool {
	for _, t := range ts {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

func containsTopic(ts []string, t string) bool {
	for _, x := range ts {
		if x == t || strings.Contains(x, t) {
			return true
		}
	}
	return false
}

// lawNames finds names ending in 法 / 条例 / 规定 written in text, also
// inside 《》.
func lawNames(text string) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		end := 0
		switch {
		case rs[i] == '法' && (i+1 >= len(rs) || !strings.ContainsRune("律治院庭官规援制典务学人定宝子所规", rs[i+1])):
			end = i + 1
		case i+1 < len(rs) && string(rs[i:i+2]) == "条例":
			end = i + 2
		default:
			continue
		}
		s := i
		titled := false // inside 《》 the name is exact: no cutting
		for s > 0 && i-s < 14 && (unicode.Is(unicode.Han, rs[s-1]) || rs[s-1] == '《') {
			s--
			if rs[s] == '《' {
				s++
				titled = true
				break
			}
		}
		if s > 0 && rs[s-1] == '□' {
			continue // the tail of a known topic: 农民工工资支付条例
		}
		seg := string(rs[s:end])
		for !titled {
			cut, cutLen := -1, 0
			for _, w := range lawCut {
				j := strings.LastIndex(seg, w)
				if j > 0 && (w == "和" || w == "与" || w == "及") && !strings.ContainsRune("法例典定》", []rune(seg[:j])[len([]rune(seg[:j]))-1]) {
					// 医疗纠纷预防与处理条例 is one name; 国家安全法与反间谍法 are two.
					continue
				}
				if j >= 0 && (w == "村民" || w == "居民") && strings.HasPrefix(seg[j+len(w):], "委员会") {
					continue // 村民委员会组织法 is one name
				}
				if j >= 0 && j+len(w) < len(seg) && (j > cut || j == cut && len(w) > cutLen) {
					cut, cutLen = j, len(w)
				}
			}
			if cut < 0 {
				break
			}
			seg = seg[cut+cutLen:]
		}
		if len([]rune(seg)) < 3 || isNotLaw(seg) {
			continue
		}
		out = append(out, seg)
	}
	return out
}

func isNotLaw(s string) bool {
	for _, w := range notLaws {
		if s == w || w != "法" && strings.HasSuffix(s, w) {
			return true // 一场普法, 今天司法
		}
	}
	return false
}

// shortLawName trims a law's name to its theme: 物业管理条例 → 物业管理,
// 人民调解法 → 人民调解.
func shortLawName(law string) string {
	law = strings.TrimPrefix(law, "中华人民共和国")
	for _, suf := range []string{"实施条例", "条例", "保护法", "保障法", "促进法", "管理法", "法"} {
		if strings.HasSuffix(law, suf) && len([]rune(law)) > len([]rune(suf))+1 {
			return strings.TrimSuffix(law, suf)
		}
	}
	return law
}
