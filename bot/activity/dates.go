package activity

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateNum is a day or month written in Arabic or Chinese digits.
const dateNum = `([0-9０-９]{1,2}|[一二三四五六七八九十廿卅〇零两]{1,3})`

var (
	// 2024年3月8日, 2024.3.8, 2024-03-08, 2024/3/8
	reFullDate = regexp.MustCompile(`(\d{4})\s*(?:年\s*` + dateNum + `\s*月\s*` + dateNum + `\s*[日号]?|[.\-/．]\s*(\d{1,2})\s*[.\-/．]\s*(\d{1,2})(?:[日号])?)`)
	// 3月15日, 3月15号, 三月十五日, 3月15 (not followed by a digit)
	reMonthDay = regexp.MustCompile(dateNum + `\s*月\s*` + dateNum + `(?:\s*[日号])?`)
	// 3.15, 3/15, 3·15 — only when not part of a decimal or a bigger number.
	reDotted = regexp.MustCompile(`(\d{1,2})[.．/·・](\d{1,2})`)
	// 上个月15号, 本月3日, 这个月3号
	reMonthRel = regexp.MustCompile(`(上个?月|本月|这个?月|当月)\s*` + dateNum + `\s*[日号]`)
	// 15号 alone: this month (or last month when in the future).
	reDayOnly = regexp.MustCompile(`(?:^|[^0-9０-９月.．/])` + `([0-9０-９]{1,2})\s*[日号]`)
	// 周四, 星期四, 礼拜四, with 本/这/上/上个 before them.
	// 周末 reads as that week's Saturday.
	reWeekday = regexp.MustCompile(`(上上个?|上个?|本|这个?)?\s*(?:(?:周|星期|礼拜)([一二三四五六日天七1-7])|周末)`)
	// 今天, 昨天 … and their short forms.
	reRelDay = regexp.MustCompile(`大前天|前天|昨天|昨日|昨晚|昨早|今天|今日|今早|今晚|今晨|前日|大前日`)
)

// festivalDays are the publicity days a report may be dated by
// ("国家宪法日当天"), month and day.
var festivalDays = map[string][2]int{
	"元旦": {1, 1}, "学雷锋日": {3, 5}, "妇女节": {3, 8}, "三八妇女节": {3, 8}, "三八节": {3, 8}, "植树节": {3, 12},
	"消费者权益日": {3, 15}, "国际消费者权益日": {3, 15}, "全民国家安全教育日": {4, 15}, "国家安全教育日": {4, 15},
	"教师节": {9, 10}, "劳动节": {5, 1}, "五一劳动节": {5, 1}, "儿童节": {6, 1}, "六一儿童节": {6, 1}, "国际禁毒日": {6, 26}, "禁毒日": {6, 26},
	"建军节": {8, 1}, "国庆节": {10, 1}, "消防日": {11, 9}, "全国消防日": {11, 9}, "消防宣传日": {11, 9},
	"宪法日": {12, 4}, "国家宪法日": {12, 4}, "宪法宣传日": {12, 4},
}

// reFestival finds a publicity day named as the day itself: followed by
// 当天 / 当日, or opening the report ("国家宪法日，在…"). 国庆节前 is no date.
var reFestival = regexp.MustCompile(`(?:^\s*|[，,。；;\s])?((?:全民|国际|全国|五一|六一|三八)?[\p{Han}]{0,4}?(?:日|节))(?:当天|当日|这天|那天|，|,|\s)`)

// dateMatch is one date found in a text.
type dateMatch struct {
	pos  int // byte offset where it starts
	t    time.Time
	weak bool // 3.15 style: used only when nothing stronger is found
}

// ParseDate finds the date a report talks about, read in loc relative to
// now: 今天, 昨天, 前天, 大前天, 周四 / 星期四 / 礼拜四 (the most recent such day
// not after today), 本周三, 上周五, 上个月15号, 3.15, 3/15, 3月15日, 3月15号,
// 2024年3月8日, 2024.3.8, 2024-03-08, 12月2日至4日 (the start). A date
// without a year that would lie after the message is read as last year's.
// It reports false when the text names no date; the caller decides the
// default (Parse uses the message's own day).
func ParseDate(text string, now time.Time, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.Local
	}
	now = now.In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	ms := findDates(text, today)
	best := -1
	for i, m := range ms {
		if best < 0 || better(m, ms[best]) {
			best = i
		}
	}
	if best < 0 {
		return time.Time{}, false
	}
	return ms[best].t, true
}

// better reports whether a should win over b: strong forms before weak
// ones (3.15), then the first written.
func better(a, b dateMatch) bool {
	if a.weak != b.weak {
		return !a.weak
	}
	return a.pos < b.pos
}

