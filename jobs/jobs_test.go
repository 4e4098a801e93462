package jobs

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDueWithin(t *testing.T) {
	extra := []ExtraDay{{Date: "09-20", Name: "全国科普日", Topics: []string{"科学技术普及法"}},
		{Date: "2026-07-01", Name: "村规民约宣传日"}}
	days := calendar(extra)
	tests := []struct {
		name       string
		today      time.Time
		daysBefore int
		want       []string // periods
	}{
		{"3 days before 3·15", sh(2026, 3, 12, 8, 30), 3, []string{"2026-03-15"}},
		{"4 days before 3·15 is too early", sh(2026, 3, 11, 8, 30), 3, nil},
		{"late but not missed", sh(2026, 3, 14, 8, 30), 3, []string{"2026-03-15"}},
		{"on the day is past the window", sh(2026, 3, 15, 8, 30), 3, nil},
		{"5 days before 3·8", sh(2026, 3, 3, 8, 30), 5, []string{"2026-03-08"}},
		{"民法典宣传月 before May 1", sh(2026, 4, 28, 8, 30), 3, []string{"2026-05-month"}},
		{"宪法宣传周 before December 1", sh(2026, 11, 28, 8, 30), 3, []string{"2026-12-week"}},
		{"宪法日 during the week", sh(2026, 12, 1, 8, 30), 3, []string{"2026-12-04"}},
		{"across the new year", sh(2026, 12, 30, 8, 30), 3, nil},
		{"extra yearly day", sh(2027, 9, 17, 8, 30), 3, []string{"2027-extra-09-20"}},
		{"extra one-off day", sh(2026, 6, 28, 8, 30), 3, []string{"2026-extra-2026-07-01"}},
		{"extra one-off day, other year", sh(2027, 6, 28, 8, 30), 3, nil},
		{"days_before 0 means on the day", sh(2026, 6, 26, 8, 30), 0, []string{"2026-06-26"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range dueWithin(days, tt.today, tt.daysBefore) {
				got = append(got, d.Period())
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("due on %s = %v, want %v", tt.today.Format("2006-01-02"), got, tt.want)
			}
		})
	}
}

// The right people get the right text on the right day: 3 days before
// 3·15 every cadre, and no admin, gets the reminder naming the day, its
// topics and the laws found; the day before nothing is sent; the days
// after, nothing is sent again.
func TestPublicityReminderRightPeopleRightDay(t *testing.T) {
	e := newEnv(t)
	e.laws.byQuery["消费者权益保护"] = []LawRef{{Law: "《中华人民共和国消费者权益保护法》", Article: "第二十五条"}}
	e.laws.byQuery["食品安全"] = []LawRef{{Law: "《中华人民共和国食品安全法》", Article: "第一百四十八条"}}
	s := e.service("a")

	e.run(s, JobPublicityCalendar, sh(2026, 3, 11, 8, 30))
	if got := e.sender.all; len(got) != 0 {
		t.Fatalf("3月11日 sent %d messages, want none (4 days before)", len(got))
	}
	e.run(s, JobPublicityCalendar, sh(2026, 3, 12, 8, 30))
	got := e.sender.delivered()
	if len(got) != 2 {
		t.Fatalf("3月12日 sent %d messages, want 2 (one per cadre): %+v", len(got), got)
	}
	to := map[string]string{}
	for _, m := range got {
		to[m.To.Key()] = m.Msg.Text
	}
	for _, p := range []Person{zhang, li} {
		text, ok := to[p.Key()]
		if !ok {
			t.Fatalf("%s got no reminder", p.Name)
		}
		for _, want := range []string{p.Name, "3月15日", "消费者权益日", "还有3天", "消费者权益保护",
			"《中华人民共和国消费者权益保护法》第二十五条", "《中华人民共和国食品安全法》第一百四十八条", p.Village} {
			if !strings.Contains(text, want) {
				t.Errorf("reminder to %s lacks %q:\n%s", p.Name, want, text)
			}
		}
	}
	if _, ok := to[admin.Key()]; ok {
		t.Errorf("the admin got a cadre reminder")
	}
	e.sender.reset()
	e.run(s, JobPublicityCalendar, sh(2026, 3, 13, 8, 30))
	e.run(s, JobPublicityCalendar, sh(2026, 3, 14, 8, 30))
	if n := len(e.sender.all); n != 0 {
		t.Errorf("3月13–14日 sent %d more messages, want 0 (already reminded)", n)
	}
}

