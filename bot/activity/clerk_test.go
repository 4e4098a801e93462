package activity_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/activity"
	"github.com/pufabot/pufabot/bot/people"
	"github.com/pufabot/pufabot/bot/storage"
)

type fakeAnswerer struct{ got []string }

func (f *fakeAnswerer) AnswerText(_ context.Context, q bot.Question) (string, error) {
	f.got = append(f.got, q.Text)
	return "法律解答", nil
}

var _ bot.Answerer = (*fakeAnswerer)(nil)

type fakeFetcher struct {
	calls []string
	data  []byte
	ctype string
	err   error
}

func (f *fakeFetcher) Download(_ context.Context, ch bot.Channel, mediaID string) ([]byte, string, error) {
	f.calls = append(f.calls, string(ch)+"/"+mediaID)
	return f.data, f.ctype, f.err
}

var _ activity.MediaFetcher = (*fakeFetcher)(nil)

// world is the whole bot as WeChat would drive it: people registry, the
// ledger clerk and a fake answerer, on a real SQLite database.
type world struct {
	t      testing.TB
	bot    *bot.Bot
	reg    *people.Registry
	store  *activity.Store
	ans    *fakeAnswerer
	fetch  *fakeFetcher
	now    time.Time
	msgSeq int
}

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func newWorld(t testing.TB, fetcher bool) *world {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := storage.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := &world{t: t, ans: &fakeAnswerer{}, now: time.Date(2025, 3, 16, 10, 0, 0, 0, shanghai)}
	if w.reg, err = people.NewRegistry(ctx, db); err != nil {
		t.Fatal(err)
	}
	if w.store, err = activity.NewStore(ctx, db, shanghai, filepath.Join(dir, "photos")); err != nil {
		t.Fatal(err)
	}
	deps := activity.ClerkDeps{Store: w.store, Now: func() time.Time { return w.now }}
	if fetcher {
		w.fetch = &fakeFetcher{data: []byte("\xff\xd8\xff\xe0 jpeg"), ctype: "image/jpeg"}
		deps.Fetcher = w.fetch
	}
	clerk, err := activity.NewClerk(activity.DefaultConfig(), deps)
	if err != nil {
		t.Fatal(err)
	}
	store, err := bot.NewSQLStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	w.bot, err = bot.New(bot.Config{}, bot.Deps{
		Admins: []string{"admin1"}, Directory: w.reg, Answerer: w.ans, Store: store,
		Routes: []bot.Route{people.NewRoute(w.reg, func() time.Time { return w.now }), clerk},
		Now:    func() time.Time { return w.now },
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) say(user, text string) bot.Reply {
	w.t.Helper()
	w.msgSeq++
	return w.bot.Handle(context.Background(), bot.Message{Channel: bot.ChannelWeChat, UserID: user,
		Kind: bot.KindText, Text: text, At: w.now})
}

func (w *world) image(user, mediaID string) bot.Reply {
	w.t.Helper()
	return w.bot.Handle(context.Background(), bot.Message{Channel: bot.ChannelWeChat, UserID: user,
		Kind: bot.KindImage, MediaID: mediaID, At: w.now})
}

// bindCadre invites and binds a cadre of 李家庄村 through chat.
func (w *world) bindCadre(user string) {
	w.t.Helper()
	r := w.say("admin1", "邀请 张三 李家庄村")
	code := ""
	for _, f := range strings.Fields(r.Text) {
		if len(f) == 6 && strings.Trim(f, "0123456789") == "" {
			code = f
		}
	}
	if code == "" {
		w.t.Fatalf("invite reply has no code: %q", r.Text)
	}
	if r := w.say(user, "绑定 "+code); !strings.Contains(r.Text, "绑定成功") {
		w.t.Fatalf("bind reply = %q", r.Text)
	}
}

func (w *world) last(user string) activity.Record {
	w.t.Helper()
	r, ok, err := w.store.Last(context.Background(), bot.ChannelWeChat, user)
	if err != nil || !ok {
		w.t.Fatalf("no last record for %s: %v", user, err)
	}
	return r
}

func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s = %q, want it to contain %q", what, got, w)
		}
	}
}

