package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// owedRoute owes text once; fail makes Owed fail.
type owedRoute struct {
	text  string
	fail  bool
	calls int
}

var _ Owed = (*owedRoute)(nil)

func (*owedRoute) Name() string { return "owed" }
func (*owedRoute) Take(context.Context, Person, Message) (Reply, bool, error) {
	return Reply{}, false, nil
}
func (o *owedRoute) Owed(ctx context.Context, ch Channel, userID string) (string, error) {
	o.calls++
	if o.fail {
		return "", errors.New("database gone")
	}
	s := o.text
	o.text = ""
	return s, nil
}

func TestOwedTextGoesInFrontOfTheNextReply(t *testing.T) {
	ctx := context.Background()
	o := &owedRoute{text: "您之前问的……答复如下。\n———\n"}
	b := newTestBot(t, Deps{Routes: []Route{o}})
	if r := b.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindEvent, Event: EventSubscribe}); strings.Contains(r.Text, "答复如下") || o.calls != 0 {
		t.Errorf("event: %q, %d calls; an event must not take what is owed", r.Text, o.calls)
	}
	r := b.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindText, Text: "帮助"})
	if !strings.HasPrefix(r.Text, "您之前问的……答复如下。\n———\n") || !strings.HasSuffix(r.Text, helpFor(RoleResident)) || r.Route != "help" {
		t.Errorf("reply %q (route %s), want the owed text, then the help", r.Text, r.Route)
	}
	if r := b.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindText, Text: "帮助"}); strings.Contains(r.Text, "答复如下") {
		t.Errorf("owed text twice: %q", r.Text)
	}

	failing := newTestBot(t, Deps{Routes: []Route{&owedRoute{fail: true}}})
	if r := failing.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindText, Text: "帮助"}); r.Route != "help" || r.Text == "" {
		t.Errorf("a failing Owed must leave the reply alone: %+v", r)
	}
}

// urgentAnswerer answers everything as an emergency.
type urgentAnswerer struct{}

func (urgentAnswerer) AnswerText(ctx context.Context, q Question) (string, error) {
	return "请马上拨打120。", nil
}
func (urgentAnswerer) AnswerTextUrgent(ctx context.Context, q Question) (string, bool, error) {
	return "请马上拨打120。", true, nil
}

// TestOwedTextNeverHidesTheReply: an emergency reply goes alone (what is
// owed waits for the next message), and owed text too long to go in front
// goes after the reply, so the reply stays in the first message.
func TestOwedTextNeverHidesTheReply(t *testing.T) {
	ctx := context.Background()
	o := &owedRoute{text: "您之前问的……答复如下。\n———\n"}
	b := newTestBot(t, Deps{Routes: []Route{o}, Answerer: urgentAnswerer{}})
	r := b.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindText, Text: "我喝了农药"})
	if r.Text != "请马上拨打120。" || !r.Urgent {
		t.Errorf("emergency reply %q (urgent %v), want it alone", r.Text, r.Urgent)
	}
	if o.text == "" {
		t.Error("the owed text was taken with an emergency reply; it must wait for the next message")
	}
	if r := b.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindText, Text: "帮助"}); !strings.HasPrefix(r.Text, "您之前问的") {
		t.Errorf("next message %q, want the owed text in front", r.Text)
	}

	long := &owedRoute{text: strings.Repeat("很长的答复。", 150) + "\n———\n"}
	b = newTestBot(t, Deps{Routes: []Route{long}})
	r = b.Handle(ctx, Message{Channel: ChannelWeChat, UserID: "u", Kind: KindText, Text: "帮助"})
	if !strings.HasPrefix(r.Text, helpFor(RoleResident)) || !strings.Contains(r.Text, "【另有您之前问题的答复】") {
		t.Errorf("long owed text: reply starts %q, want the help first and the owed answer after it", r.Text[:min(len(r.Text), 60)])
	}
}