func TestWeek(t *testing.T) {
	tests := []struct {
		name     string
		at       time.Time
		from, to time.Time
	}{
		{"Monday morning", sh(2026, 3, 16, 8, 0), sh(2026, 3, 9, 0, 0), sh(2026, 3, 16, 0, 0)},
		{"Monday 01:00 Beijing is Sunday in UTC", time.Date(2026, 3, 15, 17, 0, 0, 0, time.UTC).In(shanghai),
			sh(2026, 3, 9, 0, 0), sh(2026, 3, 16, 0, 0)},
		{"Sunday night", sh(2026, 3, 22, 23, 59), sh(2026, 3, 9, 0, 0), sh(2026, 3, 16, 0, 0)},
		{"across the year", sh(2026, 1, 1, 9, 0), sh(2025, 12, 22, 0, 0), sh(2025, 12, 29, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := week(tt.at)
			if !from.Equal(tt.from) || !to.Equal(tt.to) {
				t.Errorf("week(%s) = [%s, %s), want [%s, %s)", tt.at, from, to, tt.from, tt.to)
			}
		})
	}
}

// Monday's digest counts last Monday–Sunday in Asia/Shanghai against the
// week before, and goes to admins only.
func TestWeeklyDigestContents(t *testing.T) {
	e := newEnv(t)
	this, prev := sh(2026, 3, 9, 0, 0), sh(2026, 3, 2, 0, 0)
	e.ledger.byFrom[this.Format(time.RFC3339)] = LedgerSummary{
		Activities: 5, Participants: 320, Materials: 600, Consultations: 14, Mediations: 4, MediationsResolved: 3,
		TrainingSessions: 2, TrainingParticipants: 25,
		ByType:    []Count{{"普法宣传", 3}, {"矛盾调解", 2}},
		ByVillage: []Count{{"李家庄村", 5}},
		Reporters: []string{zhang.Key()},
	}
	e.ledger.byFrom[prev.Format(time.RFC3339)] = LedgerSummary{Activities: 3, Participants: 400, Mediations: 2, MediationsResolved: 1}
	e.qs.count[this.Format(time.RFC3339)] = 42
	e.qs.count[prev.Format(time.RFC3339)] = 30
	e.qs.topics = []Count{{"彩礼", 7}, {"宅基地", 5}}
	e.qs.unanswered = 8
	e.qs.examples = []string{"q1", "q2", "q3", "q4", "q5", "q6"}
	e.kb.changes = []KBChange{{Action: "added", Title: "中华人民共和国妇女权益保障法", At: sh(2026, 3, 10, 15, 0)},
		{Action: "retired", Title: "旧的宣传册", At: sh(2026, 3, 1, 15, 0)}}
	s := e.service("a")
	// Monday 01:00 in Beijing is still Sunday in UTC: the week is Beijing's.
	e.run(s, JobWeeklyDigest, time.Date(2026, 3, 15, 17, 0, 0, 0, time.UTC))

	if len(e.ledger.summary) != 2 {
		t.Fatalf("ledger Summary called %d times, want 2", len(e.ledger.summary))
	}
	if got := e.ledger.summary[0]; !got[0].Equal(this) || !got[1].Equal(sh(2026, 3, 16, 0, 0)) {
		t.Errorf("this week = %v, want [2026-03-09, 2026-03-16) Beijing", got)
	}
	if got := e.ledger.summary[1]; !got[0].Equal(prev) || !got[1].Equal(this) {
		t.Errorf("week before = %v, want [2026-03-02, 2026-03-09) Beijing", got)
	}
	got := e.sender.delivered()
	if len(got) != 1 || got[0].To != admin {
		t.Fatalf("digest went to %+v, want the admin only", got)
	}
	text := got[0].Msg.Text
	for _, want := range []string{
		"3月9日—3月15日", "宣传活动 5场（前一周 3，多2）", "普法宣传 3", "李家庄村 5",
		"参与群众 320人次（前一周 400，少80）", "发放资料 600份", "法律咨询 14人次",
		"调解纠纷 4件", "成功率 75%（前一周 50%）", "学法培训 2场（前一周 0，多2），参训 25人次",
		"上周没有记录的村干部（1人）：李四（王家屯村）",
		"居民提问 42条（前一周 30，多12）", "彩礼 7", "还没答上的问题 8条", "5. q5",
		"新增《中华人民共和国妇女权益保障法》", "上周的提醒都已送达",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"6. q6", "旧的宣传册"} {
		if strings.Contains(text, bad) {
			t.Errorf("digest has %q, which is outside its limits:\n%s", bad, text)
		}
	}
}