// findDates returns every date written in text.
func findDates(text string, today time.Time) []dateMatch {
	var ms []dateMatch
	loc := today.Location()
	taken := make([]bool, len(text)+1)
	take := func(a, b int) {
		for i := a; i < b && i < len(taken); i++ {
			taken[i] = true
		}
	}
	isTaken := func(a, b int) bool {
		for i := a; i < b && i < len(taken); i++ {
			if taken[i] {
				return true
			}
		}
		return false
	}
	for _, m := range reFullDate.FindAllStringSubmatchIndex(text, -1) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		var mo, d int
		var ok1, ok2 bool
		if m[4] >= 0 {
			mo, ok1 = dateNumber(text[m[4]:m[5]])
			d, ok2 = dateNumber(text[m[6]:m[7]])
		} else {
			mo, ok1 = dateNumber(text[m[8]:m[9]])
			d, ok2 = dateNumber(text[m[10]:m[11]])
		}
		if !ok1 || !ok2 || y < 2000 || y > 2100 {
			continue
		}
		if t, ok := makeDate(y, mo, d, loc); ok {
			ms = append(ms, dateMatch{pos: m[0], t: t})
			take(m[0], m[1])
		}
	}
	for _, m := range reMonthRel.FindAllStringSubmatchIndex(text, -1) {
		if isTaken(m[0], m[1]) {
			continue
		}
		d, ok := dateNumber(text[m[4]:m[5]])
		if !ok {
			continue
		}
		y, mo := today.Year(), int(today.Month())
		if strings.HasPrefix(text[m[2]:m[3]], "上") {
			mo--
			if mo == 0 {
				mo, y = 12, y-1
			}
		}
		if t, ok := makeDate(y, mo, d, loc); ok {
			ms = append(ms, dateMatch{pos: m[0], t: t})
			take(m[0], m[1])
		}
	}
	for _, m := range reMonthDay.FindAllStringSubmatchIndex(text, -1) {
		if isTaken(m[0], m[1]) {
			continue
		}
		// 3月15 followed by more digits is not a date (3月150人?).
		if m[1] < len(text) && isASCIIDigitByte(text[m[1]]) {
			continue
		}
		// "3月份" or a month alone has no day: the regexp needs a day anyway.
		mo, ok1 := dateNumber(text[m[2]:m[3]])
		d, ok2 := dateNumber(text[m[4]:m[5]])
		if !ok1 || !ok2 {
			continue
		}
		// Without 日/号 the day must not be a count: 3月15人 is odd, but
		// 3月 followed by 十多人 is not a day.
		if !strings.ContainsAny(text[m[4]:m[1]], "日号") && m[1] < len(text) {
			rest := text[m[1]:]
			if startsWithAny(rest, "人", "名", "份", "户", "多", "余", "来", "起", "件", "次", "本", "张", "册") {
				continue
			}
		}
		if t, ok := pastDate(today, mo, d); ok {
			ms = append(ms, dateMatch{pos: m[0], t: t})
			take(m[0], m[1])
		}
	}
	for _, m := range reRelDay.FindAllStringIndex(text, -1) {
		if isTaken(m[0], m[1]) {
			continue
		}
		w := text[m[0]:m[1]]
		back := 0
		switch {
		case strings.HasPrefix(w, "大前"):
			back = 3
		case strings.HasPrefix(w, "前"):
			back = 2
		case strings.HasPrefix(w, "昨"):
			back = 1
		}
		ms = append(ms, dateMatch{pos: m[0], t: today.AddDate(0, 0, -back)})
		take(m[0], m[1])
	}
	for _, m := range reWeekday.FindAllStringSubmatchIndex(text, -1) {
		if isTaken(m[0], m[1]) {
			continue
		}
		prefix := ""
		if m[2] >= 0 {
			prefix = text[m[2]:m[3]]
		}
		wd := 6 // 周末
		if m[4] >= 0 {
			wd = weekdayNumber(text[m[4]:m[5]]) // 1 = Monday … 7 = Sunday
		}
		todayWd := int(today.Weekday())
		if todayWd == 0 {
			todayWd = 7
		}
		monday := today.AddDate(0, 0, -(todayWd - 1))
		var t time.Time
		switch {
		case strings.HasPrefix(prefix, "上上"):
			t = monday.AddDate(0, 0, -14+wd-1)
		case strings.HasPrefix(prefix, "上"):
			t = monday.AddDate(0, 0, -7+wd-1)
		case prefix != "":
			t = monday.AddDate(0, 0, wd-1)
			if t.After(today) {
				t = t.AddDate(0, 0, -7)
			}
		default:
			back := (todayWd - wd + 7) % 7
			t = today.AddDate(0, 0, -back)
		}
		ms = append(ms, dateMatch{pos: m[0], t: t})
		take(m[0], m[1])
	}
	for _, m := range reDayOnly.FindAllStringSubmatchIndex(text, -1) {
		if isTaken(m[2], m[3]) {
			continue
		}
		end := m[1]
		if end < len(text) && startsWithAny(text[end:], "楼", "房", "院", "线", "文", "令", "室", "栋", "单元", "门", "地块") {
			continue
		}
		d, ok := dateNumber(text[m[2]:m[3]])
		if !ok || d < 1 || d > 31 {
			continue
		}
		y, mo := today.Year(), int(today.Month())
		if d > today.Day() {
			mo--
			if mo == 0 {
				mo, y = 12, y-1
			}
		}
		if t, ok := makeDate(y, mo, d, loc); ok {
			ms = append(ms, dateMatch{pos: m[2], t: t})
			take(m[2], m[1])
		}
	}
	for _, m := range reFestival.FindAllStringSubmatchIndex(text, -1) {
		if isTaken(m[0], m[1]) {
			continue
		}
		md, ok := festivalDays[text[m[2]:m[3]]]
		if !ok {
			continue
		}
		if t, ok := pastDate(today, md[0], md[1]); ok {
			ms = append(ms, dateMatch{pos: m[0], t: t, weak: true})
			take(m[0], m[1])
		}
	}
	for _, m := range reDotted.FindAllStringSubmatchIndex(text, -1) {
		if isTaken(m[0], m[1]) {
			continue
		}
		// Not part of a decimal or a longer number: 1.2万, 2.6万元, 10.5.
		if m[0] > 0 && (isASCIIDigitByte(text[m[0]-1]) || text[m[0]-1] == '.') {
			continue
		}
		if m[1] < len(text) && (isASCIIDigitByte(text[m[1]]) || text[m[1]] == '.') {
			continue
		}
		if m[1] < len(text) && startsWithAny(text[m[1]:], "万", "千", "亿", "元", "%", "倍", "米", "公里", "亩", "吨", "斤", "平", "岁", "小时") {
			continue
		}
		mo, _ := strconv.Atoi(text[m[2]:m[3]])
		d, _ := strconv.Atoi(text[m[4]:m[5]])
		if t, ok := pastDate(today, mo, d); ok {
			ms = append(ms, dateMatch{pos: m[0], t: t, weak: true})
			take(m[0], m[1])
		}
	}
	return ms
}

