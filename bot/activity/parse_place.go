package activity

import (
	"slices"
	"strings"
	"unicode"
)

// placeSuffix is a word that ends a place name, with how specific it is
// (villages and communities are what the ledger counts by).
type placeSuffix struct {
	word  string
	rank  int  // 3 village / community, 2 a venue, 1 a town
	bare  bool // may stand without a name before it (集市, 文化站)
	maxLn int  // longest name before the suffix, in runes
}

// placeSuffixes are tried longest first at each position.
var placeSuffixes = []placeSuffix{
	{"村委会", 3, true, 6}, {"村民委员会", 3, false, 6}, {"村部", 3, true, 0}, {"社区", 3, false, 6}, {"村", 3, false, 5}, {"居委会", 3, false, 6},
	{"组", 3, false, 4}, // a 村民小组 (李家湾组), only right after 在 / 到 …
	{"中心小学", 2, false, 8}, {"小学", 2, false, 8}, {"中学", 2, false, 8}, {"学校", 2, false, 8}, {"幼儿园", 2, false, 8}, {"中心校", 2, true, 8}, {"职校", 2, false, 8}, {"完小", 2, false, 8}, {"大学", 2, false, 8},
	{"工业园区", 2, false, 8}, {"园区", 2, false, 8}, {"工业园", 2, false, 8},
	{"文化广场", 2, true, 6}, {"广场", 2, true, 6}, {"文化站", 2, true, 6}, {"文化室", 2, true, 6}, {"文化礼堂", 2, true, 6}, {"文化中心", 2, true, 6},
	{"儿童福利院", 2, true, 6}, {"福利院", 2, true, 6}, {"光荣院", 2, true, 6}, {"老年活动中心", 2, true, 6}, {"活动中心", 2, true, 6}, {"图书馆", 2, true, 6}, {"礼堂", 2, true, 6}, {"敬老院", 2, true, 6}, {"养老院", 2, true, 6}, {"幸福院", 2, true, 6}, {"集市", 2, true, 6}, {"农贸市场", 2, true, 6}, {"市场", 2, false, 6},
	{"便民服务中心", 2, true, 6}, {"党群服务中心", 2, true, 6}, {"新时代文明实践站", 2, true, 6}, {"新时代文明实践所", 2, true, 6}, {"新时代文明实践中心", 2, true, 6},
	{"司法所", 2, true, 4}, {"派出所", 2, true, 4}, {"法庭", 2, false, 4}, {"集镇", 2, true, 4}, {"小区", 2, false, 6}, {"步行街", 2, true, 6}, {"卫生院", 2, true, 6}, {"医院", 2, false, 6}, {"车站", 2, false, 6}, {"汽车站", 2, true, 6}, {"超市", 2, false, 6}, {"公园", 2, false, 6}, {"工地", 2, false, 6},
	{"企业", 2, false, 6}, {"公司", 2, false, 8}, {"厂", 2, false, 6},
	{"镇", 1, false, 4}, {"乡", 1, false, 4}, {"街道", 1, false, 4},
}

// notPlaceNames are suffix words with a "name" that is not a name: 农村,
// 全镇, 本村, 各村 …
var notPlaceNames = map[string]bool{
	"农村": true, "乡村": true, "全村": true, "本村": true, "该村": true, "各村": true, "进村": true, "驻村": true, "入村": true,
	"邻村": true, "外村": true, "同村": true, "每村": true, "新农村": true, "村村": true, "两村": true, "到村": true, "在村": true, "回村": true, "下村": true,
	"全镇": true, "本镇": true, "该镇": true, "各镇": true, "乡镇": true, "城镇": true, "全乡": true, "本乡": true, "各乡": true, "城乡": true,
	"下乡": true, "家乡": true, "老乡": true, "返乡": true, "回乡": true, "本社区": true, "全社区": true, "各社区": true, "该社区": true, "进社区": true,
	"学校": true, "各学校": true, "中小学": true, "进学校": true, "大中小学": true, "园区": true, "企业": true, "进企业": true, "各企业": true, "广场": true,
	"工厂": true, "市场": true, "公司": true, "医院": true, "小学": true, "中学": true, "大学": true, "社区": true, "村": true, "镇": true, "乡": true,
	"城乡社区": true, "农村社区": true, "县城": true, "城市": true, "超市": true, "车站": true, "公园": true, "工地": true,
}

