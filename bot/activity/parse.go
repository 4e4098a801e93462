package activity

import (
	"strings"
	"time"
)

// Found says which fields a report stated itself rather than got by
// default, so a conversation can ask for the missing essentials.
type Found struct {
	// Date is true when the text names a date (今天 counts); otherwise Date
	// is the message's own day.
	Date bool
	// Type is true when a type keyword was found; otherwise Type is 其他.
	Type bool
	// Place is true when a place was found.
	Place bool
	// Topics is true when at least one law or theme was named.
	Topics bool
	// AnyCount is true when at least one count (people, materials,
	// households, consultations, mediations) was found.
	AnyCount bool
}

// Parse reads a cadre's report. now is when the message was sent and loc
// the zone in which its dates are read (Asia/Shanghai). A report that
// names no date is dated the message's own day. Note is always text.
func Parse(text string, now time.Time, loc *time.Location) Fields {
	f, _ := ParseDetailed(text, now, loc)
	return f
}

// ParseDetailed is Parse that also says which fields were stated.
func ParseDetailed(text string, now time.Time, loc *time.Location) (Fields, Found) {
	if loc == nil {
		loc = time.Local
	}
	var found Found
	f := Fields{Note: text, Topics: []string{}}
	clean := normalizeText(text)

	if d, ok := ParseDate(clean, now, loc); ok {
		f.Date = d.Format(time.DateOnly)
		found.Date = true
	} else {
		f.Date = now.In(loc).Format(time.DateOnly)
	}

	applyCounts(&f, clean)
	found.AnyCount = f.Participants > 0 || f.Materials > 0 || f.Households > 0 || f.Consultations > 0 || f.Mediations > 0

	f.Type, found.Type = classify(clean, f)
	if f.Type == TypeMediation {
		completeMediation(&f, clean)
		found.AnyCount = found.AnyCount || f.Mediations > 0
	}
	if f.Type == TypeConsultation && f.Consultations == 0 {
		// The people a consultation report counts are the ones consulted
		// ("接待群众咨询…，共6人"); none counted: one ("群众张某来咨询").
		f.Consultations, f.Participants = max(f.Participants, 1), 0
	}

	f.Place = findPlace(clean)
	found.Place = f.Place != ""
	f.Topics = findTopics(clean)
	found.Topics = len(f.Topics) > 0
	return f, found
}

// normalizeText folds full-width ASCII and odd spaces so the rules see one
// form of each character.
func normalizeText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '　' || r == '\t' || r == '\u00a0':
			return ' '
		case r == '：':
			return ':'
		case r == '／':
			return '/'
		case r == '－' || r == '—' || r == '~' || r == '～':
			return '-'
		}
		return r
	}, s)
}

// applyCounts fills the count fields from the numbers in text.
func applyCounts(f *Fields, text string) {
	toks := scanCounts(text)
	sum := func(kind countKind) int {
		total, n := 0, 0
		for _, t := range toks {
			if t.kind == kind && t.total {
				total = max(total, t.val)
			}
		}
		if total > 0 {
			return total
		}
		for _, t := range toks {
			if t.kind == kind && !t.part {
				n += t.val
			}
		}
		if n == 0 {
			// Only parts: "其中成功一起" still says something.
			for _, t := range toks {
				if t.kind == kind {
					n = max(n, t.val)
				}
			}
		}
		return n
	}
	f.Participants = sum(countParticipants)
	f.Materials = sum(countMaterials)
	f.Households = sum(countHouseholds)
	f.Consultations = sum(countConsultations)
	f.Mediations = sum(countMediations)
	resolved, unresolved := sum(countResolved), sum(countUnresolved)
	if f.Mediations == 0 && resolved+unresolved > 0 {
		f.Mediations = resolved + unresolved
	}
	switch {
	case resolved > 0:
		f.MediationsResolved = min(resolved, max(f.Mediations, resolved))
		f.Mediations = max(f.Mediations, resolved)
	case unresolved > 0:
		f.MediationsResolved = max(0, f.Mediations-unresolved)
	}
}