func TestConversationReportFixUndo(t *testing.T) {
	w := newWorld(t, false)
	const report = "3月15日在李家庄村开展消费者权益保护法宣传，参加群众120人，发放资料300份"
	// Before binding, a resident's report-like message is not the ledger's.
	if r := w.say("u1", report); r.Route != "question" {
		t.Fatalf("unbound user's report went to %q, want question", r.Route)
	}
	w.bindCadre("u1")

	r := w.say("u1", report)
	if r.Route != "activity" {
		t.Fatalf("report went to %q: %q", r.Route, r.Text)
	}
	wantContains(t, "card", r.Text, "已记入台账", "3月15日", "普法宣传", "李家庄村", "参与120人", "资料300份", "改 人数", "撤销")
	rec := w.last("u1")
	if rec.Date != "2025-03-15" || rec.Type != activity.TypePublicity || rec.Participants != 120 ||
		rec.Materials != 300 || rec.Reporter != "张三" || rec.Village != "李家庄村" || rec.Note != report {
		t.Fatalf("stored %+v", rec)
	}

	// The same text again the same day is not stored twice.
	r = w.say("u1", report)
	wantContains(t, "duplicate reply", r.Text, "已经记过")
	if rs, _ := w.store.Recent(context.Background(), bot.ChannelWeChat, "u1", 10); len(rs) != 1 {
		t.Fatalf("%d records after resend, want 1", len(rs))
	}

	edits := []struct {
		cmd   string
		check func(activity.Record) bool
		card  string
	}{
		{"改 人数 150", func(r activity.Record) bool { return r.Participants == 150 }, "参与150人"},
		{"改资料两百份", func(r activity.Record) bool { return r.Materials == 200 }, "资料200份"},
		{"改 地点 王家村", func(r activity.Record) bool { return r.Place == "王家村" }, "王家村"},
		{"改 日期 3月14日", func(r activity.Record) bool { return r.Date == "2025-03-14" }, "3月14日"},
		{"改 类型 法治讲座", func(r activity.Record) bool { return r.Type == activity.TypeLecture }, "法治讲座"},
		{"改 主题 民法典、反诈", func(r activity.Record) bool { return strings.Join(r.Topics, ",") == "民法典,反诈" }, "民法典、反诈"},
	}
	for _, e := range edits {
		r := w.say("u1", e.cmd)
		wantContains(t, e.cmd+" reply", r.Text, "已改好", e.card)
		if got := w.last("u1"); !e.check(got) {
			t.Fatalf("after %q stored %+v", e.cmd, got.Fields)
		}
	}
	r = w.say("u1", "改 人数 很多")
	wantContains(t, "bad number reply", r.Text, "不像一个数字")

	r = w.say("u1", "我的记录")
	wantContains(t, "我的记录", r.Text, "3月14日", "法治讲座", "参与150人")

	r = w.say("u1", "撤销")
	wantContains(t, "撤销 reply", r.Text, "已撤销")
	if _, ok, _ := w.store.Last(context.Background(), bot.ChannelWeChat, "u1"); ok {
		t.Fatal("record still live after 撤销")
	}
	r = w.say("u1", "我的记录")
	wantContains(t, "我的记录 after 撤销", r.Text, "还没有记过")
	if len(w.ans.got) != 1 {
		t.Fatalf("answerer got %q, want only the unbound user's message", w.ans.got)
	}
}

