package activity

import (
	"fmt"
	"strings"
	"time"
)

// User-facing texts of the ledger clerk, in one place so they can be read
// and reworded as a whole. Written for village cadres: short, warm, concrete.
const (
	textStored         = "已记入台账（第%d条）："
	textDuplicate      = "这条今天已经记过了，不再重复记（第%d条）："
	textFixHint        = "有误请回复：改 人数 150 / 改 地点 %s / 改 日期 3月15日 / 改 类型 法治讲座；记错了回复\"撤销\"。可在%d分钟内发活动照片。"
	textUpdated        = "已改好（第%d条）："
	textUndone         = "已撤销第%d条（%s %s），不计入统计。"
	textNoRecord       = "您还没有记过台账。直接发活动情况就能记，比如\"今天在%s开展反诈宣传，参加群众80人，发放资料200份\"。"
	textNothingToFix   = "没有找到可以改的记录。先发活动情况记一条吧。"
	textPendingDropped = "好的，刚才那条不记了。"

	textPlan = "好的，预祝活动顺利！活动结束后把情况发给我，比如\"今天在%s开展反诈宣传，参加群众80人，发放资料200份\"，我帮您记进台账。"

	textAskPrefix  = "收到！还差一点就能记入台账："
	textAskDate    = "是哪天的活动？（回复\"今天\"\"昨天\"或\"3月15日\"）"
	textAskType    = "是什么活动？（普法宣传、法治讲座、入户走访、矛盾调解、法律咨询、学习培训）"
	textAskPlace   = "在哪里开展的、有多少人参加？（比如\"李家庄村 80人\"）"
	textPendingTip = "补充后我就记上。"

	textEditUsage = "请这样改：改 人数 150、改 资料 300、改 咨询 20、改 户数 15、改 调解 3、改 成功 2、改 地点 李家庄村、改 日期 3月15日、改 类型 法治讲座、改 主题 民法典。"
	textBadNumber = "\"%s\"不像一个数字，请写成\"改 %s 150\"这样。"
	textBadDate   = "没看懂日期\"%s\"，请写成\"改 日期 3月15日\"或\"改 日期 昨天\"。"
	// %s the count's name, %d the value written, %d the cap in 万.
	textTooBigReport = textNotStoredPrefix + "%s写的是%d，一次活动一般不会超过%d万，可能多打了几位数。请改正后重新发一遍。"
	textTooBigAnswer = "%s写的是%d，一次活动一般不会超过%d万，可能多打了几位数。请再发一次正确的数字。"
	textTooBigEdit   = "没有改：%s写的是%d，一次活动一般不会超过%d万，可能多打了几位数。"
	// %s the field word the cadre used (人数, 资料 …).
	textTooBigEditHint  = "请核对后再改，比如\"改 %s 150\"。"
	textNotStoredPrefix = "这条还没记："
	// %s the date as written, %d its month, %d that month's days.
	textNoSuchDay       = "没有%s这一天（%d月只有%d天）。"
	textNoSuchDayReport = "请核对日期后重新发一遍。"
	textNoSuchDayAgain  = "请再发一次正确的日期，比如\"3月15日\"或\"昨天\"。"
	textBadType         = "类型只能是：普法宣传、法治讲座、入户走访、矛盾调解、法律咨询、学习培训、其他。"

	textPhotoSaved     = "照片已附到第%d条记录（%s %s），共%d张。"
	textPhotoNoRecord  = "收到照片。活动照片请在发完活动记录后%d分钟内发送，我会附到那条记录上。"
	textPhotoFailed    = "照片没能保存，请稍后再发一次。"
	textPhotoTooMany   = "第%d条记录已经有%d张照片了，够用啦。"
	textAdminOnly      = "全镇统计只有管理员能看。您可以发\"本月统计\"看自己的合计。"
	textRecentHeader   = "您最近的台账记录："
	textStatsEmpty     = "%s还没有台账记录。"
	textUserMonthStats = "您本月（%d月）的台账："
	textWeekStats      = "本周（%s至%s）全镇台账："
	textOwnWeekStats   = "您本周（%s至%s）的台账："
	textTownStats      = "%d年以来全镇台账："
)