// vagueNames say "of the village / town" without naming it.
var vagueNames = map[string]bool{"村里": true, "村上": true, "镇上": true, "镇里": true, "县里": true, "乡里": true, "本地": true, "当地": true, "辖区": true, "辖区内": true}

// measureWords before a place suffix make a count of places, not a name.
var measureWords = map[string]bool{"个": true, "家": true, "所": true, "座": true, "名": true, "处": true, "类": true, "些": true, "级": true}

// functionWordNames are one-character "names" that are function words.
var functionWordNames = map[string]bool{"和": true, "与": true, "及": true, "对": true, "为": true, "给": true, "从": true, "由": true, "是": true, "等": true, "向": true, "多": true, "本": true, "各": true, "该": true, "每": true, "全": true, "同": true, "驻": true, "于": true, "到": true, "在": true}

// notPlaceTails are the last name rune and suffix that make no place:
// 法律进乡村, 宣传农村土地承包法.
var notPlaceTails = map[string]bool{
	"农村": true, "乡村": true, "全村": true, "本村": true, "该村": true, "各村": true, "每村": true, "乡镇": true, "城镇": true,
	"城乡": true, "全镇": true, "本镇": true, "各镇": true, "该镇": true, "全乡": true, "各乡": true,
}

// placeCutWords end the text before a place name: everything up to and
// including the last of them is not part of the name.
var placeCutWords = []string{
	"县城", "趟", "来", "某", "群众", "村民", "居民", "上午", "下午", "中午", "晚上", "早上", "今天", "昨天", "前天", "今日", "昨日", "当天", "近日", "日前", "本周", "上周",
	"讲解", "宣传", "学习", "搞了", "搞", "转", "起", "把", "将", "被", "请", "让", "带", "做", "办",
	"在", "到", "赴", "去", "至", "往", "前往", "来到", "深入", "走进", "进入", "联合", "组织", "开展", "召开", "举办", "举行", "于",
	"天", "午", "晚", "早", "上", "协助", "配合", "对", "为", "给", "向", "和", "与", "及", "同", "法", "的", "了", "是", "由", "从", "县", "市", "区",
	"镇", "乡", "街道", "我", "我们", "带领", "会同", "协同", "邀请", "配合", "进", "驻", "下", "全", "各", "本", "该", "每", "个", "多", "等",
}

// keepInName are cut words that are also common in names; they are cut
// only when at least two runes of name remain after them.
var keepInName = map[string]bool{"来": true, "和": true, "上": true, "下": true, "进": true, "同": true, "全": true, "早": true, "于": true, "天": true, "与": true, "及": true, "个": true, "多": true, "本": true, "对": true, "晚": true, "午": true, "向": true, "为": true, "给": true, "从": true, "由": true, "是": true, "等": true, "驻": true, "各": true, "该": true, "每": true}

