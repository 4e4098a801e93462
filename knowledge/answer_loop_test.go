package knowledge

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/bot/wechat"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// latin finds programmer English (errcode, push via …) in admin text.
var latin = regexp.MustCompile(`[A-Za-z]{3,}`)

func TestReplyFailureIsExplainedInChinese(t *testing.T) {
	apiErr := func(code int, msg string) error {
		return fmt.Errorf("push via wechat: %w", &wechat.APIError{Code: code, Msg: msg})
	}
	tests := []struct {
		name     string
		noPusher bool
		pushErr  error
		later    time.Duration
		wantNote string
	}{
		{"45015 outside the 48 h window", false, apiErr(45015, "response out of time limit or subscription is canceled"), time.Hour, textPushOutOfWindow},
		{"48 h passed, not tried", false, nil, 49 * time.Hour, textPushOutOfWindow},
		{"48001 no permission", false, apiErr(48001, "api unauthorized"), time.Hour, textPushNoPermission},
		{"45047 quota", false, apiErr(45047, "out of response count limit"), time.Hour, textPushQuota},
		{"network", false, errors.New("push via wechat: dial tcp 127.0.0.1:9: connect: connection refused"), time.Hour, textPushFailed},
		{"no push channel", true, nil, time.Hour, textPushNoChannel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			push := &fakePusher{err: tt.pushErr}
			f := newFixture(t, LLMConfig{}, func(string) []Result { return nil }, func(c *AnswerConfig, d *AnswererDeps) {
				if !tt.noPusher {
					d.Push = push
				}
			})
			ans := f.ask(t, "resident-1", "宅基地被邻居占了怎么办")
			f.now = f.now.Add(tt.later)
			res, err := f.a.Reply(context.Background(), ans.QuestionID, "可以先找村委会调解。", "admin")
			if err != nil {
				t.Fatal(err)
			}
			if res.Delivered || res.Note != tt.wantNote {
				t.Errorf("delivered %v note %q, want not delivered, %q", res.Delivered, res.Note, tt.wantNote)
			}
			sum := ReplySummary(res)
			if !strings.Contains(sum, tt.wantNote) || !strings.Contains(sum, "他下次发消息时会先收到这条答复") || latin.MatchString(sum) {
				t.Errorf("summary %q: want the plain reason, the next-message promise and no English", sum)
			}
			if e, _ := f.log.Get(context.Background(), ans.QuestionID); e.Delivery != questions.NotDelivered {
				t.Errorf("delivery = %q, want %q", e.Delivery, questions.NotDelivered)
			}
		})
	}
}

// loopBot is a bot.Bot over the fixture's answerer and its routes, as serve
// wires it.
func loopBot(t *testing.T, f *fixture) *bot.Bot {
	t.Helper()
	st, err := bot.NewSQLStore(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.DefaultConfig(), bot.Deps{Answerer: f.a, Routes: f.a.Routes(), Store: st, Now: f.clock})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUndeliveredReplyComesWithTheNextMessage(t *testing.T) {
	ctx := context.Background()
	push := &fakePusher{err: fmt.Errorf("push via wechat: %w", &wechat.APIError{Code: 45015, Msg: "response out of time limit"})}
	f := newFixture(t, LLMConfig{}, func(string) []Result { return nil }, func(c *AnswerConfig, d *AnswererDeps) { d.Push = push })
	b := loopBot(t, f)
	msg := func(user, text string, kind bot.Kind) bot.Message {
		return bot.Message{Channel: bot.ChannelWeChat, UserID: user, Kind: kind, Text: text, At: f.now}
	}
	ans := f.ask(t, "resident-1", "宅基地被邻居占了怎么办")
	f.ask(t, "resident-2", "宅基地被邻居占了怎么办")
	f.now = f.now.Add(72 * time.Hour)
	const staff = "可以先找村委会调解，调解不成向镇政府申请处理。"
	if res, err := f.a.Reply(ctx, ans.QuestionID, staff, "admin"); err != nil || res.Delivered {
		t.Fatalf("reply: %+v %v", res, err)
	}

	// Neither an event nor another resident's message takes it.
	if r := b.Handle(ctx, bot.Message{Channel: bot.ChannelWeChat, UserID: "resident-1", Kind: bot.KindEvent, Event: bot.EventSubscribe, At: f.now}); strings.Contains(r.Text, staff) {
		t.Errorf("subscribe event reply carries the answer: %q", r.Text)
	}
	if r := b.Handle(ctx, msg("resident-2", "你好", bot.KindText)); strings.Contains(r.Text, staff) {
		t.Errorf("another resident got the answer: %q", r.Text)
	}

	r := b.Handle(ctx, msg("resident-1", "你好", bot.KindText))
	head, own, ok := strings.Cut(r.Text, textOwedSep)
	if !ok || !strings.HasPrefix(head, "您之前问的\"宅基地被邻居占了怎么办\"") || !strings.Contains(head, staff) || strings.TrimSpace(own) == "" {
		t.Fatalf("next reply = %q; want the staff answer, the separator, then the reply to 你好", r.Text)
	}
	e, err := f.log.Get(ctx, ans.QuestionID)
	if err != nil || e.Delivery != questions.Delivered || !strings.HasPrefix(e.DeliveryNote, "随居民下一条消息送达") {
		t.Errorf("after delivery: %q %q %v", e.Delivery, e.DeliveryNote, err)
	}
	if r := b.Handle(ctx, msg("resident-1", "谢谢", bot.KindText)); strings.Contains(r.Text, staff) {
		t.Errorf("the answer came twice: %q", r.Text)
	}
	if len(push.pushed) != 0 {
		t.Errorf("pushes = %d, want none (72 h after the question)", len(push.pushed))
	}
}

func TestTakeOwedTakesOnlyUndeliveredReplies(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, LLMConfig{}, func(string) []Result { return nil }, nil)
	var ids []int64
	for i := range 3 {
		ids = append(ids, f.ask(t, "r", fmt.Sprintf("问题%d怎么办", i)).QuestionID)
	}
	f.log.SetReply(ctx, ids[0], "答一", "admin", "", f.now)
	f.log.SetDelivery(ctx, ids[0], questions.NotDelivered, "x")
	f.log.SetReply(ctx, ids[1], "答二", "admin", "", f.now)
	f.log.SetDelivery(ctx, ids[1], questions.Delivered, "")
	f.log.SetDelivery(ctx, ids[2], questions.NotDelivered, "no reply text") // no reply: nothing owed
	got, err := f.log.TakeOwed(ctx, bot.ChannelWeChat, "r", "note")
	if err != nil || len(got) != 1 || got[0].ID != ids[0] || got[0].Reply != "答一" || got[0].Delivery != questions.Delivered {
		t.Fatalf("TakeOwed = %+v, %v; want only question %d, now delivered", got, err, ids[0])
	}
	if again, _ := f.log.TakeOwed(ctx, bot.ChannelWeChat, "r", "note"); len(again) != 0 {
		t.Errorf("second TakeOwed = %+v, want nothing", again)
	}
}

