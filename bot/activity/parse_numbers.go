package activity

import (
	"strings"
	"unicode"
)

// countKind is what a number in a report counts.
type countKind int

const (
	countNone countKind = iota
	countParticipants
	countMaterials
	countHouseholds
	countConsultations
	countMediations
	countResolved
	countUnresolved
)

// countTok is one count found in a report.
type countTok struct {
	start, end int // rune offsets of the number and its unit
	val        int
	kind       countKind
	total      bool // 共 / 合计: the total of its kind
	part       bool // 其中 / 另: a part of a total already counted
}

// unit words after a number, longest first within each group.
var (
	personUnits   = []string{"人次", "人", "名", "位"}
	materialUnits = []string{"份", "本", "张", "册", "套", "袋", "个宣传袋"}
	houseUnits    = []string{"户"}
	caseUnits     = []string{"起", "件", "宗", "例"}
	timesUnits    = []string{"次", "个", "条"}
	// blockingUnits mark a number as a date, time, amount or id.
	blockingUnits = "年月日号点时分秒岁元万千亿场期届米亩斤吨周天个条级"
)

// peopleNouns after 个 make a person count: 60个老人.
var peopleNouns = []string{"人", "老人", "群众", "村民", "居民", "学生", "孩子", "小孩", "家长", "儿童", "妇女", "党员", "干部", "代表", "青少年", "老年人", "小朋友", "同学"}

// keyword groups that decide what a person count or a case count means.
var (
	consultWords     = []string{"咨询", "解答", "答疑", "问题", "疑问", "求助", "来访", "接访", "接待", "法律服务"}
	participantWords = []string{"参加", "参与", "到会", "到场", "听众", "观看", "受益", "覆盖", "参会", "出席", "听课", "学员", "群众", "居民", "村民", "学生", "师生", "干部", "代表", "人员", "明白人", "党员"}
	mediationWords   = []string{"纠纷", "矛盾", "调解", "调处", "化解", "争议", "事故"}
	resolvedWords    = []string{"成功", "调成", "达成", "化解", "解决", "和解", "履行", "签订", "握手言和", "调处成功"}
	unresolvedWords  = []string{"未调成", "未成功", "未达成", "调解不成", "没调成", "没有调成", "没成功", "失败", "未化解", "移交", "转交", "转镇", "转县", "转到", "转入", "引导", "正在调解", "继续调解", "尚未", "拒绝", "不同意", "放弃", "起诉", "诉讼"}
	totalWords       = []string{"共计", "合计", "总计", "累计", "共有", "共", "总共", "一共"}
	partWords        = []string{"其中", "另", "包括"}
	materialWords    = []string{"资料", "宣传品", "物品", "纪念品", "手册", "宣传单", "读本", "发放", "折页", "单页", "书籍", "环保袋", "宣传袋"}
	// labels before a bare number: "参加人数：65".
	labelKinds = []struct {
		label string
		kind  countKind
	}{
		{"咨询人次", countConsultations}, {"咨询人数", countConsultations}, {"咨询", countConsultations}, {"解答", countConsultations},
		{"参加人数", countParticipants}, {"参与人数", countParticipants}, {"到会人数", countParticipants}, {"人数", countParticipants},
		{"参加群众", countParticipants}, {"参与群众", countParticipants}, {"群众", countParticipants}, {"人员", countParticipants},
		{"发放资料", countMaterials}, {"宣传资料", countMaterials}, {"资料", countMaterials}, {"份数", countMaterials},
		{"户数", countHouseholds}, {"走访户数", countHouseholds}, {"入户", countHouseholds},
		{"纠纷", countMediations}, {"调解纠纷", countMediations}, {"调解成功", countResolved},
	}
)

// clauseBreak reports whether r ends a clause for the purpose of reading
// what a number counts.
func clauseBreak(r rune) bool {
	return strings.ContainsRune("，,。；;！!？?\n、（）()【】", r)
}

