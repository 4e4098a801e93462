package jobs

import (
	"fmt"
	"strings"
	"time"
)

// Every text the jobs send to people is here, so it can be read and
// reworded as a whole. Keep it short, warm and concrete.

const (
	titleReminder = "普法宣传日提醒"
	titleNudge    = "台账小提醒"
	titleDigest   = "上周普法工作周报"
)

// The digest chart's title (dates of the week) and series names.
const (
	chartTitle    = "活动场次：%s—%s 与前一周"
	chartThisWeek = "上周"
	chartPrevWeek = "前一周"
	// chartNote stands for the chart in a dry run.
	chartNote = "[图表：上周与前一周各类活动场次，PNG %d 字节]"
)

// kbTitlesShown is how many document titles the digest names per kind of
// change before it only counts them.
const kbTitlesShown = 5

// exampleVillage stands in for a cadre's village when it is not known.
const exampleVillage = "本村"

// cnDate writes 3月15日.
func cnDate(t time.Time) string { return fmt.Sprintf("%d月%d日", t.Month(), t.Day()) }

func greeting(p Person) string {
	if p.Name != "" {
		return p.Name + "您好！"
	}
	return "您好！"
}

func village(p Person) string {
	if p.Village != "" {
		return p.Village
	}
	return exampleVillage
}

// reminderText is the publicity-day reminder to one cadre.
func reminderText(p Person, d dueDay, laws []LawRef) string {
	var b strings.Builder
	b.WriteString(greeting(p))
	switch {
	case d.Span > 7:
		fmt.Fprintf(&b, "%d月是%s，%s开始", d.Month, d.Name, cnDate(d.Start))
	case d.Span > 1:
		end := d.Start.AddDate(0, 0, d.Span-1)
		fmt.Fprintf(&b, "%s—%s是%s", cnDate(d.Start), cnDate(end), d.Name)
	default:
		fmt.Fprintf(&b, "%s是%s", cnDate(d.Start), d.Name)
	}
	if d.DaysLeft == 0 {
		b.WriteString("，就是今天。\n")
	} else {
		fmt.Fprintf(&b, "，还有%d天。\n", d.DaysLeft)
	}
	if len(d.Topics) > 0 {
		fmt.Fprintf(&b, "可以围绕这些话题开展宣传：%s。\n", strings.Join(topicNames(d.Topics), "、"))
	}
	if len(laws) > 0 {
		b.WriteString("知识库里相关的法条：\n")
		for _, l := range laws {
			fmt.Fprintf(&b, "· %s%s\n", l.Law, l.Article)
		}
	}
	fmt.Fprintf(&b, "活动做完后发一句话给我就能记台账，例如：“%s在%s开展%s宣传，参加群众80人，发放资料200份”。",
		cnDate(d.Start), village(p), d.Theme)
	return b.String()
}

// topicNames turns search queries ("民法典 婚姻家庭") into readable topics.
func topicNames(topics []string) []string {
	out := make([]string, len(topics))
	for i, t := range topics {
		out[i] = strings.ReplaceAll(strings.TrimSpace(t), " ", "")
	}
	return out
}

// nudgeText is the friendly nudge to a cadre with no recent record.
func nudgeText(p Person, days int, at time.Time) string {
	return fmt.Sprintf("%s最近%d天还没收到您的活动记录。开展过普法宣传、矛盾调解或入户走访吗？"+
		"直接发一句话给我就能记台账，例如：\n“%s在%s开展普法宣传，参加群众50人，发放资料100份”\n"+
		"发“帮助”可以看更多用法。辛苦了，谢谢您！",
		greeting(p), days, cnDate(at.AddDate(0, 0, -1)), village(p))
}

// digestData is everything one weekly digest reports.
type digestData struct {
	From, To      time.Time // the week, [From, To)
	This, Prev    LedgerSummary
	Silent        []Person // cadres with no record this week
	Cadres        int      // cadres in all
	HaveLedger    bool
	Questions     int
	PrevQuestions int
	TopTopics     []Count
	Unanswered    int
	UnansweredEx  []string
	HaveQuestions bool
	KBChanges     []KBChange
	HaveKB        bool
	Failures      []Failure
}

