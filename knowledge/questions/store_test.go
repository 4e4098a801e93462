package questions

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func add(t *testing.T, s *Store, e Entry) int64 {
	t.Helper()
	id, err := s.Add(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAddGetAndUpdates(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	id := add(t, s, Entry{At: t0, Channel: bot.ChannelWeChat, UserID: "oABC", Question: "彩礼能要回来吗",
		Normalized: "彩礼能要回来吗", Query: "彩礼能要回来吗", Sources: []string{"《民法典》第一千零四十二条"},
		Topic: "民法典", Covered: true, Mode: ModeExtractive, Answer: "…", LatencyMS: 12})
	got, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != "oABC" || got.UserHash != bot.UserHash(bot.ChannelWeChat, "oABC") || !got.At.Equal(t0) ||
		!got.Covered || got.Mode != ModeExtractive || len(got.Sources) != 1 || got.LatencyMS != 12 {
		t.Fatalf("Get = %+v", got)
	}
	if err := s.SetFeedback(ctx, id, FeedbackUseful, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReply(ctx, id, "可以要回", "admin1", "d-faq1", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDelivery(ctx, id, NotDelivered, "45015"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Get(ctx, id)
	if got.Feedback != FeedbackUseful || got.Reply != "可以要回" || got.FAQDocID != "d-faq1" ||
		got.Delivery != NotDelivered || got.DeliveryNote != "45015" || !got.RepliedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after updates: %+v", got)
	}
	if _, err := s.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(999) err = %v, want ErrNotFound", err)
	}
	if err := s.SetFeedback(ctx, 999, FeedbackUseful, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetFeedback(999) err = %v, want ErrNotFound", err)
	}
}

func TestRecentIsPerUserNewestFirst(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	add(t, s, Entry{At: t0, Channel: bot.ChannelWeChat, UserID: "u1", Question: "q1", Mode: ModeReferral})
	add(t, s, Entry{At: t0.Add(time.Minute), Channel: bot.ChannelWeChat, UserID: "u2", Question: "other", Mode: ModeReferral})
	add(t, s, Entry{At: t0.Add(2 * time.Minute), Channel: bot.ChannelWeChat, UserID: "u1", Question: "q2", Mode: ModeReferral})
	add(t, s, Entry{At: t0.Add(3 * time.Minute), Channel: bot.ChannelWeCom, UserID: "u1", Question: "wecom", Mode: ModeReferral})
	got, err := s.Recent(ctx, bot.ChannelWeChat, "u1", t0.Add(-time.Hour), 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Question != "q2" || got[1].Question != "q1" {
		t.Fatalf("Recent = %+v", got)
	}
	got, _ = s.Recent(ctx, bot.ChannelWeChat, "u1", t0.Add(time.Minute), 5)
	if len(got) != 1 {
		t.Fatalf("Recent since: got %d, want 1", len(got))
	}
}

func TestDigestFigures(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	week := t0
	entries := []Entry{
		{At: week, Mode: ModeExtractive, Covered: true, Topic: "民法典"},
		{At: week.Add(time.Hour), Mode: ModeLLM, Covered: true, Topic: "民法典"},
		{At: week.Add(2 * time.Hour), Mode: ModeFAQ, Covered: true, Topic: "劳动合同法"},
		{At: week.Add(3 * time.Hour), Mode: ModeReferral, Question: "井水被污染了"},
		{At: week.Add(4 * time.Hour), Mode: ModeOffTopic, Question: "天气"},
		{At: week.Add(5 * time.Hour), Mode: ModeReferral, Question: "已答复的", Reply: "x"},
		{At: week.Add(-time.Hour), Mode: ModeReferral, Question: "last week"},
	}
	for i, e := range entries {
		e.Channel, e.UserID = bot.ChannelWeChat, "u"
		id := add(t, s, e)
		if e.Reply != "" {
			if err := s.SetReply(ctx, id, e.Reply, "a", "", week); err != nil {
				t.Fatal(err)
			}
		}
		if i == 1 {
			if err := s.SetFeedback(ctx, id, FeedbackUseless, week); err != nil {
				t.Fatal(err)
			}
		}
	}
	from, to := week, week.AddDate(0, 0, 7)
	c, err := s.Count(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Total: 6, Questions: 5, Covered: 3, Unanswered: 2, Useless: 1, Replied: 1}
	if c != want {
		t.Errorf("Count = %+v, want %+v", c, want)
	}
	topics, err := s.TopTopics(ctx, from, to, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) != 2 || topics[0] != (Topic{"民法典", 2}) || topics[1] != (Topic{"劳动合同法", 1}) {
		t.Errorf("TopTopics = %+v", topics)
	}
	un, err := s.Unanswered(ctx, from, to, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 2 || un[0].Mode != ModeLLM || un[1].Question != "井水被污染了" {
		t.Errorf("Unanswered = %+v", un)
	}
	list, err := s.List(ctx, Filter{Unanswered: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].Question != "井水被污染了" || list[2].Question != "last week" {
		t.Errorf("List unanswered = %+v", list)
	}
	list, _ = s.List(ctx, Filter{Since: week.Add(4 * time.Hour)})
	if len(list) != 2 {
		t.Errorf("List since: got %d, want 2", len(list))
	}
}