// scanCounts finds the counts in text and decides what each counts.
func scanCounts(text string) []countTok {
	rs := []rune(text)
	// A breakdown in brackets repeats counts already given:
	// 调解纠纷2起（邻里纠纷1起、婚姻纠纷1起）.
	inBrackets := make([]bool, len(rs))
	depth := 0
	for i, r := range rs {
		switch r {
		case '（', '(', '【', '[':
			depth++
		case '）', ')', '】', ']':
			depth = max(0, depth-1)
		}
		inBrackets[i] = depth > 0
	}
	var toks []countTok
	prevEnd := 0
	for i := 0; i < len(rs); {
		if !isNumeralRune(rs[i]) {
			i++
			continue
		}
		start := i
		j := i
		for j < len(rs) && (isNumeralRune(rs[j]) || (rs[j] == '.' || rs[j] == ',' || rs[j] == '．') && j+1 < len(rs) && j > start && isASCIIDigitRune(rs[j-1]) && isASCIIDigitRune(rs[j+1])) {
			j++
		}
		tok, ok := readCount(rs, start, j, prevEnd)
		if ok {
			if inBrackets[start] && start > 0 && hasCountBefore(toks, start) {
				tok.part = true
			}
			if n := len(toks); n > 0 && toks[n-1].part && isPersonCount(toks[n-1].kind) && isPersonCount(tok.kind) &&
				continuesBreakdown(string(rs[toks[n-1].end:start])) {
				// 其中婚姻家庭3人次，债权债务3人次: the breakdown goes on.
				tok.part = true
			}
			if tok.part && isPersonCount(tok.kind) {
				// A breakdown counts what its total counts: 咨询6人次，其中婚姻家庭3人次.
				for n := len(toks) - 1; n >= 0; n-- {
					if !toks[n].part && isPersonCount(toks[n].kind) {
						tok.kind = toks[n].kind
						break
					}
				}
			}
			toks = append(toks, tok)
			prevEnd = tok.end
			i = tok.end
			continue
		}
		// A date, time or amount still ends the context of the next count.
		if j > start && isDateOrTimeAfter(rs, j) {
			prevEnd = j
		}
		i = j
	}
	return toks
}

// continuesBreakdown reports whether the words between a part of a
// breakdown and the next person count carry the breakdown on (，儿童20人)
// rather than start a new count (，解答咨询8人次).
func continuesBreakdown(between string) bool {
	return !strings.ContainsAny(between, "。；;！!？?\n") && containsAny(between, consultWords...) == "" &&
		containsAny(between, "参加", "参与", "到会", "到场", "观看", "听课", "参会", "出席", "覆盖", "受益") == ""
}

// isPersonCount reports whether k counts people (the audience or those
// who asked).
func isPersonCount(k countKind) bool {
	return k == countParticipants || k == countConsultations
}

// hasCountBefore reports whether a count was found before rune offset at
// (a bracket at the very start of a report is a heading, not a breakdown).
func hasCountBefore(toks []countTok, at int) bool {
	return len(toks) > 0 && toks[0].start < at
}

func isASCIIDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// isDateOrTimeAfter reports whether the number ending at j is a date or a time.
func isDateOrTimeAfter(rs []rune, j int) bool {
	return j < len(rs) && strings.ContainsRune("年月日号点时分:：", rs[j])
}