// pastDate is month/day in today's year, or last year's when that would be
// after today.
func pastDate(today time.Time, mo, d int) (time.Time, bool) {
	t, ok := makeDate(today.Year(), mo, d, today.Location())
	if !ok {
		return t, false
	}
	if t.After(today) {
		t, ok = makeDate(today.Year()-1, mo, d, today.Location())
	}
	return t, ok
}

// makeDate builds a date, refusing impossible ones (2月30日).
func makeDate(y, mo, d int, loc *time.Location) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// dateNumber reads a month or day number in Arabic or Chinese digits.
func dateNumber(s string) (int, bool) {
	s = toHalfWidth(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if s == "〇" || s == "零" {
		return 0, false
	}
	return ParseNumber(s)
}

func weekdayNumber(s string) int {
	switch s {
	case "一", "1":
		return 1
	case "二", "2":
		return 2
	case "三", "3":
		return 3
	case "四", "4":
		return 4
	case "五", "5":
		return 5
	case "六", "6":
		return 6
	}
	return 7
}

func isASCIIDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// BadDate is a date written out that does not exist (11月31日).
type BadDate struct {
	// Written is the date as the text has it.
	Written string
	// Month is its month and Days the number of days that month has (in
	// the year it is read in).
	Month, Days int
}

// InvalidDate finds a date written with 月 (and a day) that does not exist:
// 11月31日, 2月30日, 2025年2月29日, 3月32日. A month-day without a year is
// read in now's year. ok is false when every such date is real, so the
// clerk can say the date is wrong instead of asking for one.
func InvalidDate(text string, now time.Time, loc *time.Location) (BadDate, bool) {
	if loc == nil {
		loc = time.Local
	}
	text = toHalfWidth(text)
	year := now.In(loc).Year()
	check := func(written string, y int, moText, dText string, suffixed bool) (BadDate, bool) {
		mo, ok1 := dateNumber(moText)
		d, ok2 := dateNumber(dText)
		if !ok1 || !ok2 || mo < 1 || mo > 12 || d < 1 || d > 31 && !suffixed {
			return BadDate{}, false
		}
		if _, ok := makeDate(y, mo, d, loc); ok {
			return BadDate{}, false
		}
		days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, loc).Day()
		return BadDate{Written: strings.TrimSpace(written), Month: mo, Days: days}, true
	}
	var full [][]int
	for _, m := range reFullDate.FindAllStringSubmatchIndex(text, -1) {
		full = append(full, m)
		if m[4] < 0 {
			continue // 2024.3.8 style: not a clear enough date to correct
		}
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		if y < 2000 || y > 2100 {
			continue
		}
		w := text[m[0]:m[1]]
		if b, ok := check(w, y, text[m[4]:m[5]], text[m[6]:m[7]], strings.HasSuffix(w, "日") || strings.HasSuffix(w, "号")); ok {
			return b, true
		}
	}
	inFull := func(a int) bool {
		for _, f := range full {
			if a >= f[0] && a < f[1] {
				return true
			}
		}
		return false
	}
	for _, m := range reMonthDay.FindAllStringSubmatchIndex(text, -1) {
		if inFull(m[0]) {
			continue // the month-day of a date with its year, checked above
		}
		w := text[m[0]:m[1]]
		if b, ok := check(w, year, text[m[2]:m[3]], text[m[4]:m[5]], strings.HasSuffix(w, "日") || strings.HasSuffix(w, "号")); ok {
			return b, true
		}
	}
	return BadDate{}, false
}