func TestConversationMissingEssentials(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	// No date: one question, and the answer completes the same record.
	r := w.say("u1", "在王家村开展禁毒宣传，参加群众80人")
	wantContains(t, "question", r.Text, "哪天")
	if _, ok, _ := w.store.Last(context.Background(), bot.ChannelWeChat, "u1"); ok {
		t.Fatal("incomplete report stored before the answer")
	}
	r = w.say("u1", "昨天")
	wantContains(t, "card after answer", r.Text, "已记入台账", "3月15日", "王家村", "参与80人")
	got := w.last("u1")
	if got.Date != "2025-03-15" || got.Participants != 80 || got.Type != activity.TypePublicity ||
		got.Note != "在王家村开展禁毒宣传，参加群众80人\n（补充）昨天" {
		t.Fatalf("completed record %+v", got.Fields)
	}

	// A message that fills nothing (a legal question) goes to the answerer
	// and the question keeps waiting: the answer after it completes it.
	w.say("u1", "在王家村开展宣传，发放资料100份")
	r = w.say("u1", "村民问欠钱不还怎么办")
	if r.Route != "question" {
		t.Fatalf("question after pending went to %q", r.Route)
	}
	w.now = w.now.Add(time.Minute)
	r = w.say("u1", "今天")
	wantContains(t, "answer after a legal question", r.Text, "已记入台账", "3月16日", "资料100份")

	// 撤销 while a question waits drops the question, not the last record.
	before := w.last("u1")
	w.say("u1", "在王家村开展法治讲座，参加群众30人")
	r = w.say("u1", "撤销")
	wantContains(t, "撤销 of a pending question", r.Text, "不记了")
	if got := w.last("u1"); got.ID != before.ID || got.Materials != 100 {
		t.Fatalf("撤销 of a pending question touched record %+v", got.Fields)
	}
	if r := w.say("u1", "今天"); r.Route == "activity" {
		t.Fatalf("dropped question still completed: %q", r.Text)
	}

	// Expired questions are forgotten.
	w.say("u1", "在王家村开展法治讲座，参加群众30人")
	w.now = w.now.Add(31 * time.Minute)
	if r := w.say("u1", "今天"); r.Route == "activity" {
		t.Fatalf("expired question still completed: %q", r.Text)
	}
}

// TestPendingSurvivesQuestionInBetween is the review's transcript: a
// report without a date, a legal question, then the date.
func TestPendingSurvivesQuestionInBetween(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	r := w.say("u1", "在王家村组织了法治讲座，来了40人")
	wantContains(t, "question", r.Text, "哪天")
	if r := w.say("u1", "欠钱不还怎么办"); r.Route != "question" {
		t.Fatalf("legal question went to %q", r.Route)
	}
	// A question that carries a date of its own is not the answer either.
	if r := w.say("u1", "昨天被人打了怎么办"); r.Route != "question" {
		t.Fatalf("legal question with a date went to %q: %q", r.Route, r.Text)
	}
	if r := w.say("u1", "你好"); r.Route == "activity" {
		t.Fatalf("greeting taken by the clerk: %q", r.Text)
	}
	w.now = w.now.Add(10 * time.Minute)
	r = w.say("u1", "前天")
	wantContains(t, "answer", r.Text, "已记入台账", "3月14日", "法治讲座", "王家村", "参与40人")
	r = w.say("u1", "我的记录")
	wantContains(t, "我的记录", r.Text, "3月14日", "法治讲座")
	if n := len(w.ans.got); n != 3 {
		t.Fatalf("answerer got %d messages %q, want the three in between", n, w.ans.got)
	}
}

func TestCadreQuestionsGoToAnswerer(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	for _, q := range []string{
		"村民问欠钱不还怎么办",
		"邻居占了我家宅基地怎么办？",
		"调解协议有法律效力吗",
		"怎么开展普法宣传比较好？",
		"我们村调解一起纠纷，对方欠了5万块钱不还怎么办",
		"老人被骗了3万元，开展反诈宣传有用吗",
		"宣传反诈需要准备什么资料",
	} {
		if r := w.say("u1", q); r.Route != "question" {
			t.Errorf("%q went to %q (%q), want question", q, r.Route, r.Text)
		}
	}
	if rs, _ := w.store.Recent(context.Background(), bot.ChannelWeChat, "u1", 10); len(rs) != 0 {
		t.Fatalf("questions stored as records: %+v", rs)
	}
}