// readCount reads the number rs[start:j] with what follows it.
func readCount(rs []rune, start, j, prevEnd int) (countTok, bool) {
	numText := string(rs[start:j])
	allChinese := true
	for _, r := range rs[start:j] {
		if isASCIIDigitRune(r) || r == '.' || r == ',' {
			allChinese = false
		}
	}
	// Ordinals and ids: 第一, 3号楼, long digit runs (phone numbers, ids).
	if start > 0 && (rs[start-1] == '第' || rs[start-1] == '.' || rs[start-1] == '-' || rs[start-1] == '/' || unicode.IsLetter(rs[start-1]) && rs[start-1] < 0x80) {
		return countTok{}, false
	}
	// A long run followed by a count unit is a count, if a mistyped one
	// (参加群众99999999999人): it is read so the clerk can name it
	// (CheckCounts) instead of dropping it silently.
	if !allChinese && len(strings.Trim(numText, ".,")) >= 7 &&
		hasPrefixAny(string(rs[j:min(len(rs), j+2)]), "人", "名", "份", "本", "册", "户", "起", "件") == "" {
		return countTok{}, false
	}
	// 数十人, 几百份: no number is stated (but 人数48 is a label).
	if start > 0 && (rs[start-1] == '数' && (start < 2 || !strings.ContainsRune("人户份次总件起场", rs[start-2])) || rs[start-1] == '几') {
		return countTok{}, false
	}
	k := j
	// Approximation words after the number: 50余, 八十多, 二百来.
	for k < len(rs) && strings.ContainsRune("余多来许几", rs[k]) {
		k++
	}
	approxAfter := k > j
	for k < len(rs) && rs[k] == ' ' {
		k++
	}
	rest := string(rs[k:min(len(rs), k+6)])
	val, ok := ParseNumber(numText)
	if !ok {
		return countTok{}, false
	}
	// A lone 百 / 千 / 万 is a count only with an approximation: 百余人, 近百人, 上千人.
	if allChinese && (numText == "百" || numText == "千" || numText == "万") {
		approxBefore := start > 0 && strings.ContainsRune("近上逾约", rs[start-1])
		if !approxAfter && !approxBefore {
			return countTok{}, false
		}
	}
	// 一户一档, 千家万户, 一对一: not counts.
	if allChinese {
		if u := []rune(rest); len(u) >= 2 && isNumeralRune(u[1]) {
			return countTok{}, false
		}
	}
	window := string(rs[windowStart(rs, start, prevEnd):start])
	unit, kind := "", countNone
	onlyAfter := false
	switch {
	case hasPrefixAny(rest, personUnits...) != "":
		unit = hasPrefixAny(rest, personUnits...)
		if unit == "名" && strings.HasPrefix(rest, "名单") {
			return countTok{}, false
		}
		kind = countParticipants
		after := clauseAfter(rs, k+len([]rune(unit)))
		if containsAny(lastWords(window, 4), "兄妹", "兄弟", "姐妹", "儿子", "女儿", "子女", "当事人", "双方", "夫妻") != "" &&
			containsAny(window+after, "参加", "参与", "到会", "听", "观看") == "" {
			return countTok{}, false // 兄妹三人达成协议: the parties, not an audience
		}
		if nearestIsConsult(window, after) {
			kind = countConsultations
		}
	case hasPrefixAny(rest, houseUnits...) != "":
		unit = hasPrefixAny(rest, houseUnits...)
		kind = countHouseholds
	case hasPrefixAny(rest, "家") != "" && containsAny(window, "走访", "入户", "上门", "农户", "家庭") != "" &&
		containsAny(window, "企业", "单位", "公司", "商户", "门店", "厂", "机关", "学校") == "" &&
		hasPrefixAny(strings.TrimPrefix(rest, "家"), "企业", "单位", "公司", "商户", "门店", "店", "厂", "工地", "医院", "学校", "机关") == "":
		unit, kind = "家", countHouseholds
	case hasPrefixAny(rest, "件") != "" && containsAny(window, materialWords...) != "" && containsAny(window, "纠纷", "矛盾", "调解") == "":
		unit, kind = "件", countMaterials
	case hasPrefixAny(rest, materialUnits...) != "":
		unit = hasPrefixAny(rest, materialUnits...)
		kind = countMaterials
		if unit == "张" && strings.HasPrefix(rest, "张贴") {
			return countTok{}, false
		}
		if containsAny(window, "文书", "协议", "合同", "诉状", "申请书", "起诉状", "意见") != "" {
			return countTok{}, false // 代写法律文书2份 is legal work, not publicity material
		}
	case hasPrefixAny(rest, caseUnits...) != "":
		unit = hasPrefixAny(rest, caseUnits...)
		after := clauseAfter(rs, k+len([]rune(unit)))
		if containsAny(window, "排查", "隐患") != "" && containsAny(window, "调解", "化解", "调处") == "" {
			// Disputes found on a round are counted only when the report
			// goes on to say they were mediated.
			further := string(rs[k:min(len(rs), k+24)])
			if i := strings.IndexAny(further, "。；;\n"); i >= 0 {
				further = further[:i]
			}
			if containsAny(further, "调解", "化解", "调处") == "" {
				return countTok{}, false
			}
		}
		if containsAny(window, "援助", "文书", "代理", "诉讼") != "" && containsAny(window, "调解", "纠纷") == "" {
			return countTok{}, false // 法律援助案件1件 is legal aid, not a mediation
		}
		inWindow := containsAny(window, mediationWords...) != "" || endsWithAny(strings.TrimSpace(window), "成功", "调成", "调解", "调解了", "调处", "化解")
		if !inWindow && containsAny(after, "纠纷", "矛盾", "案", "争议", "事故", "调解", "调成", "调处", "化解", "达成", "成功", "协议", "拒绝") == "" {
			return countTok{}, false
		}
		kind = mediationKind(window, after)
		// "…，1起当事人拒绝调解": a case described only by what follows is
		// one of the cases already counted.
		onlyAfter = !inWindow
	case strings.HasPrefix(rest, "个") && (hasPrefixAny(strings.TrimPrefix(rest, "个"), peopleNouns...) != "" ||
		(strings.TrimPrefix(rest, "个") == "" || clauseBreak([]rune(strings.TrimPrefix(rest, "个") + "，")[0])) &&
			(strings.Contains(window, "人") || containsAny(window, participantWords...) != "") && containsAny(window, consultWords...) == ""):
		// 60个老人, 看的人有一百多个
		unit, kind = "个", countParticipants
	case hasPrefixAny(rest, timesUnits...) != "":
		unit = hasPrefixAny(rest, timesUnits...)
		if w := []rune(strings.TrimSpace(window)); len(w) > 0 && strings.ContainsRune("台点桌站室处栏牌块", w[len(w)-1]) {
			return countTok{}, false // 咨询台1个 counts desks, not people
		}
		if containsAny(window, "发现", "排查", "梳理", "收集", "隐患") != "" && containsAny(window, "咨询", "解答", "答疑", "来访", "接访", "接待", "求助") == "" {
			return countTok{}, false // 发现问题3个: problems found, not questions answered
		}
		if containsAny(window, consultWords...) != "" || unit == "个" && containsAny(clauseAfter(rs, k+1), "来咨询", "咨询", "来访") != "" {
			// 解答问题18个, 接待了3个来咨询的群众
			kind = countConsultations
		} else {
			return countTok{}, false
		}
	default:
		// A bare number after a label: "参加人数：65".
		if allChinese || approxAfter {
			return countTok{}, false
		}
		if k < len(rs) && strings.ContainsRune(blockingUnits, rs[k]) || k < len(rs) && (rs[k] == '.' || rs[k] == ':' || rs[k] == '：' || rs[k] == '/' || rs[k] == '-' || rs[k] == '%' || rs[k] == '％') {
			return countTok{}, false
		}
		w := strings.TrimRight(window, " ：:　")
		for _, l := range labelKinds {
			if strings.HasSuffix(w, l.label) {
				kind = l.kind
				break
			}
		}
		if kind == countNone {
			return countTok{}, false
		}
	}
	end := k + len([]rune(unit))
	if strings.HasPrefix(string(rs[end:min(len(rs), end+2)]), "左右") || strings.HasPrefix(string(rs[end:min(len(rs), end+2)]), "上下") {
		end += 2
	}
	tok := countTok{start: start, end: end, val: val, kind: kind}
	if containsAny(strings.ReplaceAll(window, "共同", ""), totalWords...) != "" {
		tok.total = true // 共调处纠纷5起, 共计发放资料
	}
	if containsAny(window, partWords...) != "" || onlyAfter && kind == countMediations {
		tok.part = true
	}
	return tok, true
}

