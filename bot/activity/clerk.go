package activity

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot"
)

// MediaFetcher downloads an image a user sent, by its MediaId, before the
// id expires (3 days). The WeChat and WeCom clients provide it.
type MediaFetcher interface {
	Download(ctx context.Context, ch bot.Channel, mediaID string) (data []byte, contentType string, err error)
}

// Clerk is the bot.Route ("activity") that keeps the ledger by chat: it
// stores cadres' reports, asks for missing essentials, applies 改 and 撤销,
// attaches photos and answers 我的记录 and the statistics commands.
// Residents' messages, and cadres' messages that are not reports (a legal
// question), pass to the next route.
type Clerk struct {
	store  *Store
	fetch  MediaFetcher
	cfg    Config
	loc    *time.Location
	now    func() time.Time
	logger *slog.Logger
}

var _ bot.Route = (*Clerk)(nil)

// ClerkDeps are what the clerk needs besides its config. Fetcher may be nil
// (no media API configured: photos cannot be saved); Now and Logger default
// to time.Now and a discarding logger.
type ClerkDeps struct {
	Store   *Store
	Fetcher MediaFetcher
	Now     func() time.Time
	Logger  *slog.Logger
}

// NewClerk builds the clerk route.
func NewClerk(cfg Config, deps ClerkDeps) (*Clerk, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, fmt.Errorf("activity clerk: %w", err)
	}
	if deps.Store == nil {
		return nil, fmt.Errorf("activity clerk: a store is required")
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	return &Clerk{store: deps.Store, fetch: deps.Fetcher, cfg: cfg, loc: loc, now: deps.Now, logger: deps.Logger}, nil
}

// Name implements bot.Route.
func (c *Clerk) Name() string { return "activity" }

// Take implements bot.Route.
func (c *Clerk) Take(ctx context.Context, p bot.Person, m bot.Message) (bot.Reply, bool, error) {
	if p.Role != bot.RoleCadre && p.Role != bot.RoleAdmin {
		return bot.Reply{}, false, nil
	}
	if m.At.IsZero() {
		m.At = c.now()
	}
	switch m.Kind {
	case bot.KindImage:
		return c.photo(ctx, p, m)
	case bot.KindText, bot.KindVoice:
	default:
		return bot.Reply{}, false, nil
	}
	text := strings.TrimSpace(m.Text)
	cmd := strings.Trim(text, "。.！!？? ")
	switch cmd {
	case "撤销", "撤回", "撤销上一条", "删除上一条", "删掉上一条":
		return c.undo(ctx, p, m)
	case "我的记录", "我的台账", "查看记录", "最近记录":
		return c.recent(ctx, p)
	case "本月统计", "我的统计":
		return c.monthStats(ctx, p, m.At)
	case "本周统计":
		return c.weekStats(ctx, p, m.At)
	case "全镇统计":
		return c.townStats(ctx, p, m.At)
	}
	if sm := editRe.FindStringSubmatch(cmd); sm != nil {
		return c.edit(ctx, p, m, sm[1], strings.TrimSpace(sm[2]))
	}
	if strings.HasPrefix(cmd, "改 ") || cmd == "改" || cmd == "修改" {
		return bot.Reply{Text: textEditUsage}, true, nil
	}

	f, found := ParseDetailed(text, m.At, c.loc)
	f.Note = text
	if pend, ok, err := c.store.Pending(ctx, p.Channel, p.UserID, m.At.Add(-c.cfg.PendingTTL.Duration)); err != nil {
		return bot.Reply{}, true, err
	} else if ok {
		if r, took, err := c.complete(ctx, p, m, pend, f, found); took || err != nil {
			return r, took, err
		}
	}
	if !IsReport(text, found) {
		if IsPlan(text) {
			return bot.Reply{Text: fmt.Sprintf(textPlan, placeHint(Record{Village: p.Village}))}, true, nil
		}
		return bot.Reply{}, false, nil
	}
	return c.report(ctx, p, m, f, found)
}