// A cadre's plan is acknowledged, not answered as a legal question (计划
// matched 计划生育) nor stored; 计划生育 in a report is a topic, not a plan.
func TestCadrePlans(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	for _, plan := range []string{
		"明天计划去张庄开展宣传",
		"明天在李家庄村开展反诈宣传，准备发放资料200份",
		"下周准备在王家村搞一场民法典讲座",
		"打算后天入户走访",
	} {
		r := w.say("u1", plan)
		if r.Route != "activity" || r.Text == "" || strings.Contains(r.Text, "已记入台账") {
			t.Errorf("%q went to %q (%q), want the plan acknowledged", plan, r.Route, r.Text)
		}
	}
	// A plan with a question is a question.
	if r := w.say("u1", "明天要开展反诈宣传，需要准备什么资料吗"); r.Route != "question" {
		t.Errorf("plan with a question went to %q", r.Route)
	}
	if len(w.ans.got) != 1 {
		t.Fatalf("answerer got %q, want only the question", w.ans.got)
	}
	if rs, _ := w.store.Recent(context.Background(), bot.ChannelWeChat, "u1", 10); len(rs) != 0 {
		t.Fatalf("plans stored as records: %+v", rs)
	}
	r := w.say("u1", "3月15日在李家庄村开展计划生育宣传，参加群众80人")
	wantContains(t, "计划生育 report", r.Text, "已记入台账", "参与80人")

	// A plan while a report waits for its date does not give it one.
	w.say("u1", "在王家村开展禁毒宣传，参加群众60人")
	if r := w.say("u1", "明天计划去张庄开展宣传"); r.Route != "activity" || strings.Contains(r.Text, "已记入台账") {
		t.Fatalf("plan while pending: %q", r.Text)
	}
	r = w.say("u1", "昨天")
	wantContains(t, "pending answer after a plan", r.Text, "已记入台账", "3月15日", "参与60人")
}

func TestPhotoAttach(t *testing.T) {
	w := newWorld(t, true)
	w.bindCadre("u1")
	if r := w.image("u1", "M0"); !strings.Contains(r.Text, "10分钟内") {
		t.Fatalf("photo without record reply = %q", r.Text)
	}
	w.say("u1", "今天在李家庄村开展反诈宣传，参加群众80人")
	rec := w.last("u1")
	w.now = w.now.Add(5 * time.Minute)
	r := w.image("u1", "MEDIA1")
	wantContains(t, "photo reply", r.Text, "照片已附到", "共1张")
	if len(w.fetch.calls) != 1 || w.fetch.calls[0] != "wechat/MEDIA1" {
		t.Fatalf("fetcher calls = %v", w.fetch.calls)
	}
	got := w.last("u1")
	if len(got.Photos) != 1 || !strings.HasSuffix(got.Photos[0], "-1.jpg") {
		t.Fatalf("photos = %v", got.Photos)
	}
	data, err := os.ReadFile(filepath.Join(w.store.PhotoDir(), got.Photos[0]))
	if err != nil || string(data) != string(w.fetch.data) {
		t.Fatalf("saved photo = %q, %v", data, err)
	}
	w.fetch.err = errors.New("media expired")
	if r := w.image("u1", "MEDIA2"); !strings.Contains(r.Text, "没能保存") {
		t.Fatalf("failed download reply = %q", r.Text)
	}
	w.fetch.err = nil
	w.now = rec.CreatedAt.Add(11 * time.Minute)
	if r := w.image("u1", "MEDIA3"); !strings.Contains(r.Text, "10分钟内") {
		t.Fatalf("late photo reply = %q", r.Text)
	}
	if got := w.last("u1"); len(got.Photos) != 1 {
		t.Fatalf("photos after failures = %v", got.Photos)
	}
	// A resident's image is not the ledger's.
	if r := w.image("resident", "M9"); r.Route != "image" {
		t.Fatalf("resident image went to %q", r.Route)
	}
}

func TestPhotoWithoutFetcher(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	w.say("u1", "今天在李家庄村开展反诈宣传，参加群众80人")
	if r := w.image("u1", "M1"); !strings.Contains(r.Text, "没能保存") {
		t.Fatalf("reply = %q", r.Text)
	}
}