// mediationKind decides whether a case count is all cases, resolved ones or
// unresolved ones, by the nearest deciding word before it (or after it).
func mediationKind(window, after string) countKind {
	lastRes, lastUnres := lastIndexAny(window, resolvedWords...), lastIndexAny(window, unresolvedWords...)
	if lastUnres >= 0 && lastUnres+3 >= lastRes {
		// 未调成 contains 调成: the unresolved word covers it.
		return countUnresolved
	}
	if lastRes >= 0 && !negatedAt(window, lastRes) {
		return countResolved
	}
	if containsAny(after, unresolvedWords...) != "" {
		return countUnresolved
	}
	if a := containsAny(after, "调解成功", "成功调解", "达成协议", "已化解", "成功化解"); a != "" {
		return countResolved
	}
	// "1起 成功", "1件已调成": the case count is also the outcome,
	// unless another count follows (3起 成功2起).
	rest := strings.TrimSpace(after)
	for w := hasPrefixAny(rest, "已", "均", "都", "全部", "经"); w != ""; w = hasPrefixAny(rest, "已", "均", "都", "全部", "经") {
		rest = strings.TrimPrefix(rest, w)
	}
	if w := hasPrefixAny(rest, "成功", "调成", "调解成功", "化解", "达成"); w != "" {
		if r := []rune(strings.TrimPrefix(rest, w)); len(r) == 0 || !isNumeralRune(r[0]) {
			return countResolved
		}
	}
	return countMediations
}