// No double send: a restart (a new Service on the same database), a manual
// run and two schedulers racing on one database send each digest once.
func TestNoDoubleSendAcrossRestartAndReplicas(t *testing.T) {
	e := newEnv(t)
	e.people.list = append(e.people.list,
		Person{Channel: ChannelWeCom, UserID: "admin2", Name: "赵干事", Role: RoleAdmin})
	at := sh(2026, 3, 16, 8, 0)
	e.clock.Set(at)
	a, b := e.service("replica-a"), e.service("replica-b")
	var wg sync.WaitGroup
	for _, s := range []*Service{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Run(context.Background(), JobWeeklyDigest, at, RunOptions{}); err != nil {
				t.Errorf("Run: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := len(e.sender.all); n != 2 {
		t.Fatalf("two replicas sent %d digests, want 2 (one per admin)", n)
	}
	restarted := e.service("replica-a-restarted", func(c *Config) {
		c.PublicityCalendar.Enabled, c.InactivityNudge.Enabled = false, false
	})
	e.run(restarted, JobWeeklyDigest, sh(2026, 3, 16, 9, 15)) // a manual run later that morning
	if err := restarted.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(e.sender.all); n != 2 {
		t.Errorf("after a restart and a manual run: %d digests sent in all, want still 2", n)
	}
	sends, err := restarted.Sends(context.Background(), JobWeeklyDigest)
	if err != nil {
		t.Fatal(err)
	}
	if len(sends) != 2 || sends[0].Status != statusSent || sends[0].Period != "2026-W11" {
		t.Errorf("recorded sends = %+v, want 2 sent rows for 2026-W11", sends)
	}
	// The next week is a new period.
	e.run(restarted, JobWeeklyDigest, sh(2026, 3, 23, 8, 0))
	if n := len(e.sender.all); n != 4 {
		t.Errorf("next Monday: %d digests in all, want 4", n)
	}
}

// A run that crashed half-way is resumed once its lease runs out, without
// sending again to those already done; a send caught mid-flight is not
// repeated (delivery unknown) and is reported as failed.
func TestCrashedRunResumesWithoutResending(t *testing.T) {
	e := newEnv(t)
	wang := Person{Channel: ChannelWeChat, UserID: "oWANG", Name: "王五", Village: "赵村", Role: RoleCadre}
	e.people.list = append(e.people.list, wang)
	at := sh(2026, 3, 12, 8, 30)
	ctx := context.Background()
	crashed := e.service("crashed")
	id, _, ok, err := crashed.store.claim(ctx, JobPublicityCalendar, "2026-03-15", at, at)
	if err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	// It had sent to 张三 and was sending to 李四 when it died.
	if _, err := crashed.store.begin(ctx, id, zhang, 1, at); err != nil {
		t.Fatal(err)
	}
	if err := crashed.store.record(ctx, id, zhang, 1, nil, at); err != nil {
		t.Fatal(err)
	}
	if _, err := crashed.store.begin(ctx, id, li, 1, at); err != nil {
		t.Fatal(err)
	}

	other := e.service("other")
	e.run(other, JobPublicityCalendar, at.Add(5*time.Minute)) // lease (10 min) still held
	if n := len(e.sender.all); n != 0 {
		t.Fatalf("sent %d while the crashed runner's lease held, want 0", n)
	}
	res := e.run(other, JobPublicityCalendar, at.Add(11*time.Minute))
	if got := e.sender.all; len(got) != 1 || got[0].To != wang {
		t.Fatalf("resumed run sent %+v, want only 王五", got)
	}
	if b := res.Batches[0]; b.Status != "resumed" || b.AlreadyDone != 2 {
		t.Errorf("batch = %+v, want resumed with 2 already done", b)
	}
	sends, _ := other.Sends(ctx, "")
	status := map[string]string{}
	for _, s := range sends {
		status[s.Name] = s.Status
	}
	if status[zhang.Label()] != statusSent || status[li.Label()] != statusFailed || status[wang.Label()] != statusSent {
		t.Errorf("statuses = %v, want 张三 sent, 李四 failed (unknown), 王五 sent", status)
	}
}

// A run stopped by shutdown (ctx cancelled) after its first send is
// resumed by the next run of the period right away, without re-sending.
func TestShutdownMidRunResumesAtOnce(t *testing.T) {
	e := newEnv(t)
	at := sh(2026, 3, 12, 8, 30)
	e.clock.Set(at)
	ctx, cancel := context.WithCancel(context.Background())
	e.sender.onSend = func(Person) { cancel() }
	if _, err := e.service("stopping").Run(ctx, JobPublicityCalendar, at, RunOptions{}); err == nil {
		t.Fatal("Run after shutdown returned no error")
	}
	if n := len(e.sender.all); n != 1 {
		t.Fatalf("sent %d before stopping, want 1", n)
	}
	e.sender.onSend = nil
	res := e.run(e.service("restarted"), JobPublicityCalendar, at.Add(time.Minute))
	if b := res.Batches[0]; b.Status != "resumed" || b.Sent != 1 || b.AlreadyDone != 1 {
		t.Errorf("restart batch = %+v, want resumed, 1 sent, 1 already done", b)
	}
	if got := names(e.sender.all); got != "张三,李四" && got != "李四,张三" {
		t.Errorf("sends in all = %q, want each cadre once", got)
	}
}

// A 45015 (customer-service window closed) is recorded with the recipient,
// not retried, and shown in the next digest.
func TestFailureRecordedAndReportedInDigest(t *testing.T) {
	e := newEnv(t)
	e.sender.fail[zhang.Key()] = ErrCode45015
	s := e.service("a")
	res := e.run(s, JobPublicityCalendar, sh(2026, 3, 12, 8, 30))
	if b := res.Batches[0]; b.Sent != 1 || b.Failed != 1 {
		t.Fatalf("batch = %+v, want 1 sent, 1 failed", b)
	}
	e.run(s, JobPublicityCalendar, sh(2026, 3, 13, 8, 30))
	if n := len(e.sender.all); n != 2 {
		t.Errorf("%d send attempts, want 2: a 45015 is not retried", n)
	}
	sends, _ := s.Sends(context.Background(), JobPublicityCalendar)
	var failed []Send
	for _, x := range sends {
		if x.Status == statusFailed {
			failed = append(failed, x)
		}
	}
	if len(failed) != 1 || failed[0].UserID != zhang.UserID || failed[0].ErrCode != ErrCode45015 {
		t.Fatalf("failed sends = %+v, want 张三 with 45015", failed)
	}
	e.sender.reset()
	e.run(s, JobWeeklyDigest, sh(2026, 3, 16, 8, 0))
	got := e.sender.delivered()
	if len(got) != 1 {
		t.Fatalf("digest sends = %d, want 1", len(got))
	}
	for _, want := range []string{"发送失败 1条", "张三（李家庄村）", "宣传日提醒", "45015"} {
		if !strings.Contains(got[0].Msg.Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, got[0].Msg.Text)
		}
	}
	// The week after, that failure is old news.
	e.sender.reset()
	e.run(s, JobWeeklyDigest, sh(2026, 3, 23, 8, 0))
	if text := e.sender.delivered()[0].Msg.Text; strings.Contains(text, "45015") {
		t.Errorf("the next week's digest repeats last week's failure:\n%s", text)
	}
}

// A run missed while the service was down is caught up once on start.
func TestCatchUpMissedRunOnce(t *testing.T) {
	e := newEnv(t)
	only := func(job string) func(*Config) {
		return func(c *Config) {
			c.PublicityCalendar.Enabled = job == JobPublicityCalendar
			c.InactivityNudge.Enabled = job == JobInactivityNudge
			c.WeeklyDigest.Enabled = job == JobWeeklyDigest
		}
	}
	// A fresh install has missed nothing.
	e.clock.Set(sh(2026, 3, 10, 9, 0))
	if err := e.service("fresh", only(JobWeeklyDigest)).CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(e.sender.all); n != 0 {
		t.Fatalf("a fresh install caught up %d digests, want 0", n)
	}
	// It ran the week before, then was down over Monday 08:00, back at 10:30.
	e.run(e.service("up", only(JobWeeklyDigest)), JobWeeklyDigest, sh(2026, 3, 9, 8, 0))
	e.sender.reset()
	e.clock.Set(sh(2026, 3, 16, 10, 30))
	s := e.service("a", only(JobWeeklyDigest))
	if err := s.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(e.sender.all); n != 1 {
		t.Fatalf("catch-up sent %d digests, want 1", n)
	}
	if !strings.Contains(e.sender.all[0].Msg.Text, "3月9日—3月15日") {
		t.Errorf("caught-up digest is not last week's:\n%s", e.sender.all[0].Msg.Text)
	}
	// Restarted on Tuesday: Monday's run is done, nothing more.
	e.clock.Set(sh(2026, 3, 17, 9, 0))
	if err := e.service("b", only(JobWeeklyDigest)).CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(e.sender.all); n != 1 {
		t.Errorf("second start sent %d digests in all, want still 1", n)
	}
	// Start (with the cron) also catches up, once: the calendar reminded of
	// 3·8 on 3·5, then was down on 3·12 and 3·13 at 08:30.
	e.run(e.service("up", only(JobPublicityCalendar)), JobPublicityCalendar, sh(2026, 3, 5, 8, 30))
	e.sender.reset()
	e.clock.Set(sh(2026, 3, 13, 9, 0))
	stop := e.service("c", only(JobPublicityCalendar)).Start(context.Background())
	stop()
	if n := len(e.sender.all); n != 2 {
		t.Errorf("Start's catch-up: %d messages, want 2 (the 3·15 reminder to 2 cadres)", n)
	}
	stop = e.service("d", only(JobPublicityCalendar)).Start(context.Background())
	stop()
	if n := len(e.sender.all); n != 2 {
		t.Errorf("second Start: %d messages in all, want still 2", n)
	}
}

func TestInactivityNudge(t *testing.T) {
	e := newEnv(t)
	at := sh(2026, 3, 16, 10, 0)
	wang := Person{Channel: ChannelWeChat, UserID: "oWANG", Name: "王五", Village: "赵村", Role: RoleCadre}
	newbie := Person{Channel: ChannelWeChat, UserID: "oNEW", Name: "新来的", Role: RoleCadre, Joined: at.AddDate(0, 0, -3)}
	e.people.list = append(e.people.list, wang, newbie)
	e.ledger.last[zhang.Key()] = at.AddDate(0, 0, -31) // inactive
	e.ledger.last[li.Key()] = at.AddDate(0, 0, -29)    // active enough
	// 王五 never recorded anything and is not new: nudged.
	s := e.service("a")
	e.run(s, JobInactivityNudge, at)
	got := map[string]string{}
	for _, m := range e.sender.delivered() {
		got[m.To.Name] = m.Msg.Text
	}
	if len(got) != 2 || got["张三"] == "" || got["王五"] == "" {
		t.Fatalf("nudged %v, want 张三 and 王五", keys(got))
	}
	for _, want := range []string{"张三您好", "30天", "李家庄村开展普法宣传", "帮助"} {
		if !strings.Contains(got["张三"], want) {
			t.Errorf("nudge lacks %q:\n%s", want, got["张三"])
		}
	}
	// A week later 张三 and 王五 are still inactive but were nudged 7 days
	// ago; 李四 has now gone 36 days without a record.
	e.sender.reset()
	e.run(s, JobInactivityNudge, at.AddDate(0, 0, 7))
	if got := names(e.sender.all); got != "李四" {
		t.Errorf("a week later nudged %q, want 李四 only", got)
	}
	e.sender.reset()
	e.run(s, JobInactivityNudge, at.AddDate(0, 0, 35))
	if got := names(e.sender.all); got != "张三,王五,新来的" {
		t.Errorf("35 days later nudged %q, want 张三,王五,新来的 (李四 was nudged 28 days ago)", got)
	}
}

func names(ss []sent) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.To.Name)
	}
	return strings.Join(out, ",")
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// --dry-run prints every message with the recipient's name and user id and
// sends and records nothing.
func TestDryRunSendsNothing(t *testing.T) {
	e := newEnv(t)
	s := e.service("a")
	var out bytes.Buffer
	at := sh(2026, 3, 12, 8, 30)
	if _, err := s.Run(context.Background(), JobPublicityCalendar, at, RunOptions{DryRun: true, Out: &out}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"张三（李家庄村）", zhang.UserID, "李四（王家屯村）", "lisi", "3月15日"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out.String())
		}
	}
	if n := len(e.sender.all); n != 0 {
		t.Errorf("dry run sent %d messages", n)
	}
	// Nothing was claimed: the real run still sends.
	e.run(s, JobPublicityCalendar, at)
	if n := len(e.sender.all); n != 2 {
		t.Errorf("real run after a dry run sent %d, want 2", n)
	}
}