// report stores a new report, or asks for what is missing.
func (c *Clerk) report(ctx context.Context, p bot.Person, m bot.Message, f Fields, found Found) (bot.Reply, bool, error) {
	r := Record{Fields: f, Channel: string(p.Channel), UserID: p.UserID, Reporter: p.Name, Village: p.Village}
	if r.Reporter == "" && p.Role == bot.RoleAdmin {
		r.Reporter = reporterAdmin // a configured admin who never bound a name
	}
	if !found.Date {
		if bd, bad := InvalidDate(f.Note, m.At, c.loc); bad {
			return bot.Reply{Text: textNotStoredPrefix + noSuchDay(bd) + textNoSuchDayReport}, true, nil
		}
		r.Date = ""
	}
	if !found.Type {
		r.Type = ""
	}
	if !found.Place && r.Place == "" {
		r.Place = p.Village
	}
	r.Place = ownVillagePlace(r.Place, p.Village)
	if reply, bad := implausible(r.Fields, textTooBigReport); bad {
		return reply, true, nil
	}
	pend := Pending{Record: r, At: m.At, Missing: missing(r, found.AnyCount)}
	if len(pend.Missing) > 0 {
		if err := c.store.SavePending(ctx, p.Channel, p.UserID, pend, m.At); err != nil {
			return bot.Reply{}, true, err
		}
		return bot.Reply{Text: askText(pend.Missing)}, true, nil
	}
	return c.store1(ctx, r, m.At)
}

// complete uses a message as the answer to a pending question. It takes the
// message when the answer fills something in; otherwise the message is
// handled as usual and the question keeps waiting (until PendingTTL, 撤销
// or a new report): a legal question asked in between does not lose the
// report, and the answer that comes after it still completes it.
func (c *Clerk) complete(ctx context.Context, p bot.Person, m bot.Message, pend Pending, f Fields, found Found) (bot.Reply, bool, error) {
	text := strings.Trim(strings.TrimSpace(m.Text), "。.！! ")
	if found.Type && IsReport(text, found) {
		// A new report of its own, not an answer: handled as such, and
		// storing or asking replaces the pending one.
		return bot.Reply{}, false, nil
	}
	if IsPlan(text) || hasAnyWord(text, questionMarks) && !IsReport(text, found) {
		// A plan or a question in between ("昨天被人打了怎么办"): its
		// date is not the activity's.
		return bot.Reply{}, false, nil
	}
	r := pend.Record
	filled := false
	for _, need := range pend.Missing {
		switch need {
		case needDate:
			if found.Date {
				r.Date, filled = f.Date, true
			} else if bd, bad := InvalidDate(text, m.At, c.loc); bad {
				// The question keeps waiting for a real day.
				return bot.Reply{Text: noSuchDay(bd) + textNoSuchDayAgain}, true, nil
			}
		case needType:
			if t := typeNamed(text); t != "" {
				r.Type, filled = t, true
			} else if found.Type {
				r.Type, filled = f.Type, true
			}
		case needPlaceOrCount:
			if found.Place {
				r.Place, filled = ownVillagePlace(f.Place, p.Village), true
			}
			if found.AnyCount {
				mergeCounts(&r.Fields, f)
				filled = true
			} else if n, ok := ParseNumber(strings.TrimRight(text, "人名位")); ok && n > 0 {
				r.Participants, filled = n, true
			}
		}
	}
	if !filled {
		return bot.Reply{}, false, nil
	}
	if reply, bad := implausible(r.Fields, textTooBigAnswer); bad {
		return reply, true, nil // the question keeps waiting for a better answer
	}
	// The note keeps every word the cadre wrote: the report, then each answer.
	r.Note = strings.TrimSpace(pend.Record.Note + "\n（补充）" + strings.TrimSpace(m.Text))
	pend.Record = r
	pend.Missing = missing(r, countsOf(r.Fields) > 0)
	if len(pend.Missing) > 0 {
		if err := c.store.SavePending(ctx, p.Channel, p.UserID, pend, m.At); err != nil {
			return bot.Reply{}, true, err
		}
		return bot.Reply{Text: askText(pend.Missing)}, true, nil
	}
	// The record belongs to the day of the original message (dedupe).
	return c.store1(ctx, r, pend.At)
}

// implausible is the reply naming a count of f above MaxCount, written
// with format (field, value, cap), if there is one.
func implausible(f Fields, format string) (bot.Reply, bool) {
	var e *ImplausibleError
	if !errors.As(CheckCounts(f), &e) {
		return bot.Reply{}, false
	}
	return bot.Reply{Text: fmt.Sprintf(format, e.Field, e.Value, MaxCount/10000)}, true
}

