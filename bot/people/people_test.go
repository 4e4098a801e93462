package people

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

func newRegistry(t *testing.T) *Registry {
	t.Helper()
	r, err := NewRegistry(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

func TestInviteBindLookup(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	code, err := r.Invite(ctx, "张三", "李家庄村", bot.RoleCadre, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		t.Fatalf("code = %q, want 6 digits", code)
	}
	if _, ok, _ := r.Lookup(ctx, bot.ChannelWeChat, "oU1"); ok {
		t.Fatal("unbound user found")
	}
	p, err := r.Bind(ctx, bot.ChannelWeChat, "oU1", code, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "张三" || p.Village != "李家庄村" || p.Role != bot.RoleCadre {
		t.Fatalf("bound %+v", p)
	}
	got, ok, err := r.Lookup(ctx, bot.ChannelWeChat, "oU1")
	if err != nil || !ok {
		t.Fatalf("lookup: ok=%v err=%v", ok, err)
	}
	want := bot.Person{Channel: bot.ChannelWeChat, UserID: "oU1", Role: bot.RoleCadre, Name: "张三", Village: "李家庄村"}
	if got != want {
		t.Fatalf("lookup = %+v, want %+v", got, want)
	}
	if _, ok, _ := r.Lookup(ctx, bot.ChannelWeCom, "oU1"); ok {
		t.Fatal("same id on another channel must not match")
	}
}

func TestBindErrors(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	used, _ := r.Invite(ctx, "甲", "东村", bot.RoleCadre, t0)
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "a", used, t0); err != nil {
		t.Fatal(err)
	}
	old, _ := r.Invite(ctx, "乙", "西村", bot.RoleCadre, t0)
	tests := []struct {
		name string
		code string
		at   time.Time
		want error
	}{
		{"unknown", "000001", t0, ErrUnknownCode},
		{"used", used, t0, ErrUsedCode},
		{"expired", old, t0.Add(InviteTTL), ErrExpiredCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Bind(ctx, bot.ChannelWeChat, "b", tt.code, tt.at)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "b", old, t0.Add(InviteTTL-time.Minute)); err != nil {
		t.Fatalf("code just before expiry: %v", err)
	}
}

func TestRebindUpdatesAndRemove(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	c1, _ := r.Invite(ctx, "张三", "东村", bot.RoleCadre, t0)
	c2, _ := r.Invite(ctx, "张三", "西村", bot.RoleAdmin, t0)
	p1, err := r.Bind(ctx, bot.ChannelWeChat, "u", c1, t0)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := r.Bind(ctx, bot.ChannelWeChat, "u", c2, t0)
	if err != nil {
		t.Fatal(err)
	}
	if p1.ID != p2.ID {
		t.Fatalf("rebind made a new person: %d then %d", p1.ID, p2.ID)
	}
	list, err := r.List(ctx)
	if err != nil || len(list) != 1 || list[0].Village != "西村" || list[0].Role != bot.RoleAdmin {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if _, err := r.Remove(ctx, "u", t0); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := r.Lookup(ctx, bot.ChannelWeChat, "u"); ok {
		t.Fatal("removed person still found")
	}
	if _, err := r.Remove(ctx, "u", t0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second remove err = %v, want ErrNotFound", err)
	}
	c3, _ := r.Invite(ctx, "李四", "南村", bot.RoleCadre, t0)
	inv, _ := r.Invites(ctx, t0)
	if len(inv) != 1 || inv[0].Code != c3 {
		t.Fatalf("open invites = %+v, want only %s", inv, c3)
	}
	if _, err := r.Remove(ctx, c3, t0); err != nil {
		t.Fatalf("withdraw invite: %v", err)
	}
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "v", c3, t0); !errors.Is(err, ErrUnknownCode) {
		t.Fatalf("withdrawn code bind err = %v", err)
	}
}

type fakeAnswerer struct{ got []string }

func (f *fakeAnswerer) AnswerText(_ context.Context, q bot.Question) (string, error) {
	f.got = append(f.got, q.Text)
	return "答：" + q.Text, nil
}

func TestChatInviteAndBind(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	r, err := NewRegistry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	store, err := bot.NewSQLStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ans := &fakeAnswerer{}
	b, err := bot.New(bot.Config{}, bot.Deps{Admins: []string{"boss"}, Directory: r, Answerer: ans,
		Routes: []bot.Route{NewRoute(r, func() time.Time { return t0 })}, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	say := func(user, text string) bot.Reply {
		return b.Handle(ctx, bot.Message{Channel: bot.ChannelWeChat, UserID: user, Kind: bot.KindText, Text: text, At: t0})
	}
	if got := say("nobody", "邀请 王五 东村"); got.Route != "question" {
		t.Fatalf("resident's 邀请 went to %q, want the answerer", got.Route)
	}
	if invs, _ := r.Invites(ctx, t0); len(invs) != 0 {
		t.Fatalf("a resident created invites: %+v", invs)
	}
	if got := say("boss", "邀请"); got.Text != textInviteUsage {
		t.Fatalf("bare 邀请 reply = %q", got.Text)
	}
	// A name without a village gets a hint, not the answerer; a question
	// starting with 邀请 still goes to the answerer.
	for _, tt := range []struct{ text, want string }{
		{"邀请 孙八", fmt.Sprintf(textInviteNoVillage, "孙八", "孙八")},
		{"邀请　欧阳小明", fmt.Sprintf(textInviteNoVillage, "欧阳小明", "欧阳小明")},
		{"邀请函怎么写", ""},
		{"邀请 律师来讲课要钱吗", ""},
	} {
		got := say("boss", tt.text)
		if tt.want == "" && got.Route != "question" || tt.want != "" && got.Text != tt.want {
			t.Fatalf("%q: reply %+v, want %q", tt.text, got, tt.want)
		}
	}
	if invs, _ := r.Invites(ctx, t0); len(invs) != 0 {
		t.Fatalf("invites made without a village: %+v", invs)
	}
	rep := say("boss", "邀请 王五 东村")
	invs, _ := r.Invites(ctx, t0)
	if len(invs) != 1 || !strings.Contains(rep.Text, "绑定 "+invs[0].Code) {
		t.Fatalf("invite reply %q does not tell the code of %+v", rep.Text, invs)
	}
	if got := say("w5", "绑定 ０００００1"); got.Text != textUnknownCode {
		t.Fatalf("wrong code reply = %q", got.Text)
	}
	if got := say("w5", "绑定 "+invs[0].Code); !strings.Contains(got.Text, "王五") || got.Route != "people" {
		t.Fatalf("bind reply = %+v", got)
	}
	p, err := b.Person(ctx, bot.ChannelWeChat, "w5")
	if err != nil || p.Role != bot.RoleCadre || p.Village != "东村" {
		t.Fatalf("person after bind = %+v, %v", p, err)
	}
	if got := say("w5", "绑定银行卡被骗了怎么办"); got.Route != "question" || len(ans.got) != 4 {
		t.Fatalf("question starting with 绑定 went to %q", got.Route)
	}
}

func TestBindLockout(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	r, err := NewRegistry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := r.Invite(ctx, "张三", "李家庄村", bot.RoleCadre, t0)
	wrong := "000001"
	if wrong == code {
		wrong = "000002"
	}
	// MaxBindFailures wrong codes, one a minute.
	for i := range MaxBindFailures {
		if _, err := r.Bind(ctx, bot.ChannelWeChat, "guesser", wrong, t0.Add(time.Duration(i)*time.Minute)); !errors.Is(err, ErrUnknownCode) {
			t.Fatalf("wrong code %d: err = %v, want ErrUnknownCode", i+1, err)
		}
	}
	// The lockout is stored: a registry opened afresh on the same database
	// (a restart) still refuses, even the right code.
	r, err = NewRegistry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	at := t0.Add(10 * time.Minute)
	_, err = r.Bind(ctx, bot.ChannelWeChat, "guesser", code, at)
	var locked *LockedError
	if !errors.As(err, &locked) || !errors.Is(err, ErrLocked) {
		t.Fatalf("right code while locked: err = %v, want a LockedError", err)
	}
	if want := t0.Add(BindFailureWindow); !locked.Until.Equal(want) {
		t.Fatalf("locked until %v, want %v (first failure + window)", locked.Until, want)
	}
	// Another user is not locked out.
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "other", wrong, at); !errors.Is(err, ErrUnknownCode) {
		t.Fatalf("other user: err = %v, want ErrUnknownCode", err)
	}
	// Refused attempts are not failures: once the first failure leaves the
	// window one more try is allowed, and the right code binds.
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "guesser", code, t0.Add(BindFailureWindow-time.Second)); !errors.Is(err, ErrLocked) {
		t.Fatalf("just before the window ends: err = %v, want ErrLocked", err)
	}
	p, err := r.Bind(ctx, bot.ChannelWeChat, "guesser", code, t0.Add(BindFailureWindow))
	if err != nil || p.Name != "张三" {
		t.Fatalf("after the lockout: %+v, %v", p, err)
	}
}

func TestBindLockoutSlidingWindow(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	// Four failures, then a fifth more than a window after the first: the
	// first has left the window, so the user is not locked.
	tries := []time.Duration{0, 30 * time.Minute, 31 * time.Minute, 32 * time.Minute, BindFailureWindow + time.Minute}
	for i, d := range tries {
		if _, err := r.Bind(ctx, bot.ChannelWeChat, "u", "000001", t0.Add(d)); !errors.Is(err, ErrUnknownCode) {
			t.Fatalf("try %d: err = %v, want ErrUnknownCode", i+1, err)
		}
	}
	// The next failure is the fifth within the window: the user is locked
	// until the oldest of those five (30m) is a window old.
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "u", "000001", t0.Add(BindFailureWindow+2*time.Minute)); !errors.Is(err, ErrUnknownCode) {
		t.Fatalf("try 6: err = %v, want ErrUnknownCode", err)
	}
	_, err := r.Bind(ctx, bot.ChannelWeChat, "u", "000001", t0.Add(BindFailureWindow+3*time.Minute))
	var locked *LockedError
	if !errors.As(err, &locked) || !locked.Until.Equal(t0.Add(30*time.Minute+BindFailureWindow)) {
		t.Fatalf("try 7: err = %v, want locked until the 30m failure + window", err)
	}
}

func TestBindOwnCodeAgain(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	code, _ := r.Invite(ctx, "张三", "李家庄村", bot.RoleCadre, t0)
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "u", code, t0); err != nil {
		t.Fatal(err)
	}
	for i := range MaxBindFailures + 1 {
		if _, err := r.Bind(ctx, bot.ChannelWeChat, "u", code, t0.Add(time.Duration(i)*time.Minute)); !errors.Is(err, ErrAlreadyBound) {
			t.Fatalf("own code again (%d): err = %v, want ErrAlreadyBound", i+1, err)
		}
	}
	if _, err := r.Bind(ctx, bot.ChannelWeChat, "someone-else", code, t0); !errors.Is(err, ErrUsedCode) {
		t.Fatalf("another user's code: err = %v, want ErrUsedCode", err)
	}
}

func TestChatBindLockoutAndOwnCode(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	r, err := NewRegistry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	store, err := bot.NewSQLStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{}, bot.Deps{Directory: r, Answerer: &fakeAnswerer{},
		Routes: []bot.Route{NewRoute(r, nil)}, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	now := t0
	say := func(user, text string) string {
		now = now.Add(time.Minute)
		return b.Handle(ctx, bot.Message{Channel: bot.ChannelWeChat, UserID: user, Kind: bot.KindText, Text: text, At: now}).Text
	}
	code, _ := r.Invite(ctx, "王五", "东村", bot.RoleCadre, t0)
	for i := range MaxBindFailures {
		if got := say("w5", fmt.Sprintf("绑定 %06d", 1+i)); got != textUnknownCode {
			t.Fatalf("wrong code %d: reply %q", i+1, got)
		}
	}
	// The fifth failure was at t0+5m, the first at t0+1m: locked until
	// t0+61m, and the right code at t0+6m is told to wait 55 minutes.
	if got, want := say("w5", "绑定 "+code), fmt.Sprintf(textLocked, 55); got != want {
		t.Fatalf("right code while locked: reply %q, want %q", got, want)
	}
	now = t0.Add(BindFailureWindow)
	if got := say("w5", "绑定 "+code); !strings.Contains(got, "绑定成功") {
		t.Fatalf("after the lockout: reply %q", got)
	}
	if got, want := say("w5", "绑定 "+code), fmt.Sprintf(textAlreadyBound, "王五", "东村"); got != want {
		t.Fatalf("own code again: reply %q, want %q", got, want)
	}
}