func TestReplyRefusesNonQuestionsAndSecondAnswers(t *testing.T) {
	ctx := context.Background()
	faq, push := &fakeFAQ{}, &fakePusher{}
	f := newFixture(t, LLMConfig{}, func(string) []Result { return nil }, func(c *AnswerConfig, d *AnswererDeps) { d.FAQ, d.Push = faq, push })
	routes := f.a.Routes()
	admin := bot.Person{Channel: bot.ChannelWeCom, UserID: "boss", Role: bot.RoleAdmin}
	say := func(text string) string {
		t.Helper()
		for _, r := range routes {
			rep, ok, err := r.Take(ctx, admin, bot.Message{Channel: admin.Channel, UserID: admin.UserID, Kind: bot.KindText, Text: text, At: f.now})
			if err != nil {
				t.Fatalf("%s: %v", r.Name(), err)
			}
			if ok {
				return rep.Text
			}
		}
		t.Fatalf("no route took %q", text)
		return ""
	}
	q := f.ask(t, "r1", "宅基地被邻居占了怎么办").QuestionID
	logged := func(mode string) int64 {
		id, err := f.log.Add(ctx, questions.Entry{At: f.now, Channel: bot.ChannelWeChat, UserID: "r2", Question: "消息" + mode, Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	greeting, safetyID, declined := logged(questions.ModeOffTopic), logged(questions.ModeSafety), logged(questions.ModeDeclined)

	steps := []struct {
		name, say  string
		want       string
		wantPushes int
		wantFAQ    string
	}{
		{"first answer", fmt.Sprintf("答复 %d 先找村委会调解。", q), "已答复第", 1, "先找村委会调解。"},
		{"second answer refused", fmt.Sprintf("答复 %d 直接起诉。", q), fmt.Sprintf("已经答复过了：\"先找村委会调解。\"。要改成新的答复，请发：改答复 %d", q), 1, "先找村委会调解。"},
		{"改答复 replaces", fmt.Sprintf("改答复 %d 先调解，不成再起诉。", q), "已答复第", 2, "先调解，不成再起诉。"},
		{"greeting refused", fmt.Sprintf("答复 %d 你好。", greeting), "不是群众的法律问题（是问候或与法律无关的话）", 2, "先调解，不成再起诉。"},
		{"safety refused even with 改答复", fmt.Sprintf("改答复 %d 已处理。", safetyID), "是紧急情况或安全提醒", 2, "先调解，不成再起诉。"},
		{"declined refused", fmt.Sprintf("答复 %d 不谈。", declined), "敏感话题", 2, "先调解，不成再起诉。"},
		{"改答复 usage", "改答复 12", textReplyUsageForce, 2, "先调解，不成再起诉。"},
	}
	for _, s := range steps {
		got := say(s.say)
		if !strings.Contains(got, s.want) || len(push.pushed) != s.wantPushes || faq.a != s.wantFAQ {
			t.Errorf("%s: %q → %q, pushes %d, FAQ %q; want %q, %d pushes, FAQ %q",
				s.name, s.say, got, len(push.pushed), faq.a, s.want, s.wantPushes, s.wantFAQ)
		}
	}
	for _, id := range []int64{greeting, safetyID, declined} {
		if e, _ := f.log.Get(ctx, id); e.Reply != "" {
			t.Errorf("question %d (%s) got reply %q", id, e.Mode, e.Reply)
		}
	}
	if _, err := f.a.Reply(ctx, q, "again", "cli"); !errors.Is(err, ErrAnswered) {
		t.Errorf("Reply on an answered question: %v, want ErrAnswered", err)
	}
	if res, err := f.a.Reply(ctx, greeting, "hi", "cli"); !errors.Is(err, ErrNotQuestion) || res.Question.Mode != questions.ModeOffTopic {
		t.Errorf("Reply on a greeting: %v (%q), want ErrNotQuestion with the entry", err, res.Question.Mode)
	}
}