func TestStatsCommands(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	w.bindCadre("u2")
	w.say("u1", "3月3日在李家庄村开展反诈宣传，参加群众80人，发放资料200份")
	w.say("u1", "今天调解邻里纠纷2起，成功调解2起")
	w.say("u2", "2月20日在李家庄村开展民法典宣传，参加群众50人")
	r := w.say("u1", "本月统计")
	wantContains(t, "本月统计", r.Text, "3月", "普法宣传活动1场次（普法宣传1）", "参与群众80人次", "调解纠纷2件、成功2件")
	r = w.say("u1", "全镇统计")
	wantContains(t, "cadre 全镇统计", r.Text, "只有管理员")
	r = w.say("admin1", "全镇统计")
	wantContains(t, "admin 全镇统计", r.Text, "2025年以来", "普法宣传活动2场次", "李家庄村 普法活动2场次，130人次，调解2件")
	r = w.say("admin1", "本周统计")
	wantContains(t, "admin 本周统计", r.Text, "3月10日至3月16日", "调解纠纷2件")
	if strings.Contains(r.Text, "场次") {
		t.Fatalf("本周统计 of a week with only a mediation counts sessions: %q", r.Text)
	}
}

func TestImplausibleCountsNamed(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	r := w.say("u1", "今天在王家村开展法治讲座，参加群众99999999999人，发放资料200份")
	wantContains(t, "report with a typo", r.Text, "还没记", "参与人数", "99999999999", "10万")
	if _, ok, _ := w.store.Last(context.Background(), bot.ChannelWeChat, "u1"); ok {
		t.Fatal("report with an implausible count was stored")
	}
	r = w.say("u1", "今天在李家庄村开展反诈宣传，参加群众80人")
	wantContains(t, "report", r.Text, "已记入台账")
	for _, c := range []struct{ edit, field string }{
		{"改 人数 99999999999", "参与人数"},
		{"改 资料 一百亿", "资料份数"},
		{"改 户数 200001", "入户户数"},
	} {
		r = w.say("u1", c.edit)
		wantContains(t, c.edit, r.Text, "没有改", c.field, "比如\"改 "+strings.Fields(c.edit)[1]+" 150")
	}
	if got := w.last("u1"); got.Participants != 80 || got.Materials != 0 || got.Households != 0 {
		t.Fatalf("refused edits changed the record: %+v", got.Fields)
	}
	r = w.say("u1", "改 人数 100000")
	wantContains(t, "edit at the cap", r.Text, "已改好", "参与100000人")

	// The answer to a pending question is checked too, and the question
	// keeps waiting for a better one (an admin without a village is asked
	// for the place or the count).
	wantContains(t, "no place or count", w.say("admin1", "今天开展法治讲座").Text, "在哪里")
	r = w.say("admin1", "300000人")
	wantContains(t, "implausible answer", r.Text, "参与人数", "300000")
	r = w.say("admin1", "30人")
	wantContains(t, "answer", r.Text, "已记入台账", "参与30人")
}