// findPlace returns where the activity took place, as written, in its
// shortest meaningful form: a village or community when one is named
// (李家庄村文化广场 → 李家庄村), else a venue (集市, 文化站, 青山小学), else a
// town. Empty when none is found.
func findPlace(text string) string {
	rs := []rune(text)
	type cand struct {
		name string
		rank int
		pos  int
	}
	var cands []cand
	suffixRunes := make([][]rune, len(placeSuffixes))
	for k, sf := range placeSuffixes {
		suffixRunes[k] = []rune(sf.word)
	}
	for i := 0; i < len(rs); i++ {
		for k, sf := range placeSuffixes {
			w := suffixRunes[k]
			if i+len(w) > len(rs) || rs[i] != w[0] || !slices.Equal(rs[i:i+len(w)], w) {
				continue
			}
			end := i + len(w)
			name := placeName(rs, i, sf.maxLn, sf.bare)
			if name == "" && sf.rank == 2 && (!sf.bare || strings.HasSuffix(sf.word, "校")) && i > 0 && strings.ContainsRune("镇乡县", rs[i-1]) {
				// 镇中学, 乡中心小学: the town's own school or venue.
				name = string(rs[i-1])
			}
			full := name + sf.word
			switch {
			case sf.word == "村" && end < len(rs) && (strings.ContainsRune("民委规级务干里庄落部支主医集内", rs[end]) || end+1 < len(rs) && rs[end] == '组' && strings.ContainsRune("干长", rs[end+1])) && !(end+1 < len(rs) && string(rs[end:end+2]) == "委会"):
				// 村民, 村委, 村规民约, 村级 …: 村 is not a suffix here.
				// (村委会 is matched as its own suffix.)
				continue
			case sf.word == "乡" && end < len(rs) && strings.ContainsRune("村镇亲贤土愁音情下里民", rs[end]):
				continue
			case sf.word == "镇" && end < len(rs) && strings.ContainsRune("村政党干府里司纪综", rs[end]) && name == "":
				continue
			case strings.HasSuffix(sf.word, "学") && (end < len(rs) && rs[end] == '习' || sf.word == "中学" && i > 0 && rs[i-1] == '集'):
				// 集中学习, 集中学法: not a 中学.
				continue
			case sf.word == "厂" && name == "":
				continue
			case sf.word == "组" && !groupName(rs, i, name):
				continue
			}
			if name == "" && !sf.bare || name != "" && notPlaceNames[full] {
				continue // 村两委, 农村, 全镇: no name before the suffix
			}
			if functionWordNames[name] && !sf.bare {
				continue // 和村支书: 和 is "with", not a name
			}
			if vagueNames[name] {
				continue // 村里小学, 镇上中学: no name given
			}
			if measureWords[name] {
				if !sf.bare {
					continue // 12个村, 5家企业
				}
				name, full = "", sf.word
			}
			if nr := []rune(name); len(nr) >= 3 && nr[len(nr)-1] == '进' {
				continue // 文艺进村, 政策进村: a campaign name, not a village
			}
			if strings.ContainsAny(name, "的了着过律法治宣讲活动普户典") {
				continue
			}
			if nr := []rune(name); len(nr) > 0 && notPlaceTails[string(nr[len(nr)-1])+sf.word] {
				continue
			}
			// 新村社区: a community whose name ends in 村.
			if sf.word == "村" && end+1 < len(rs) && string(rs[end:end+2]) == "社区" {
				continue
			}
			// 村委会 of a village: the village.
			if (sf.word == "村委会" || sf.word == "村民委员会") && name != "" {
				full = name + "村"
			}
			pos := i - len([]rune(name))
			if sf.rank == 2 && partnerBefore(rs[:pos]) {
				continue // 联合派出所在集镇…: a partner, not the place
			}
			cands = append(cands, cand{name: full, rank: sf.rank, pos: pos})
			break
		}
	}
	best := -1
	for k, c := range cands {
		if best < 0 || c.rank > cands[best].rank || c.rank == cands[best].rank && c.pos < cands[best].pos {
			best = k
		}
	}
	if best < 0 {
		if strings.Contains(text, "赶集") || strings.Contains(text, "集日") {
			return "集市"
		}
		return ""
	}
	return cands[best].name
}