// store1 stores r and answers with its card.
func (c *Clerk) store1(ctx context.Context, r Record, at time.Time) (bot.Reply, bool, error) {
	if r.Village == "" && isVillage(r.Place) {
		r.Village = r.Place
	}
	saved, dup, err := c.store.Add(ctx, r, at)
	if err != nil {
		return bot.Reply{}, true, err
	}
	head := fmt.Sprintf(textStored, saved.ID)
	if dup {
		head = fmt.Sprintf(textDuplicate, saved.ID)
	}
	return bot.Reply{Text: card(head, saved) + "\n" + fmt.Sprintf(textFixHint, placeHint(saved), c.photoMinutes())}, true, nil
}

const (
	needDate         = "date"
	needType         = "type"
	needPlaceOrCount = "place_or_count"
)

func missing(r Record, anyCount bool) []string {
	var out []string
	if r.Date == "" {
		out = append(out, needDate)
	}
	if r.Type == "" {
		out = append(out, needType)
	}
	if r.Place == "" && !anyCount {
		out = append(out, needPlaceOrCount)
	}
	return out
}

func askText(missing []string) string {
	var b strings.Builder
	b.WriteString(textAskPrefix)
	for _, m := range missing {
		b.WriteString("\n")
		switch m {
		case needDate:
			b.WriteString(textAskDate)
		case needType:
			b.WriteString(textAskType)
		case needPlaceOrCount:
			b.WriteString(textAskPlace)
		}
	}
	b.WriteString("\n" + textPendingTip)
	return b.String()
}

func countsOf(f Fields) int {
	return f.Participants + f.Materials + f.Consultations + f.Households + f.Mediations + f.MediationsResolved
}

func mergeCounts(dst *Fields, src Fields) {
	set := func(d *int, s int) {
		if s > 0 {
			*d = s
		}
	}
	set(&dst.Participants, src.Participants)
	set(&dst.Materials, src.Materials)
	set(&dst.Consultations, src.Consultations)
	set(&dst.Households, src.Households)
	set(&dst.Mediations, src.Mediations)
	set(&dst.MediationsResolved, src.MediationsResolved)
}

// reportVerbs are the words of work done; a report has at least one.
var reportVerbs = []string{"开展", "组织", "举办", "举行", "召开", "走访", "入户", "上门", "调解", "调处", "化解",
	"发放", "宣传", "宣讲", "讲座", "讲了", "接待", "解答", "参加", "参与", "学习", "培训", "摆摊", "设点", "设摊",
	"悬挂", "张贴", "播放", "观看", "排查", "送法", "普法", "院坝会", "法治课", "以案释法", "进校园", "进村"}

// questionMarks say a message asks rather than reports.
var questionMarks = []string{"?", "？", "怎么办", "怎么", "咋办", "咋", "如何", "吗", "能不能", "可不可以", "可以不",
	"是否", "有没有", "该不该", "要不要", "为什么", "请问", "想问", "问一下", "谁来", "哪里"}

// planMarks say a message is about work still to come, not done.
var planMarks = []string{"明天", "后天", "下周", "下星期", "下个月", "下月", "计划", "准备", "打算", "将于", "将要", "拟于", "即将"}

// IsReport decides whether a cadre's message reads as a report of work
// done rather than a question or a plan. found is what the parser found
// explicitly in the text. A report names work done (开展, 组织, 调解,
// 发放, 走访 …) and at least a count, or two of date, type and place. A
// question (怎么办, 吗, ？ …) counts as a report only with both a count and
// a date ("昨天调解纠纷2起，一起没调成怎么办" is still work to log); a plan
// (明天, 计划 …) never does.
func IsReport(text string, found Found) bool {
	if !hasAnyWord(text, reportVerbs) || hasPlanMark(text) {
		return false
	}
	explicit := 0
	for _, ok := range []bool{found.Date, found.Type, found.Place} {
		if ok {
			explicit++
		}
	}
	if hasAnyWord(text, questionMarks) {
		return found.AnyCount && found.Date
	}
	return found.AnyCount || explicit >= 2
}

// IsPlan decides whether a cadre's message tells of work still to come
// ("明天计划去张庄开展宣传"): a plan word and a work word, and no question.
// The clerk acknowledges it rather than passing it on as a legal question.
func IsPlan(text string) bool {
	return hasPlanMark(text) && hasAnyWord(text, reportVerbs) &&
		!hasAnyWord(text, questionMarks) && !hasAnyWord(text, askWords)
}

