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