// partnerBefore reports that the text before a venue makes it a partner
// of the work (联合派出所, 会同司法所, 和卫生院), not where it happened.
func partnerBefore(before []rune) bool {
	s := strings.TrimRight(string(before), " ")
	for _, w := range []string{"联合", "会同", "协同", "邀请", "配合", "协助", "和", "与", "同", "携手"} {
		if strings.HasSuffix(s, w) || strings.HasSuffix(s, w+"镇") || strings.HasSuffix(s, w+"县") {
			return true
		}
	}
	return false
}

// placePrepositions say "at / to" right before a place name.
var placePrepositions = map[string]bool{"在": true, "到": true, "赴": true, "去": true, "至": true, "往": true, "前往": true, "来到": true, "深入": true, "走进": true, "进入": true}

// cutAfterLast drops seg up to and including the last occurrence of a cut
// word that use accepts (the longest one at that place), and reports the word.
func cutAfterLast(seg string, use func(string) bool) (string, string) {
	cut, cutWord := -1, ""
	for _, w := range placeCutWords {
		if !use(w) {
			continue
		}
		if j := strings.LastIndex(seg, w); j > cut || j == cut && j >= 0 && len(w) > len(cutWord) {
			cut, cutWord = j, w
		}
	}
	if cut < 0 {
		return seg, ""
	}
	rest := seg[cut+len(cutWord):]
	// A longer word may end inside the one found (前往 vs 往): cut again.
	if next, w := cutAfterLast(rest, use); w != "" {
		return next, w
	}
	return rest, cutWord
}

// placeName reads the name before a place suffix at rs[i]: the Han
// characters just before it, cut after the last word that cannot be part of
// a name (在, 到, 开展, a date …).
func placeName(rs []rune, i, maxLn int, bare bool) string {
	s := i
	for s > 0 && i-s < maxLn+4 && unicode.Is(unicode.Han, rs[s-1]) {
		s--
	}
	// 5日李家村: the day's 日 / 号 after digits is not part of the name.
	if s > 0 && s < i && isASCIIDigitRune(rs[s-1]) && strings.ContainsRune("日号月", rs[s]) {
		s++
	}
	seg := string(rs[s:i])
	// First cut after the last word that is never part of a name (在, 开展,
	// 今天 …); then, unless that word was a preposition of place (在向家坝村
	// keeps 向), after a word that is also common in names (昨日于桃园村).
	seg, cutWord := cutAfterLast(seg, func(w string) bool { return !keepInName[w] || bare })
	if !bare && !placePrepositions[cutWord] {
		trimmed := cutWord != ""
		for {
			seg2, w := cutAfterLast(seg, func(w string) bool { return keepInName[w] })
			if w == "" || len([]rune(seg2)) < 2 || !trimmed && len(seg2)+len(w) == len(seg) {
				break
			}
			seg, trimmed = seg2, true
		}
	}
	rsName := []rune(seg)
	if len(rsName) > maxLn {
		rsName = rsName[len(rsName)-maxLn:]
	}
	return string(rsName)
}

// groupName reports whether name before 组 at rs[i] names a 村民小组: two
// or more Han characters, no number (第三组, 五组 say which group, not
// where), right after a word of place (在李家湾组), and 组 not the start of
// another word (组织, 组长).
func groupName(rs []rune, i int, name string) bool {
	nr := []rune(name)
	if len(nr) < 2 || strings.ContainsAny(name, "第一二三四五六七八九十百零两小") {
		return false
	}
	for _, w := range []string{"调解", "工作", "宣讲", "宣传", "专班", "领导", "志愿", "服务", "专家", "督导", "检查", "评审", "考核", "帮扶", "巡逻", "网格", "普法", "党"} {
		if strings.Contains(name, w) {
			return false // 在调解组, 到工作组: a team, not a place
		}
	}
	if end := i + 1; end < len(rs) && strings.ContainsRune("织成建长员队委干合", rs[end]) {
		return false
	}
	before := strings.TrimRight(string(rs[:i-len(nr)]), " ")
	for p := range placePrepositions {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return false
}