// askWords ask about something without a question mark ("宣传需要准备什么
// 资料"); a plan has none of them.
var askWords = []string{"什么", "哪些", "多少", "怎样"}

// hasPlanMark finds a plan word; 计划生育 is a topic, not a plan.
func hasPlanMark(text string) bool {
	return hasAnyWord(strings.ReplaceAll(text, "计划生育", ""), planMarks)
}

func hasAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// typeNamed returns the type a short answer names exactly ("法治讲座",
// "讲座", "调解"), or "".
func typeNamed(s string) string {
	s = strings.TrimSpace(s)
	for _, t := range Types {
		if s == t {
			return t
		}
	}
	switch s {
	case "宣传", "普法", "摆摊":
		return TypePublicity
	case "讲座", "宣讲", "院坝会", "法治课":
		return TypeLecture
	case "走访", "入户":
		return TypeVisit
	case "调解":
		return TypeMediation
	case "咨询":
		return TypeConsultation
	case "学习", "培训", "学法":
		return TypeTraining
	}
	return ""
}

// ownVillagePlace reads a place of "the village" (村委会, 村部, 村文化广场)
// as the reporter's village: 在村委会 from a cadre of 李家庄村 is 李家庄村,
// 在村小学 李家庄村小学. Other places, and everyone's without a village,
// stay as written.
func ownVillagePlace(place, village string) string {
	if village == "" || !strings.HasPrefix(place, "村") {
		return place
	}
	switch place {
	case "村委会", "村委", "村部", "村民委员会", "村两委", "村里", "村内", "村中":
		return village
	}
	if strings.HasSuffix(village, "村") {
		return village + strings.TrimPrefix(place, "村")
	}
	return village + place
}

func isVillage(place string) bool {
	return strings.HasSuffix(place, "村") || strings.HasSuffix(place, "社区")
}

func placeHint(r Record) string {
	if r.Village != "" {
		return r.Village
	}
	return "李家庄村"
}

// editRe reads "改 人数 150", "修改地点为李家庄村", "改日期：3月15日".
var editRe = regexp.MustCompile(`^(?:改|修改|更正|更改)\s*(参与人数|参加人数|人数|资料份数|资料|份数|咨询人次|咨询|入户户数|户数|入户|调解成功|成功|调解|地点|日期|时间|类型|主题)\s*(?:改为|改成|为|成|是|:|：|=)?\s*(.+)$`)

func (c *Clerk) edit(ctx context.Context, p bot.Person, m bot.Message, field, value string) (bot.Reply, bool, error) {
	last, ok, err := c.store.Last(ctx, p.Channel, p.UserID)
	if err != nil {
		return bot.Reply{}, true, err
	}
	if !ok {
		return bot.Reply{Text: textNothingToFix}, true, nil
	}
	f := last.Fields
	number := func(dst *int) (string, bool) {
		n, ok := ParseNumber(strings.TrimRight(value, "人名位次份本张册户件起个场余多左右"))
		if !ok || n < 0 {
			return fmt.Sprintf(textBadNumber, value, field), false
		}
		*dst = n
		return "", true
	}
	var bad string
	okv := true
	switch field {
	case "人数", "参与人数", "参加人数":
		bad, okv = number(&f.Participants)
	case "资料", "份数", "资料份数":
		bad, okv = number(&f.Materials)
	case "咨询", "咨询人次":
		bad, okv = number(&f.Consultations)
	case "户数", "入户", "入户户数":
		bad, okv = number(&f.Households)
	case "调解":
		bad, okv = number(&f.Mediations)
	case "成功", "调解成功":
		bad, okv = number(&f.MediationsResolved)
		if okv && f.MediationsResolved > f.Mediations {
			f.Mediations = f.MediationsResolved
		}
	case "地点":
		f.Place = ownVillagePlace(value, p.Village)
	case "日期", "时间":
		d, ok := ParseDate(value, m.At, c.loc)
		if bd, bad := InvalidDate(value, m.At, c.loc); !ok && bad {
			return bot.Reply{Text: noSuchDay(bd) + textNoSuchDayAgain}, true, nil
		}
		if !ok {
			return bot.Reply{Text: fmt.Sprintf(textBadDate, value)}, true, nil
		}
		f.Date = d.Format(dateLayout)
	case "类型":
		t := typeNamed(value)
		if t == "" {
			if pf, found := ParseDetailed(value, m.At, c.loc); found.Type {
				t = pf.Type
			}
		}
		if t == "" {
			return bot.Reply{Text: textBadType}, true, nil
		}
		f.Type = t
	case "主题":
		f.Topics = strings.FieldsFunc(value, func(r rune) bool { return strings.ContainsRune(" 　,，、;；/", r) })
	}
	if !okv {
		return bot.Reply{Text: bad}, true, nil
	}
	if reply, bad := implausible(f, textTooBigEdit); bad {
		return bot.Reply{Text: reply.Text + fmt.Sprintf(textTooBigEditHint, field)}, true, nil
	}
	if err := c.store.Update(ctx, last.ID, f, m.At); err != nil {
		return bot.Reply{}, true, err
	}
	last.Fields = f
	return bot.Reply{Text: card(fmt.Sprintf(textUpdated, last.ID), last)}, true, nil
}

