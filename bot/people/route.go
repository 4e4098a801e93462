package people

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/pufabot/pufabot/bot"
)

// Route is the bot.Route of the people commands: "绑定 123456" from anyone,
// "邀请 张三 李家庄村" from admins.
type Route struct {
	reg *Registry
	now func() time.Time
}

var _ bot.Route = (*Route)(nil)

// NewRoute returns the people commands on reg; now may be nil (time.Now).
func NewRoute(reg *Registry, now func() time.Time) *Route {
	if now == nil {
		now = time.Now
	}
	return &Route{reg: reg, now: now}
}

// Name implements bot.Route.
func (r *Route) Name() string { return "people" }

var (
	bindRe   = regexp.MustCompile(`^(?:绑定|綁定|bind)\s*[:：]?\s*([0-9０-９]*)$`)
	inviteRe = regexp.MustCompile(`^邀请\s*(.*)$`)
)

// Take implements bot.Route.
func (r *Route) Take(ctx context.Context, p bot.Person, m bot.Message) (bot.Reply, bool, error) {
	if m.Kind != bot.KindText && m.Kind != bot.KindVoice {
		return bot.Reply{}, false, nil
	}
	text := strings.Trim(strings.TrimSpace(m.Text), "。.！!")
	if sm := bindRe.FindStringSubmatch(text); sm != nil {
		return r.bind(ctx, p, sm[1], m.At)
	}
	if sm := inviteRe.FindStringSubmatch(text); sm != nil {
		spaced := text != "邀请"+sm[1] || strings.HasPrefix(sm[1], "　")
		return r.invite(ctx, p, sm[1], spaced, m.At)
	}
	return bot.Reply{}, false, nil
}

func (r *Route) at(t time.Time) time.Time {
	if t.IsZero() {
		return r.now()
	}
	return t
}

func (r *Route) bind(ctx context.Context, p bot.Person, code string, at time.Time) (bot.Reply, bool, error) {
	code = toASCIIDigits(code)
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return bot.Reply{Text: textBindUsage}, true, nil
	}
	now := r.at(at)
	bound, err := r.reg.Bind(ctx, p.Channel, p.UserID, code, now)
	var locked *LockedError
	switch {
	case errors.As(err, &locked):
		return bot.Reply{Text: fmt.Sprintf(textLocked, minutesLeft(now, locked.Until))}, true, nil
	case errors.Is(err, ErrAlreadyBound):
		if p.Role == bot.RoleAdmin {
			return bot.Reply{Text: fmt.Sprintf(textAlreadyBoundAdmin, orYou(p.Name))}, true, nil
		}
		return bot.Reply{Text: fmt.Sprintf(textAlreadyBound, orYou(p.Name), placeHint(p.Village))}, true, nil
	case errors.Is(err, ErrUnknownCode):
		return bot.Reply{Text: textUnknownCode}, true, nil
	case errors.Is(err, ErrExpiredCode):
		return bot.Reply{Text: textExpiredCode}, true, nil
	case errors.Is(err, ErrUsedCode):
		return bot.Reply{Text: textUsedCode}, true, nil
	case err != nil:
		return bot.Reply{}, true, err
	}
	if bound.Role == bot.RoleAdmin {
		return bot.Reply{Text: fmt.Sprintf(textBoundAdmin, bound.Name)}, true, nil
	}
	return bot.Reply{Text: fmt.Sprintf(textBound, bound.Name, placeHint(bound.Village))}, true, nil
}

// placeHint is the village of a person's examples, or a sample one.
func placeHint(village string) string {
	if village == "" {
		return "李家庄村"
	}
	return village
}

func orYou(name string) string {
	if name == "" {
		return "您"
	}
	return name
}

// minutesLeft is the whole minutes from now until t, at least 1.
func minutesLeft(now, t time.Time) int {
	return max(1, int((t.Sub(now)+time.Minute-1)/time.Minute))
}

// invite handles 邀请; spaced says a space followed 邀请 (邀请 孙八, not
// 邀请函怎么写).
func (r *Route) invite(ctx context.Context, p bot.Person, args string, spaced bool, at time.Time) (bot.Reply, bool, error) {
	// Only admins invite; anyone else's "邀请…" (邀请函怎么写) is a question.
	if p.Role != bot.RoleAdmin {
		return bot.Reply{}, false, nil
	}
	f := strings.FieldsFunc(args, func(c rune) bool { return c == ' ' || c == '　' || c == ',' || c == '，' || c == '、' })
	if len(f) == 0 {
		return bot.Reply{Text: textInviteUsage}, true, nil
	}
	if len(f) == 1 && spaced && looksLikeName(f[0]) {
		// 邀请 孙八: the village is missing.
		return bot.Reply{Text: fmt.Sprintf(textInviteNoVillage, f[0], f[0])}, true, nil
	}
	if len(f) < 2 || len(f) > 3 {
		return bot.Reply{}, false, nil
	}
	role := bot.RoleCadre
	if len(f) == 3 {
		var err error
		if role, err = ParseRole(f[2]); err != nil {
			return bot.Reply{Text: textInviteUsage}, true, nil
		}
	}
	code, err := r.reg.Invite(ctx, f[0], f[1], role, r.at(at))
	if err != nil {
		return bot.Reply{}, true, err
	}
	return bot.Reply{Text: fmt.Sprintf(textInvited, f[0], f[1], code, f[0], code)}, true, nil
}

// looksLikeName says whether s could be a person's name: 2 to 4 Chinese
// characters (孙八, 欧阳小明), not a question.
func looksLikeName(s string) bool {
	n := 0
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) || strings.ContainsRune("吗呢么啥怎谁", c) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 4
}

// toASCIIDigits turns full-width digits (１２３) into ASCII ones.
func toASCIIDigits(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= '０' && c <= '９' {
			return '0' + (c - '０')
		}
		return c
	}, s)
}
