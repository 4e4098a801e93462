package activity

import (
	"regexp"
	"strings"
)

// Keywords that decide the activity type. The rules in classify use them in
// priority order; each list is the evidence for one type.
var (
	// A mediation actually done: 调解了一起…纠纷, 调处…矛盾.
	reMediationDone = regexp.MustCompile(`(调解|调处|化解|处理|协调)(了|成功)?[^，,。；;\s]{0,14}(纠纷|矛盾|争议|争执|事故)|(纠纷|矛盾)[^，,。；;\s]{0,4}(调解|调处|化解)|调解了|调处了|调解好|调好了|进行调解|调解成功|成功调解|帮[^，,。；;\s]{1,10}调解`)
	// Words before a mediation phrase that make it a subject taught, not done.
	mediationTaught = []string{"宣传", "讲解", "学习", "培训", "如何", "讲授", "解读", "普及", "排查", "预防"}

	// 讲了一堂反电诈课, 上了一节宪法课
	reLesson = regexp.MustCompile(`[堂节][^，,。；;\s]{0,8}课`)

	reConsultMain = regexp.MustCompile(`(接受|接待|提供|开展)[^，,。；;\s]{0,4}咨询|法律咨询活动`)

	trainingStrong = []string{"培训", "集中学法", "会前学法", "学法活动", "专题学习", "集中学习", "理论学习", "业务学习", "学习会", "学法用法", "学法考试", "法律知识考试", "参加学习", "组织学习", "研讨", "轮训", "考试", "学习了", "交流会", "业务知识", "旁听", "观摩", "警示教育", "交流", "例会"}
	cadreAudience  = []string{"干部", "两委", "法律明白人", "调解员", "网格员", "工作人员", "党员", "职工", "辅警", "村组长", "小组长", "信息员", "人民调解", "专职", "班子"}

	visitWords = []string{"入户", "走访", "送法上门", "上门", "挨家挨户", "逐户", "进家", "家访", "排查"}

	consultMain = []string{"接待", "坐班", "值班", "坐诊", "值守", "受理", "来访", "法律服务工作室", "咨询室", "咨询点", "法律门诊", "提供法律咨询", "接受法律咨询", "接受咨询", "法律咨询日", "法律顾问"}

	lectureStrong = []string{"讲座", "宣讲", "院坝会", "坝坝会", "法治课", "法制课", "以案释法", "专题讲", "授课", "讲课", "上课", "座谈", "报告会", "开讲", "夜校", "微课堂", "大讲堂", "讲堂", "课堂", "群众会", "村民大会", "村民会", "户长会", "屋场会", "板凳会", "开学第一课", "法治第一课", "法治副校长", "法课", "典课", "节课", "堂课", "公开课"}
	lectureWeak   = []string{"讲解", "解读", "讲法", "说法", "讲授", "解说", "讲了", "听课", "授课"}

	// stallWords are publicity done at a stall or through media; they mark
	// publicity even when the text also explains (讲解) or answers questions.
	stallWords      = []string{"摆摊", "设点", "设摊", "展板", "横幅", "标语", "悬挂", "张贴", "宣传车", "流动", "集市", "赶集", "观看", "视频", "电影", "宣传单", "宣传栏", "LED", "大喇叭", "广播", "文艺", "快板", "小品", "宣传台", "咨询台", "宣传点", "有奖问答", "知识竞赛", "竞答", "竞赛", "游园", "打卡", "演出"}
	publicityStrong = append([]string{"发放", "派发", "发了", "发资料"}, stallWords...)
	publicityWeak   = []string{"宣传", "普法", "宣讲", "活动", "法律进", "法治进", "送法", "宣传日", "宣传周", "宣传月"}

	consultWeak = []string{"咨询", "答疑", "解答"}
)