// photoMinutes is the photo window in whole minutes, for the texts.
func (c *Clerk) photoMinutes() int {
	return max(1, int(c.cfg.PhotoWindow.Minutes()))
}

// undo withdraws the question about a report still waiting for its
// essentials, if any, else the user's last record.
func (c *Clerk) undo(ctx context.Context, p bot.Person, m bot.Message) (bot.Reply, bool, error) {
	if _, ok, err := c.store.Pending(ctx, p.Channel, p.UserID, m.At.Add(-c.cfg.PendingTTL.Duration)); err != nil {
		return bot.Reply{}, true, err
	} else if ok {
		if err := c.store.ClearPending(ctx, p.Channel, p.UserID); err != nil {
			return bot.Reply{}, true, err
		}
		return bot.Reply{Text: textPendingDropped}, true, nil
	}
	last, ok, err := c.store.Last(ctx, p.Channel, p.UserID)
	if err != nil {
		return bot.Reply{}, true, err
	}
	if !ok {
		return bot.Reply{Text: textNothingToFix}, true, nil
	}
	if err := c.store.Delete(ctx, last.ID, m.At); err != nil {
		return bot.Reply{}, true, err
	}
	return bot.Reply{Text: fmt.Sprintf(textUndone, last.ID, shortDate(last.Date), last.Type)}, true, nil
}

func (c *Clerk) recent(ctx context.Context, p bot.Person) (bot.Reply, bool, error) {
	rs, err := c.store.Recent(ctx, p.Channel, p.UserID, 5)
	if err != nil {
		return bot.Reply{}, true, err
	}
	if len(rs) == 0 {
		return bot.Reply{Text: fmt.Sprintf(textNoRecord, placeHint(Record{Village: p.Village}))}, true, nil
	}
	lines := []string{textRecentHeader}
	for _, r := range rs {
		lines = append(lines, recentLine(r))
	}
	return bot.Reply{Text: strings.Join(lines, "\n")}, true, nil
}

// monthStart returns the first day of t's month in the clerk's zone.
func (c *Clerk) monthStart(t time.Time) time.Time {
	t = t.In(c.loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, c.loc)
}

// weekStart returns the Monday of t's week in the clerk's zone.
func (c *Clerk) weekStart(t time.Time) time.Time {
	t = t.In(c.loc)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.loc)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func (c *Clerk) monthStats(ctx context.Context, p bot.Person, at time.Time) (bot.Reply, bool, error) {
	from := c.monthStart(at)
	t, err := c.store.UserTotals(ctx, p.Channel, p.UserID, from, from.AddDate(0, 1, 0))
	if err != nil {
		return bot.Reply{}, true, err
	}
	if t.Sessions == 0 {
		return bot.Reply{Text: fmt.Sprintf(textStatsEmpty, "您本月")}, true, nil
	}
	return bot.Reply{Text: fmt.Sprintf(textUserMonthStats, int(from.Month())) + totalsText(t)}, true, nil
}