// digestText is the weekly digest for administrators.
func digestText(d digestData) string {
	var b strings.Builder
	last := d.To.AddDate(0, 0, -1)
	fmt.Fprintf(&b, "【%s】%s—%s\n", titleDigest, cnDate(d.From), cnDate(last))
	if d.HaveLedger {
		t, p := d.This, d.Prev
		fmt.Fprintf(&b, "宣传活动 %d场%s\n", t.Activities, vsPrev(t.Activities, p.Activities))
		if len(t.ByType) > 0 {
			fmt.Fprintf(&b, "· 按类型：%s\n", countList(t.ByType, 0))
		}
		if len(t.ByVillage) > 0 {
			fmt.Fprintf(&b, "· 按村：%s\n", countList(t.ByVillage, 0))
		}
		fmt.Fprintf(&b, "参与群众 %d人次%s\n", t.Participants, vsPrev(t.Participants, p.Participants))
		fmt.Fprintf(&b, "发放资料 %d份%s\n", t.Materials, vsPrev(t.Materials, p.Materials))
		fmt.Fprintf(&b, "法律咨询 %d人次%s\n", t.Consultations, vsPrev(t.Consultations, p.Consultations))
		fmt.Fprintf(&b, "调解纠纷 %d件%s", t.Mediations, vsPrev(t.Mediations, p.Mediations))
		if t.Mediations > 0 {
			fmt.Fprintf(&b, "，调解成功 %d件，成功率 %s", t.MediationsResolved, rate(t.MediationsResolved, t.Mediations))
			if p.Mediations > 0 {
				fmt.Fprintf(&b, "（前一周 %s）", rate(p.MediationsResolved, p.Mediations))
			}
		}
		b.WriteString("\n")
		if t.TrainingSessions > 0 || p.TrainingSessions > 0 {
			fmt.Fprintf(&b, "学法培训 %d场%s，参训 %d人次\n", t.TrainingSessions, vsPrev(t.TrainingSessions, p.TrainingSessions), t.TrainingParticipants)
		}
		switch {
		case d.Cadres == 0:
			b.WriteString("还没有绑定的村干部。\n")
		case len(d.Silent) == 0:
			b.WriteString("上周每位村干部都有记录，辛苦大家！\n")
		default:
			names := make([]string, len(d.Silent))
			for i, p := range d.Silent {
				names[i] = p.Label()
			}
			fmt.Fprintf(&b, "上周没有记录的村干部（%d人）：%s\n", len(d.Silent), strings.Join(names, "、"))
		}
	}
	if d.HaveQuestions {
		fmt.Fprintf(&b, "居民提问 %d条%s\n", d.Questions, vsPrev(d.Questions, d.PrevQuestions))
		if len(d.TopTopics) > 0 {
			fmt.Fprintf(&b, "问得最多：%s\n", countList(d.TopTopics, 5))
		}
		if d.Unanswered > 0 {
			fmt.Fprintf(&b, "还没答上的问题 %d条", d.Unanswered)
			if len(d.UnansweredEx) > 0 {
				b.WriteString("，例如：\n")
				for i, q := range d.UnansweredEx {
					fmt.Fprintf(&b, "%d. %s\n", i+1, oneLine(q, 60))
				}
				b.WriteString("可用 pufabot questions answer 补充答复。\n")
			} else {
				b.WriteString("。\n")
			}
		} else {
			b.WriteString("居民的问题都有答复。\n")
		}
	}
	if d.HaveKB {
		if len(d.KBChanges) == 0 {
			b.WriteString("知识库上周没有变化。\n")
		} else {
			byAction := map[string][]string{}
			var order []string
			for _, c := range d.KBChanges {
				if _, ok := byAction[c.Action]; !ok {
					order = append(order, c.Action)
				}
				byAction[c.Action] = append(byAction[c.Action], "《"+strings.Trim(c.Title, "《》")+"》")
			}
			var parts []string
			for _, a := range order {
				titles := byAction[a]
				if len(titles) > kbTitlesShown {
					parts = append(parts, fmt.Sprintf("%s%d份（%s等）", kbActionName(a), len(titles), strings.Join(titles[:kbTitlesShown], "")))
				} else {
					parts = append(parts, kbActionName(a)+strings.Join(titles, ""))
				}
			}
			fmt.Fprintf(&b, "知识库变化：%s\n", strings.Join(parts, "；"))
		}
	}
	if len(d.Failures) == 0 {
		b.WriteString("上周的提醒都已送达。")
	} else {
		fmt.Fprintf(&b, "发送失败 %d条：\n", len(d.Failures))
		for _, f := range d.Failures {
			fmt.Fprintf(&b, "· %s %s：%s\n", f.Name, jobName(f.Job), failureReason(f))
		}
		b.WriteString("请提醒他们给公众号发条消息，或配置模板消息/企业微信。")
	}
	return strings.TrimRight(b.String(), "\n")
}

func vsPrev(this, prev int) string {
	switch {
	case this > prev:
		return fmt.Sprintf("（前一周 %d，多%d）", prev, this-prev)
	case this < prev:
		return fmt.Sprintf("（前一周 %d，少%d）", prev, prev-this)
	}
	return "（与前一周持平）"
}

func rate(n, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", float64(n)*100/float64(of))
}

func countList(cs []Count, limit int) string {
	var parts []string
	for i, c := range cs {
		if limit > 0 && i == limit {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", c.Name, c.N))
	}
	return strings.Join(parts, "，")
}

func oneLine(s string, maxRunes int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > maxRunes {
		return string(r[:maxRunes]) + "…"
	}
	return s
}

func kbActionName(a string) string {
	switch a {
	case "added":
		return "新增"
	case "retired":
		return "停用"
	case "removed":
		return "删除"
	case "updated":
		return "更新"
	}
	return a
}

func jobName(job string) string {
	switch job {
	case JobPublicityCalendar:
		return "宣传日提醒"
	case JobInactivityNudge:
		return "台账提醒"
	case JobWeeklyDigest:
		return "周报"
	}
	return job
}

func failureReason(f Failure) string {
	switch f.ErrCode {
	case ErrCode45015:
		return "超过48小时没和公众号互动，客服消息发不出（45015）"
	case 43004:
		return "已取消关注（43004）"
	case 0:
		return "发送出错"
	}
	return fmt.Sprintf("发送出错（%d）", f.ErrCode)
}