// negatedAt reports whether the word at byte offset i is negated: 未, 没,
// 不, 未能, 没有, 无法 … just before it.
func negatedAt(s string, i int) bool {
	before := []rune(s[:i])
	if len(before) == 0 {
		return false
	}
	if strings.ContainsRune("未没不", before[len(before)-1]) {
		return true
	}
	if len(before) >= 2 {
		switch string(before[len(before)-2:]) {
		case "未能", "没能", "不能", "没有", "无法", "尚未", "未曾", "不愿", "拒绝", "拒不":
			return true
		}
	}
	return false
}

// nearestIsConsult reports whether the person count belongs to
// consultations: the consultation word is nearer than a participation word.
func nearestIsConsult(window, after string) bool {
	c := lastIndexAny(window, consultWords...)
	p := lastIndexAny(window, participantWords...)
	if c < 0 && p < 0 {
		// "12人次前来咨询"
		return containsAny(after, "咨询", "答疑") != "" && containsAny(after, "参加", "参与", "观看") == ""
	}
	if c >= 0 && p >= 0 {
		// "解答群众咨询": 群众 inside a consultation phrase.
		pw := participantWordAt(window, p)
		if pw == "群众" || pw == "居民" || pw == "村民" {
			return c > lastIndexAny(window, "参加", "参与", "到会", "到场", "观看", "听课") || c > p-len("解答")
		}
	}
	return c > p
}

func participantWordAt(s string, i int) string {
	for _, w := range participantWords {
		if strings.HasPrefix(s[i:], w) {
			return w
		}
	}
	return ""
}

// maxWindow is how many runes before a count are read to decide what it counts.
const maxWindow = 30

// windowStart is where the text that describes the number at start begins:
// after the previous count and after the last clause break.
func windowStart(rs []rune, start, prevEnd int) int {
	// A count is described by the words just before it; looking further
	// back only finds other clauses (and would make long texts slow).
	prevEnd = max(prevEnd, start-maxWindow)
	ws := prevEnd
	for i := start - 1; i >= prevEnd; i-- {
		if clauseBreak(rs[i]) {
			ws = i + 1
			break
		}
	}
	return ws
}

// clauseAfter is the text after a count up to the next clause break.
func clauseAfter(rs []rune, from int) string {
	to := from
	for to < len(rs) && !clauseBreak(rs[to]) && to-from < 16 {
		to++
	}
	if from > len(rs) {
		return ""
	}
	return string(rs[from:to])
}

func lastWords(s string, n int) string {
	rs := []rune(s)
	if len(rs) > n {
		rs = rs[len(rs)-n:]
	}
	return string(rs)
}

// hasPrefixAny returns the first of prefixes that s starts with, or "".
func hasPrefixAny(s string, prefixes ...string) string {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

// containsAny returns the first of words found in s, or "".
func containsAny(s string, words ...string) string {
	for _, w := range words {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

func endsWithAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// lastIndexAny is the largest byte offset at which any of words occurs, or -1.
func lastIndexAny(s string, words ...string) int {
	best := -1
	for _, w := range words {
		if i := strings.LastIndex(s, w); i > best {
			best = i
		}
	}
	return best
}