func TestListNextRunInZone(t *testing.T) {
	e := newEnv(t)
	e.clock.Set(time.Date(2026, 3, 15, 23, 0, 0, 0, time.UTC)) // Monday 07:00 in Beijing
	s := e.service("a", func(c *Config) { c.InactivityNudge.Enabled = false })
	want := map[string]struct {
		enabled bool
		next    time.Time
	}{
		JobPublicityCalendar: {true, sh(2026, 3, 16, 8, 30)},
		JobInactivityNudge:   {false, sh(2026, 3, 16, 10, 0)},
		JobWeeklyDigest:      {true, sh(2026, 3, 16, 8, 0)},
	}
	got := s.List()
	if len(got) != 3 {
		t.Fatalf("List = %+v, want 3 jobs", got)
	}
	for _, j := range got {
		w := want[j.Name]
		if j.Enabled != w.enabled || !j.Next.Equal(w.next) || j.Next.Location().String() != "Asia/Shanghai" {
			t.Errorf("%s: enabled %v next %s, want %v %s", j.Name, j.Enabled, j.Next, w.enabled, w.next)
		}
	}
}

func TestSplitText(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 120; i++ {
		fmt.Fprintf(&b, "第%d行：李家庄村开展普法宣传，参加群众一百二十人。\n", i)
	}
	b.WriteString(strings.Repeat("很长的一句话没有换行", 300))
	text := b.String()
	parts := splitText(text, MaxMessageBytes)
	if len(parts) < 3 {
		t.Fatalf("%d parts, want several", len(parts))
	}
	var joined strings.Builder
	for i, p := range parts {
		if len(p) > MaxMessageBytes {
			t.Errorf("part %d is %d bytes, over %d", i+1, len(p), MaxMessageBytes)
		}
		prefix := fmt.Sprintf("(%d/%d)\n", i+1, len(parts))
		if !strings.HasPrefix(p, prefix) {
			t.Errorf("part %d does not start with %q", i+1, prefix)
		}
		joined.WriteString(strings.TrimPrefix(p, prefix))
	}
	norm := func(s string) string { return strings.ReplaceAll(s, "\n", "") }
	if norm(joined.String()) != norm(text) {
		t.Errorf("parts do not add up to the text")
	}
	if got := splitText("短消息", MaxMessageBytes); len(got) != 1 || got[0] != "短消息" {
		t.Errorf("short text split into %q", got)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		mod     func(*Config)
		wantKey string
	}{
		{"defaults", func(c *Config) {}, ""},
		{"bad zone", func(c *Config) { c.TimeZone = "Mars/Base" }, "jobs.time_zone"},
		{"bad schedule", func(c *Config) { c.WeeklyDigest.Schedule = "every monday" }, "jobs.weekly_digest.schedule"},
		{"zone in schedule", func(c *Config) { c.InactivityNudge.Schedule = "CRON_TZ=UTC 0 8 * * 1" }, "jobs.inactivity_nudge.schedule"},
		{"negative days_before", func(c *Config) { c.PublicityCalendar.DaysBefore = -1 }, "jobs.publicity_calendar.days_before"},
		{"bad extra date", func(c *Config) {
			c.PublicityCalendar.ExtraDays = []ExtraDay{{Date: "02-30", Name: "x"}}
		}, "jobs.publicity_calendar.extra_days[0]"},
		{"extra day without name", func(c *Config) {
			c.PublicityCalendar.ExtraDays = []ExtraDay{{Date: "09-20"}}
		}, "jobs.publicity_calendar.extra_days[0]"},
		{"zero days", func(c *Config) { c.InactivityNudge.Days = 0 }, "jobs.inactivity_nudge.days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.mod(&c)
			err := c.Validate()
			switch {
			case tt.wantKey == "" && err != nil:
				t.Errorf("Validate = %v, want nil", err)
			case tt.wantKey != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantKey+":")):
				t.Errorf("Validate = %v, want an error on %s", err, tt.wantKey)
			}
		})
	}
}