// noSuchDay says that a written date does not exist.
func noSuchDay(b BadDate) string {
	return fmt.Sprintf(textNoSuchDay, b.Written, b.Month, b.Days)
}

// reporterAdmin is the reporter name of records by an admin known only
// from the config (no bound name).
const reporterAdmin = "管理员"

// card is the compact view of one stored record.
func card(head string, r Record) string {
	var b strings.Builder
	b.WriteString(head)
	fmt.Fprintf(&b, "\n%s｜%s｜%s", shortDate(r.Date), r.Type, orDash(r.Place))
	if len(r.Topics) > 0 {
		fmt.Fprintf(&b, "\n主题：%s", strings.Join(r.Topics, "、"))
	}
	if c := counts(r.Fields); c != "" {
		b.WriteString("\n" + c)
	}
	if len(r.Photos) > 0 {
		fmt.Fprintf(&b, "\n照片%d张", len(r.Photos))
	}
	return b.String()
}

// counts lists the non-zero counts of a record, or "" when none.
func counts(f Fields) string {
	var parts []string
	add := func(n int, format string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf(format, n))
		}
	}
	add(f.Participants, "参与%d人")
	add(f.Materials, "资料%d份")
	add(f.Consultations, "咨询%d人次")
	add(f.Households, "入户%d户")
	add(f.Mediations, "调解%d件")
	if f.Mediations > 0 {
		parts = append(parts, fmt.Sprintf("成功%d件", f.MediationsResolved))
	}
	return strings.Join(parts, "，")
}

// totalsText is a short summary of totals for chat, counted as the report
// and the digest count (see Totals).
func totalsText(t Totals) string {
	var parts []string
	add := func(n int, format string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf(format, n))
		}
	}
	if n := t.PublicitySessions(); n > 0 {
		var byType []string
		for _, g := range t.PublicityTypes() {
			byType = append(byType, fmt.Sprintf("%s%d", g.Name, g.Sessions))
		}
		parts = append(parts, fmt.Sprintf("普法宣传活动%d场次（%s）", n, strings.Join(byType, "、")))
	}
	add(t.PublicParticipants(), "参与群众%d人次")
	add(t.Materials, "发放资料%d份")
	add(t.Consultations, "解答咨询%d人次")
	add(t.Households, "入户走访%d户")
	if t.Mediations > 0 {
		rate, _ := t.SuccessRate()
		parts = append(parts, fmt.Sprintf("调解纠纷%d件、成功%d件（%.1f%%）", t.Mediations, t.MediationsResolved, rate))
	}
	if n := t.TrainingSessions(); n > 0 {
		p := fmt.Sprintf("学法培训%d场次", n)
		if t.TrainingParticipants > 0 {
			p += fmt.Sprintf("、参训%d人次", t.TrainingParticipants)
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return fmt.Sprintf("共%d条记录，还没有填人数、份数。", t.Sessions)
	}
	return strings.Join(parts, "，") + "。"
}

// villageLine is one village's line of 全镇统计 / 本周统计.
func villageLine(g Group) string {
	var parts []string
	if n := g.PublicitySessions(); n > 0 {
		parts = append(parts, fmt.Sprintf("普法活动%d场次", n))
	}
	if n := g.PublicParticipants(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d人次", n))
	}
	if g.Mediations > 0 {
		parts = append(parts, fmt.Sprintf("调解%d件", g.Mediations))
	}
	if n := g.TrainingSessions(); n > 0 {
		parts = append(parts, fmt.Sprintf("学法培训%d场次", n))
	}
	if len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d条记录", g.Sessions))
	}
	return g.Name + " " + strings.Join(parts, "，")
}

// recentLine is one line of 我的记录.
func recentLine(r Record) string {
	line := fmt.Sprintf("第%d条 %s %s %s", r.ID, shortDate(r.Date), r.Type, orDash(r.Place))
	if c := counts(r.Fields); c != "" {
		line += " " + c
	}
	if len(r.Photos) > 0 {
		line += fmt.Sprintf(" 照片%d张", len(r.Photos))
	}
	return line
}

// shortDate writes 2025-03-15 as 3月15日: chat keeps it short, the export
// has the full date.
func shortDate(d string) string {
	t, err := time.Parse(dateLayout, d)
	if err != nil {
		return orDash(d)
	}
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