// TestStatsViewsAgree checks that chat's 全镇统计 and the year-end report
// count the same data the same way: sessions without 矛盾调解 and 学习培训,
// 群众 without trainees, disputes in 件.
func TestStatsViewsAgree(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1")
	for _, text := range []string{
		"3月3日在李家庄村开展反诈宣传，参加群众80人，发放资料200份",
		"3月5日在王家村举办民法典讲座，参加群众40人",
		"3月8日调解邻里纠纷3起，成功调解2起",
		"3月9日组织村干部学习培训，参加12人",
		"3月12日入户走访15户，参加群众20人",
	} {
		if r := w.say("u1", text); !strings.Contains(r.Text, "已记入台账") {
			t.Fatalf("%s: reply %q", text, r.Text)
		}
	}
	chat := w.say("admin1", "全镇统计").Text
	loc := shanghai
	report, err := w.store.Report(context.Background(), time.Date(2025, 1, 1, 0, 0, 0, 0, loc), time.Date(2026, 1, 1, 0, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	num := func(text, pattern string) int {
		t.Helper()
		m := regexp.MustCompile(pattern).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("%q not found in %q", pattern, text)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for _, c := range []struct {
		name, chat, report string
		want               int
	}{
		{"sessions", `普法宣传活动(\d+)场次`, `普法宣传活动(\d+)场次`, 3},
		{"participants", `参与群众(\d+)人次`, `参与群众(\d+)人次`, 140},
		{"mediations", `调解纠纷(\d+)件`, `调解矛盾纠纷(\d+)件`, 3},
		{"training", `学法培训(\d+)场次`, `学法培训(\d+)场次`, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			gotChat, gotReport := num(chat, c.chat), num(report, c.report)
			if gotChat != gotReport || gotChat != c.want {
				t.Fatalf("chat %d, report %d, want both %d\nchat: %s\nreport: %s", gotChat, gotReport, c.want, chat, report)
			}
		})
	}
}

// BenchmarkClerkReport measures one cadre report end to end through
// bot.Handle: directory lookup, parse, dedupe check, insert, card.
func BenchmarkClerkReport(b *testing.B) {
	w := newWorld(b, false)
	w.bindCadre("u1")
	i := 0
	for b.Loop() {
		i++
		r := w.say("u1", "昨天在李家庄村开展反诈宣传，参加群众"+strconv.Itoa(i)+"人，发放资料200份")
		if r.Route != "activity" {
			b.Fatalf("route %q: %q", r.Route, r.Text)
		}
	}
}

// 在村委会 from a cadre is the cadre's village; an admin without a village
// keeps the place as written.
func TestOwnVillagePlaces(t *testing.T) {
	w := newWorld(t, false)
	w.bindCadre("u1") // 李家庄村
	for _, tt := range []struct{ text, place string }{
		{"今天在村委会开展反诈宣传，参加群众80人", "李家庄村"},
		{"今天在村部开展民法典宣传，参加群众30人", "李家庄村"},
		{"今天在村文化广场开展禁毒宣传，参加群众50人", "李家庄村文化广场"},
		{"今天在王家村村委会开展宪法宣传，参加群众40人", "王家村"},
	} {
		r := w.say("u1", tt.text)
		wantContains(t, tt.text, r.Text, "已记入台账")
		if got := w.last("u1"); got.Place != tt.place {
			t.Errorf("%s: place %q, want %q", tt.text, got.Place, tt.place)
		}
	}
	w.say("u1", "改 地点 村委会")
	if got := w.last("u1"); got.Place != "李家庄村" {
		t.Errorf("改 地点 村委会: place %q, want 李家庄村", got.Place)
	}
	w.say("admin1", "今天在村委会开展反诈宣传，参加群众20人")
	if got, _, _ := w.store.Last(context.Background(), bot.ChannelWeChat, "admin1"); got.Place != "村委会" {
		t.Errorf("admin's place %q, want 村委会", got.Place)
	}
}

// A date that does not exist is named, not asked for again.
func TestNoSuchDay(t *testing.T) {
	w := newWorld(t, false) // now: 2025-03-16
	w.bindCadre("u1")
	r := w.say("u1", "11月31日在村委会开展宪法宣传，参加群众60人")
	wantContains(t, "report on 11月31日", r.Text, "还没记", "没有11月31日这一天", "11月只有30天")
	if _, ok, _ := w.store.Last(context.Background(), bot.ChannelWeChat, "u1"); ok {
		t.Fatal("a report with an impossible date was stored")
	}
	// As the answer to 是哪天的活动: named, and the question keeps waiting.
	wantContains(t, "pending", w.say("u1", "在王家村开展禁毒宣传，参加群众80人").Text, "哪天")
	r = w.say("u1", "2月29日")
	wantContains(t, "answer 2月29日", r.Text, "没有2月29日这一天", "2月只有28天")
	r = w.say("u1", "2月28日")
	wantContains(t, "answer", r.Text, "已记入台账", "2月28日")
	r = w.say("u1", "改 日期 4月31日")
	wantContains(t, "改 日期 4月31日", r.Text, "没有4月31日这一天", "4月只有30天")
	if got := w.last("u1"); got.Date != "2025-02-28" {
		t.Fatalf("date after a refused edit: %s", got.Date)
	}
}