// allResolvedWords say every mediation succeeded.
var allResolvedWords = []string{"均已调解成功", "均调解成功", "全部调解成功", "均已成功", "全部成功", "均成功", "都调解成功", "都已调解成功", "全部化解", "均已化解", "均化解", "都已化解", "均达成", "全部达成", "均已达成", "都达成", "全部调处", "均已调处", "调处到位", "全部解决", "均已解决"}

// resolvedPhrases say a (single) mediation succeeded.
var resolvedPhrases = []string{"调解成功", "成功调解", "调处成功", "成功化解", "已化解", "化解了", "握手言和", "当场履行", "已履行", "履行完毕", "和解", "案结事了", "息诉罢访", "达成一致", "矛盾化解", "纠纷化解", "得到化解", "得以化解", "圆满解决", "妥善解决", "已解决", "得到解决", "和好", "重归于好", "达成和解", "握手言欢", "调解好", "调好了", "处理好", "谈妥", "平息", "息诉", "同意", "签字", "谅解", "认可", "满意", "协议离婚", "双方协议", "调解离婚", "接受调解", "服从调解", "表示接受", "不再追究", "已调成", "调成了", "结清", "付清", "还清", "兑付", "无异议", "没有异议", "当场支付", "已支付", "当场兑现", "已兑现", "当场赔付", "当场赔偿", "已赔偿", "赔偿到位", "支付到位", "已还清", "说好了", "说通了", "想通了", "没意见", "解决了", "处理好了"}

// failedPhrases say a mediation did not succeed.
var failedPhrases = []string{"未调成", "未成功", "未达成", "调解不成", "没调成", "没有调成", "没成功", "没有成功", "调解失败", "未能", "不成功", "没谈拢", "未化解", "没有达成", "未果", "诉讼", "起诉", "仲裁", "移交", "转交", "转镇", "转县", "转至", "转到", "拒绝", "不同意", "不接受"}

// completeMediation fills mediation counts that the text says in words.
func completeMediation(f *Fields, text string) {
	if f.Mediations == 0 {
		f.Mediations = 1
	}
	hasNumbers := false
	for _, t := range scanCounts(text) {
		if t.kind == countResolved || t.kind == countUnresolved {
			hasNumbers = true
		}
	}
	if hasNumbers {
		return
	}
	lastFail := lastAffirmed(text, failedPhrases)
	lastOK := lastAffirmed(text, resolvedPhrases)
	if i := agreementSigned(text); i > lastOK {
		lastOK = i
	}
	switch {
	case containsAny(text, allResolvedWords...) != "":
		f.MediationsResolved = f.Mediations
	case lastFail >= 0 && lastOK >= 0:
		// One succeeded, one did not: "宅基地纠纷已达成协议，债务纠纷建议走诉讼".
		if f.Mediations > 1 {
			f.MediationsResolved = f.Mediations - 1
		} else if lastOK > lastFail {
			f.MediationsResolved = f.Mediations
		}
	case lastOK >= 0:
		f.MediationsResolved = f.Mediations
	}
}

// lastAffirmed is the byte offset of the last phrase found in text that is
// not negated (不同意, 未达成, 避免诉讼), or -1.
func lastAffirmed(text string, phrases []string) int {
	last := -1
	for _, p := range phrases {
		for i := 0; i < len(text); {
			j := strings.Index(text[i:], p)
			if j < 0 {
				break
			}
			at := i + j
			if !negatedAt(text, at) && !strings.HasSuffix(text[:at], "避免") && !strings.HasSuffix(text[:at], "免于") && !strings.HasSuffix(text[:at], "防止") && at > last {
				last = at
			}
			i = at + len(p)
		}
	}
	return last
}

// agreementSigned is the offset of the last 达成(调解)协议 / 签订(赡养)协议
// that is not negated, or -1.
func agreementSigned(text string) int {
	last := -1
	for _, verb := range []string{"达成", "签订", "签了", "签署", "订立"} {
		i := strings.Index(text, verb)
		for i >= 0 {
			if !negatedAt(text, i) {
				rest := []rune(text[i+len(verb):])
				if len(rest) > 10 {
					rest = rest[:10]
				}
				if (strings.Contains(string(rest), "协议") || strings.Contains(string(rest), "一致")) && i > last {
					last = i
				}
			}
			j := strings.Index(text[i+len(verb):], verb)
			if j < 0 {
				break
			}
			i += len(verb) + j
		}
	}
	return last
}