func (c *Clerk) weekStats(ctx context.Context, p bot.Person, at time.Time) (bot.Reply, bool, error) {
	from := c.weekStart(at)
	to := from.AddDate(0, 0, 7)
	span := func(format string) string {
		return fmt.Sprintf(format, shortDate(from.Format(dateLayout)), shortDate(to.AddDate(0, 0, -1).Format(dateLayout)))
	}
	if p.Role != bot.RoleAdmin {
		t, err := c.store.UserTotals(ctx, p.Channel, p.UserID, from, to)
		if err != nil {
			return bot.Reply{}, true, err
		}
		if t.Sessions == 0 {
			return bot.Reply{Text: fmt.Sprintf(textStatsEmpty, "您本周")}, true, nil
		}
		return bot.Reply{Text: span(textOwnWeekStats) + totalsText(t)}, true, nil
	}
	t, err := c.store.Totals(ctx, from, to)
	if err != nil {
		return bot.Reply{}, true, err
	}
	if t.Sessions == 0 {
		return bot.Reply{Text: fmt.Sprintf(textStatsEmpty, "本周全镇")}, true, nil
	}
	vs, err := c.store.ByVillage(ctx, from, to)
	if err != nil {
		return bot.Reply{}, true, err
	}
	return bot.Reply{Text: span(textWeekStats) + totalsText(t) + villageLines(vs)}, true, nil
}

func (c *Clerk) townStats(ctx context.Context, p bot.Person, at time.Time) (bot.Reply, bool, error) {
	if p.Role != bot.RoleAdmin {
		return bot.Reply{Text: textAdminOnly}, true, nil
	}
	local := at.In(c.loc)
	from := time.Date(local.Year(), 1, 1, 0, 0, 0, 0, c.loc)
	to := time.Date(local.Year()+1, 1, 1, 0, 0, 0, 0, c.loc)
	t, err := c.store.Totals(ctx, from, to)
	if err != nil {
		return bot.Reply{}, true, err
	}
	if t.Sessions == 0 {
		return bot.Reply{Text: fmt.Sprintf(textStatsEmpty, fmt.Sprintf("%d年全镇", local.Year()))}, true, nil
	}
	vs, err := c.store.ByVillage(ctx, from, to)
	if err != nil {
		return bot.Reply{}, true, err
	}
	return bot.Reply{Text: fmt.Sprintf(textTownStats, local.Year()) + totalsText(t) + villageLines(vs)}, true, nil
}

func villageLines(vs []Group) string {
	var b strings.Builder
	b.WriteString("\n分村：")
	for _, v := range vs {
		b.WriteString("\n" + villageLine(v))
	}
	return b.String()
}

// photo attaches an image to the user's record of the last PhotoWindow.
func (c *Clerk) photo(ctx context.Context, p bot.Person, m bot.Message) (bot.Reply, bool, error) {
	if m.MediaID == "" {
		return bot.Reply{}, false, nil
	}
	last, ok, err := c.store.Last(ctx, p.Channel, p.UserID)
	if err != nil {
		return bot.Reply{}, true, err
	}
	if !ok || m.At.Sub(last.CreatedAt) > c.cfg.PhotoWindow.Duration {
		return bot.Reply{Text: fmt.Sprintf(textPhotoNoRecord, c.photoMinutes())}, true, nil
	}
	if len(last.Photos) >= c.cfg.MaxPhotos {
		return bot.Reply{Text: fmt.Sprintf(textPhotoTooMany, last.ID, len(last.Photos))}, true, nil
	}
	if c.fetch == nil {
		c.logger.Warn("photo not saved: no media API configured", "user", bot.UserHash(p.Channel, p.UserID))
		return bot.Reply{Text: textPhotoFailed}, true, nil
	}
	data, ctype, err := c.fetch.Download(ctx, p.Channel, m.MediaID)
	if err != nil || len(data) == 0 {
		c.logger.Error("download photo", "user", bot.UserHash(p.Channel, p.UserID), "record", last.ID, "err", err)
		return bot.Reply{Text: textPhotoFailed}, true, nil
	}
	if _, err := c.store.AddPhoto(ctx, last.ID, data, photoExt(ctype, data), m.MediaID, m.At); err != nil {
		return bot.Reply{}, true, err
	}
	rec, err := c.store.Get(ctx, last.ID)
	if err != nil {
		return bot.Reply{}, true, err
	}
	return bot.Reply{Text: fmt.Sprintf(textPhotoSaved, rec.ID, shortDate(rec.Date), rec.Type, len(rec.Photos))}, true, nil
}

// photoExt picks a file extension from the declared content type, else
// from the bytes.
func photoExt(contentType string, data []byte) string {
	ct := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	if ct == "" || ct == "application/octet-stream" {
		ct = http.DetectContentType(data)
	}
	switch ct {
	case "image/png":
		return "png"
	case "image/gif":
		return "gif"
	case "image/webp":
		return "webp"
	case "image/bmp":
		return "bmp"
	}
	return "jpg"
}
