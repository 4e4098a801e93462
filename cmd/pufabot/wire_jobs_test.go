package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/activity"
	"github.com/pufabot/pufabot/bot/people"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/jobs"
	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// The adapters read the real ledger and question log the way the digest
// means them: last Monday–Sunday in Beijing, reporters by channel and id.
func TestJobAdaptersOnRealStores(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	sh, _ := time.LoadLocation("Asia/Shanghai")
	store, err := activity.NewStore(ctx, db, sh, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	add := func(date, typ, user string, f activity.Fields) {
		t.Helper()
		f.Date, f.Type, f.Note = date, typ, date+typ+user
		if _, _, err := store.Add(ctx, activity.Record{Fields: f, Channel: "wechat", UserID: user, Reporter: user, Village: "李家庄村"},
			time.Date(2026, 3, 15, 10, 0, 0, 0, sh)); err != nil {
			t.Fatal(err)
		}
	}
	add("2026-03-09", activity.TypePublicity, "oZHANG", activity.Fields{Participants: 120, Materials: 300})
	add("2026-03-15", activity.TypeMediation, "oZHANG", activity.Fields{Mediations: 2, MediationsResolved: 1})
	add("2026-03-16", activity.TypePublicity, "oLI", activity.Fields{Participants: 50}) // this week: not counted
	add("2026-03-08", activity.TypePublicity, "oLI", activity.Fields{Participants: 40}) // the week before
	from, to := time.Date(2026, 3, 9, 0, 0, 0, 0, sh), time.Date(2026, 3, 16, 0, 0, 0, 0, sh)

	got, err := jobLedger{store}.Summary(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	// The mediation counts in 件, not as a publicity session; the lists add
	// up to the headline.
	if got.Activities != 1 || got.Participants != 120 || got.Materials != 300 || got.Mediations != 2 || got.MediationsResolved != 1 {
		t.Errorf("summary = %+v, want 1 activity, 120 participants, 300 materials, 2 mediations (1 resolved)", got)
	}
	if len(got.Reporters) != 1 || got.Reporters[0] != "wechat:oZHANG" {
		t.Errorf("reporters = %v, want [wechat:oZHANG]", got.Reporters)
	}
	if len(got.ByType) != 1 || got.ByType[0] != (jobs.Count{Name: activity.TypePublicity, N: 1}) ||
		len(got.ByVillage) != 1 || got.ByVillage[0] != (jobs.Count{Name: "李家庄村", N: 1}) {
		t.Errorf("by type %v, by village %v", got.ByType, got.ByVillage)
	}
	if _, ok, err := (jobLedger{store}).LastRecord(ctx, "wechat", "oZHANG"); !ok || err != nil {
		t.Errorf("LastRecord of oZHANG: ok %v err %v", ok, err)
	}
	if _, ok, _ := (jobLedger{store}).LastRecord(ctx, "wechat", "oNOBODY"); ok {
		t.Error("LastRecord found a record for someone who never reported")
	}

	qs, err := questions.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range []questions.Entry{
		{Question: "彩礼能要回来吗", Topic: "民法典", Covered: true, Mode: "extractive"},
		{Question: "离婚孩子归谁", Topic: "民法典", Covered: true, Mode: "extractive"},
		{Question: "村里修路占地补偿怎么算", Mode: "referral"},
	} {
		q.At = time.Date(2026, 3, 10+i, 9, 0, 0, 0, sh)
		q.Channel, q.UserID = bot.ChannelWeChat, "oRES"
		if _, err := qs.Add(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	jq := jobQuestions{qs}
	if n, err := jq.Count(ctx, from, to); n != 3 || err != nil {
		t.Errorf("Count = %d, %v; want 3", n, err)
	}
	if top, _ := jq.TopTopics(ctx, from, to, 5); len(top) != 1 || top[0] != (jobs.Count{Name: "民法典", N: 2}) {
		t.Errorf("TopTopics = %v, want [民法典 2]", top)
	}
	if n, ex, err := jq.Unanswered(ctx, from, to, 5); n != 1 || len(ex) != 1 || !strings.Contains(ex[0], "修路") || err != nil {
		t.Errorf("Unanswered = %d %v %v, want the referral", n, ex, err)
	}
}

// [admin] users join bound people; OpenID-shaped ids go to the Official
// Account when both channels are configured; terminal users are left out.
func TestJobPeople(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	reg, err := people.NewRegistry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for _, p := range []struct {
		ch   bot.Channel
		id   string
		role bot.Role
	}{{bot.ChannelWeChat, "oCADRE", bot.RoleCadre}, {bot.ChannelTerminal, "terminal-cadre", bot.RoleCadre},
		{bot.ChannelWeCom, "wangsuo", bot.RoleAdmin}} {
		code, err := reg.Invite(ctx, "某人", "", p.role, at)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := reg.Bind(ctx, p.ch, p.id, code, at); err != nil {
			t.Fatal(err)
		}
	}
	jp := &jobPeople{reg: reg, admins: []string{"wangsuo", "oADMIN0000000000000000000001", "lisi"}, wechat: true, wecom: true}
	list, err := jp.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range list {
		got = append(got, p.Role+" "+p.Key())
	}
	want := "cadre wechat:oCADRE|admin wecom:wangsuo|admin wechat:oADMIN0000000000000000000001|admin wecom:lisi"
	if strings.Join(got, "|") != want {
		t.Errorf("people = %s\nwant     %s", strings.Join(got, "|"), want)
	}
}

// The knowledge-base adapter finds law articles for a reminder topic and
// reports documents added and retired in a week.
func TestJobKB(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	kb, err := knowledge.Open(ctx, db, knowledge.DefaultConfig(), knowledge.DefaultEmbeddingConfig(),
		knowledge.Options{Now: clock, NoStarter: true})
	if err != nil {
		t.Fatal(err)
	}
	law := "中华人民共和国消费者权益保护法\n\n第一章 总则\n\n" +
		"第一条 为保护消费者的合法权益，维护社会经济秩序，促进社会主义市场经济健康发展，制定本法。\n\n" +
		"第二十四条 经营者提供的商品或者服务不符合质量要求的，消费者可以依照国家规定、当事人约定退货，或者要求经营者履行更换、修理等义务。\n\n" +
		"第二十五条 经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由。\n"
	doc, err := kb.AddFile(ctx, "消费者权益保护法.md", []byte(law), "law")
	if err != nil {
		t.Fatal(err)
	}
	refs, err := jobKB{kb}.FindLaws(ctx, "消费者权益保护", 4)
	if err != nil || len(refs) == 0 {
		t.Fatalf("FindLaws = %v, %v; want articles", refs, err)
	}
	for _, r := range refs {
		if !strings.HasPrefix(r.Law, "《") || !strings.HasSuffix(r.Law, "》") || !strings.HasPrefix(r.Article, "第") {
			t.Errorf("law ref %+v is not 《…》第…条", r)
		}
	}
	week := func(from time.Time) []jobs.KBChange {
		cs, err := jobKB{kb}.Changes(ctx, from, from.AddDate(0, 0, 7))
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	mon := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	if cs := week(mon); len(cs) != 1 || cs[0].Action != "added" {
		t.Errorf("changes of the week it was added = %+v, want one added", cs)
	}
	now = now.AddDate(0, 0, 7)
	if err := kb.Retire(ctx, doc.ID, ""); err != nil {
		t.Fatal(err)
	}
	if cs := week(mon.AddDate(0, 0, 7)); len(cs) != 1 || cs[0].Action != "retired" {
		t.Errorf("changes of the week it was retired = %+v, want one retired", cs)
	}
	if cs := week(mon.AddDate(0, 0, 14)); len(cs) != 0 {
		t.Errorf("a quiet week has changes %+v", cs)
	}
}

// The weekly digest and the year-end report count the same records the
// same way (review finding: the digest said 1 where the report said 0).
func TestDigestAgreesWithReport(t *testing.T) {
	ctx := context.Background()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	store, err := activity.NewStore(ctx, storage.MustOpenTemp(t), sh, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range []struct {
		date, typ, village string
		f                  activity.Fields
	}{
		{"2026-11-16", activity.TypeLecture, "李家庄村", activity.Fields{Participants: 50}},
		{"2026-11-18", activity.TypeLecture, "王家村", activity.Fields{Participants: 30, Materials: 100}},
		{"2026-11-20", activity.TypeMediation, "李家庄村", activity.Fields{Mediations: 2, MediationsResolved: 2}},
		{"2026-11-21", activity.TypeTraining, "王家村", activity.Fields{Participants: 12}},
		{"2026-11-22", activity.TypeMediation, "", activity.Fields{Mediations: 1}},
	} {
		f := r.f
		f.Date, f.Type, f.Note = r.date, r.typ, fmt.Sprint("record ", i)
		if _, _, err := store.Add(ctx, activity.Record{Fields: f, Channel: "wechat", UserID: fmt.Sprint("u", i), Village: r.village},
			time.Date(2026, 11, 22, 10, 0, 0, 0, sh)); err != nil {
			t.Fatal(err)
		}
	}
	from, to := time.Date(2026, 11, 16, 0, 0, 0, 0, sh), time.Date(2026, 11, 23, 0, 0, 0, 0, sh)
	sum, err := jobLedger{store}.Summary(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	report, err := store.Report(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("全镇共开展普法宣传活动%d场次、参与群众%d人次、发放宣传资料%d份、解答法律咨询%d人次、入户走访0户、调解矛盾纠纷%d件、调解成功%d件",
		sum.Activities, sum.Participants, sum.Materials, sum.Consultations, sum.Mediations, sum.MediationsResolved)
	if !strings.Contains(report, want) {
		t.Fatalf("digest summary %+v does not match the report:\nwant %s\nin   %s", sum, want, report)
	}
	if sum.Activities != 2 || sum.Participants != 80 || sum.Mediations != 3 {
		t.Errorf("summary %+v, want 2 sessions, 80 participants, 3 disputes", sum)
	}
	training := fmt.Sprintf("组织干部学法培训%d场次、参训%d人次", sum.TrainingSessions, sum.TrainingParticipants)
	if sum.TrainingSessions != 1 || !strings.Contains(report, training) {
		t.Errorf("digest training %d / %d does not match the report:\n%s", sum.TrainingSessions, sum.TrainingParticipants, report)
	}
	total := 0
	for _, c := range sum.ByVillage {
		total += c.N
	}
	if total != sum.Activities {
		t.Errorf("by village %v adds up to %d, want %d", sum.ByVillage, total, sum.Activities)
	}
}