// classify decides the activity type. Priority, most specific first:
// a mediation actually done (with counts or an outcome) beats everything,
// because a mediation report often mentions 宣传 of the law it used; the
// cadres' own training and study comes next (an 调解员培训 is training, not
// a mediation); then house visits (入户宣传 is a visit: its count is in
// households); then a consultation desk as the main activity (but a
// publicity stall that also answers questions stays 普法宣传); then
// lectures and meetings; then publicity. It reports false when no evidence
// was found and the type is 其他.
func classify(text string, f Fields) (string, bool) {
	if isMediation(text, f) {
		return TypeMediation, true
	}
	if isTraining(text) {
		return TypeTraining, true
	}
	if containsAny(text, "培训", "授课", "上课") != "" && containsAny(text, "村民", "群众", "居民", "学生", "妇女", "老人", "青少年", "家长") != "" {
		// A 法治培训 given to villagers is a class for them, not the
		// cadres' own training.
		return TypeLecture, true
	}
	strongVisit := containsAny(text, "入户", "送法上门", "挨家挨户", "逐户", "家访", "进家") != "" || f.Households > 0
	if containsAny(text, visitWords...) != "" && !visitIsIncidental(text) && (strongVisit || containsAny(text, lectureStrong...) == "") ||
		f.Households > 0 && f.Participants == 0 && containsAny(text, publicityWeak...) == "" {
		// 走访 of schools to give a 法治课 is a lecture; 入户 or counted
		// households make a visit whatever else was done.
		return TypeVisit, true
	}
	pubStrong := containsAny(text, publicityStrong...) != ""
	stall := containsAny(text, stallWords...) != ""
	consultMainFound := containsAny(text, consultMain...) != "" || reConsultMain.MatchString(text)
	if consultMainFound && containsAny(text, "咨询", "问题", "答疑", "解答", "来访") != "" &&
		containsAny(text, "宣传", "普法", "讲座", "宣讲") == "" &&
		!(f.Materials > 0 && containsAny(text, "接待", "坐班", "值班", "坐诊", "值守") == "") {
		return TypeConsultation, true
	}
	if containsAny(text, lectureStrong...) != "" || reLesson.MatchString(text) {
		return TypeLecture, true
	}
	if containsAny(text, lectureWeak...) != "" && !stall && !strings.Contains(text, "宣传") {
		return TypeLecture, true
	}
	if pubStrong || containsAny(text, publicityWeak...) != "" || f.Materials > 0 {
		return TypePublicity, true
	}
	if containsAny(text, consultWeak...) != "" || f.Consultations > 0 {
		return TypeConsultation, true
	}
	if containsAny(text, "学习", "学法") != "" {
		// 组织村民学习民法典 is teaching villagers; 干部学习 is training.
		if containsAny(text, "村民", "群众", "居民", "学生", "妇女", "老人", "青少年") != "" && containsAny(text, cadreAudience...) == "" {
			return TypeLecture, true
		}
		return TypeTraining, true
	}
	if f.Participants > 0 {
		return TypePublicity, true
	}
	return TypeOther, false
}

// isMediation reports a mediation that was done, not one talked about.
func isMediation(text string, f Fields) bool {
	if f.Mediations > 0 || f.MediationsResolved > 0 {
		return true
	}
	for _, loc := range reMediationDone.FindAllStringIndex(text, -1) {
		clauseStart := strings.LastIndexAny(text[:loc[0]], "，,。；;、 ")
		before := text[clauseStart+1 : loc[0]]
		if containsAny(before, mediationTaught...) != "" {
			continue
		}
		// "调解员培训", "人民调解法" are not mediations.
		m := text[loc[0]:loc[1]]
		if strings.Contains(m, "调解员") || strings.Contains(m, "调解法") || strings.Contains(m, "调解委员会") {
			continue
		}
		if containsAny(text[loc[0]:], "排查") != "" && containsAny(m, "调解", "调处") == "" {
			continue
		}
		return true
	}
	return false
}

// isTraining reports the cadres' own training or study.
func isTraining(text string) bool {
	// A lecture or lesson whose audience is cadres only (给全村党员上了一堂
	// 党内法规课, 为村干部开展法治讲座) is their own study.
	villagers := containsAny(text, "村民", "群众", "居民", "学生", "妇女", "老人", "青少年", "家长", "师生", "职工")
	if villagers == "" && containsAny(text, cadreAudience...) != "" &&
		(containsAny(text, lectureStrong...) != "" || reLesson.MatchString(text)) && containsAny(text, "宣传", "普法") == "" {
		return true
	}
	if containsAny(text, "集中学法", "会前学法", "学法用法", "法律明白人培训", "业务培训", "培训班", "专题学习", "集中学习") != "" {
		return true
	}
	// "参加县司法局组织的…培训": the reporter attended.
	if strings.HasPrefix(strings.TrimLeft(stripLeadingDate(text), " ,，"), "参加") && containsAny(text, "培训", "学习", "会议", "考试", "研讨") != "" {
		return true
	}
	if containsAny(text, trainingStrong...) != "" {
		// A 培训 given to villagers (村民法治培训) with a lecture is a lecture;
		// training of cadres is training.
		if containsAny(text, cadreAudience...) != "" || containsAny(text, lectureStrong...) == "" {
			return containsAny(text, "群众", "村民", "居民", "学生") == "" || containsAny(text, cadreAudience...) != ""
		}
	}
	return false
}

// visitIsIncidental reports that the only visit word is 排查 with no
// households and no 上门: a screening done at a desk, not a house visit.
func visitIsIncidental(text string) bool {
	w := containsAny(text, "入户", "走访", "送法上门", "挨家挨户", "逐户", "进家", "家访")
	if w != "" {
		return false
	}
	// Only 上门 or 排查: a visit when households are counted or the
	// reporter went to people (上门服务).
	return !strings.Contains(text, "户") && !strings.Contains(text, "上门")
}

// stripLeadingDate drops a date at the very start ("6月21日参加…").
func stripLeadingDate(text string) string {
	if loc := reLeadingDate.FindStringIndex(text); loc != nil {
		return text[loc[1]:]
	}
	return text
}

var reLeadingDate = regexp.MustCompile(`^\s*(\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|^\s*(今天|昨天|前天|上午|下午|晚上)+`)
