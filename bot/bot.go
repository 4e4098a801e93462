package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Role is what a person may do with the bot.
type Role string

// Roles, from least to most privileged.
const (
	RoleResident Role = "resident"
	RoleCadre    Role = "cadre"
	RoleAdmin    Role = "admin"
)

// Person is the sender of a message as the bot sees them.
type Person struct {
	Channel Channel
	UserID  string
	Role    Role
	// Name and Village are known for bound cadres; Village is the default
	// place of their ledger records.
	Name    string
	Village string
}

// Directory tells who a user is. bot/activity's people registry implements
// it; without one, everybody but the configured admins is a resident.
type Directory interface {
	Lookup(ctx context.Context, ch Channel, userID string) (Person, bool, error)
}

// Question is a resident's question handed to the Answerer.
type Question struct {
	Channel Channel
	UserID  string
	Text    string
	At      time.Time
}

// Answerer answers a legal question with text ready for the user
// (knowledge.Answerer implements it).
type Answerer interface {
	AnswerText(ctx context.Context, q Question) (string, error)
}

// UrgentAnswerer is an optional interface of an Answerer that also tells
// whether its reply is an emergency reply (see Reply.Urgent).
type UrgentAnswerer interface {
	AnswerTextUrgent(ctx context.Context, q Question) (text string, urgent bool, err error)
}

// Route is an optional part of the bot that may take a message before it
// falls through to the question answerer: the ledger clerk, binding codes,
// admin commands, feedback. Take returns ok=false to pass.
type Route interface {
	Name() string
	Take(ctx context.Context, p Person, m Message) (r Reply, ok bool, err error)
}

// Owed is an optional interface of a Route: texts owed to a user that could
// not be pushed to them (an admin's answer to a resident who had not
// written for 48 h) go in front of the reply to the user's next message.
// Owed returns that prefix, ending in its separator, and counts the texts
// as delivered; "" when nothing is owed.
type Owed interface {
	Owed(ctx context.Context, ch Channel, userID string) (string, error)
}

// Config is the [bot] section.
type Config struct {
	// Welcome is sent to new followers; empty means the built-in welcome.
	Welcome string `toml:"welcome"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config { return Config{} }

// Validate reports a setting that cannot work.
func (c Config) Validate() error { return nil }

// Deps are the parts the bot talks to. Only Store is required.
type Deps struct {
	// Admins are OpenIDs / WeCom UserIDs from [admin] users.
	Admins    []string
	Directory Directory
	Answerer  Answerer
	Routes    []Route
	Store     Store
	Logger    *slog.Logger
	Now       func() time.Time
}

// Bot routes messages. It is safe for concurrent use.
type Bot struct {
	cfg    Config
	deps   Deps
	admins map[string]bool
}

// New builds a Bot.
func New(cfg Config, deps Deps) (*Bot, error) {
	if deps.Store == nil {
		return nil, errors.New("bot: a store is required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	admins := map[string]bool{}
	for _, a := range deps.Admins {
		admins[strings.TrimSpace(a)] = true
	}
	return &Bot{cfg: cfg, deps: deps, admins: admins}, nil
}

// Person returns who sent a message: an admin from config, a person from the
// directory, or a resident.
func (b *Bot) Person(ctx context.Context, ch Channel, userID string) (Person, error) {
	p := Person{Channel: ch, UserID: userID, Role: RoleResident}
	if b.deps.Directory != nil {
		found, ok, err := b.deps.Directory.Lookup(ctx, ch, userID)
		if err != nil {
			return p, fmt.Errorf("look up user: %w", err)
		}
		if ok {
			p = found
			p.Channel, p.UserID = ch, userID
		}
	}
	if b.admins[userID] {
		p.Role = RoleAdmin
	}
	return p, nil
}

// Handle answers one message. It never returns an error: a failure is
// logged and the user gets a plain apology. Replies longer than WeChat's
// limit are cut at a sentence end; the rest is kept for "更多".
func (b *Bot) Handle(ctx context.Context, m Message) Reply {
	if m.At.IsZero() {
		m.At = b.deps.Now()
	}
	m.Text = strings.TrimSpace(m.Text)
	r, err := b.route(ctx, m)
	if err != nil {
		b.deps.Logger.Error("handle message", "user", UserHash(m.Channel, m.UserID),
			"kind", m.Kind, "route", r.Route, "err", err)
		r = Reply{Text: textTrouble, Route: r.Route}
		if r.Route == "" {
			r.Route = "error"
		}
	}
	if m.Kind != KindEvent && r.Route != "more" && r.Text != "" && !r.Urgent {
		// What is owed goes first, unless it would push the reply itself
		// out of the first message (WeChat's 2048 bytes): then after it.
		if owed := b.owed(ctx, m); owed != "" && len(owed)+len(r.Text) <= MaxReplyBytes {
			r.Text = owed + r.Text
		} else if owed != "" {
			r.Text += textOwedAfter + owed
		}
	}
	if r.Route != "more" && r.Text != "" {
		first, rest := SplitReply(r.Text, MaxReplyBytes)
		if err := b.deps.Store.SaveRest(ctx, m.Channel, m.UserID, rest, m.At); err != nil {
			b.deps.Logger.Error("save reply rest", "user", UserHash(m.Channel, m.UserID), "err", err)
		}
		r.Text = first
	}
	return r
}

// owed collects what the routes owe the sender (see Owed). A failure is
// logged and leaves the texts owed for the next message.
func (b *Bot) owed(ctx context.Context, m Message) string {
	var out string
	for _, rt := range b.deps.Routes {
		if o, ok := rt.(Owed); ok {
			s, err := o.Owed(ctx, m.Channel, m.UserID)
			if err != nil {
				b.deps.Logger.Error("owed texts", "user", UserHash(m.Channel, m.UserID), "route", rt.Name(), "err", err)
				continue
			}
			out += s
		}
	}
	return out
}

func (b *Bot) route(ctx context.Context, m Message) (Reply, error) {
	switch m.Kind {
	case KindEvent:
		return b.event(m), nil
	case KindImage, KindLocation, KindLink, KindOther, KindText, KindVoice:
	default:
		return Reply{Route: "ignored"}, nil
	}
	p, err := b.Person(ctx, m.Channel, m.UserID)
	if err != nil {
		return Reply{Route: "lookup"}, err
	}
	if m.Kind == KindText || m.Kind == KindVoice {
		switch command(m.Text) {
		case "help":
			return Reply{Text: helpFor(p.Role), Route: "help"}, nil
		case "more":
			return b.more(ctx, m)
		}
	}
	for _, rt := range b.deps.Routes {
		r, ok, err := rt.Take(ctx, p, m)
		if err != nil {
			return Reply{Route: rt.Name()}, fmt.Errorf("route %s: %w", rt.Name(), err)
		}
		if ok {
			if r.Route == "" {
				r.Route = rt.Name()
			}
			return r, nil
		}
	}
	switch m.Kind {
	case KindImage:
		return Reply{Text: textImage, Route: "image"}, nil
	case KindLocation:
		return Reply{Text: textLocation, Route: "location"}, nil
	case KindLink:
		return Reply{Text: textLink, Route: "link"}, nil
	case KindOther:
		return Reply{Route: "ignored"}, nil
	}
	if m.Text == "" {
		if m.Kind == KindVoice {
			// A voice message WeChat could not turn into text.
			return Reply{Text: textVoiceUnheard, Route: "empty"}, nil
		}
		return Reply{Text: textEmpty, Route: "empty"}, nil
	}
	if b.deps.Answerer == nil {
		return Reply{Text: textNotReady, Route: "question"}, nil
	}
	q := Question{Channel: m.Channel, UserID: m.UserID, Text: m.Text, At: m.At}
	if ua, ok := b.deps.Answerer.(UrgentAnswerer); ok {
		text, urgent, err := ua.AnswerTextUrgent(ctx, q)
		if err != nil {
			return Reply{Route: "question"}, err
		}
		return Reply{Text: text, Route: "question", Urgent: urgent}, nil
	}
	text, err := b.deps.Answerer.AnswerText(ctx, q)
	if err != nil {
		return Reply{Route: "question"}, err
	}
	return Reply{Text: text, Route: "question"}, nil
}

func (b *Bot) event(m Message) Reply {
	switch m.Event {
	case EventSubscribe:
		w := b.cfg.Welcome
		if strings.TrimSpace(w) == "" {
			w = textDefaultWelcome
		}
		return Reply{Text: w, Route: "welcome"}
	case EventClick:
		if strings.EqualFold(m.EventKey, "MENU_HELP") || strings.Contains(strings.ToLower(m.EventKey), "help") {
			return Reply{Text: textHelpResident, Route: "help"}
		}
		return Reply{Route: "ignored"}
	default: // unsubscribe and events that need no answer
		return Reply{Route: "ignored"}
	}
}

func (b *Bot) more(ctx context.Context, m Message) (Reply, error) {
	rest, err := b.deps.Store.TakeRest(ctx, m.Channel, m.UserID)
	if err != nil {
		return Reply{Route: "more"}, err
	}
	if rest == "" {
		return Reply{Text: textNoMore, Route: "more"}, nil
	}
	first, rest := SplitReply(rest, MaxReplyBytes)
	if err := b.deps.Store.SaveRest(ctx, m.Channel, m.UserID, rest, m.At); err != nil {
		return Reply{Route: "more"}, err
	}
	return Reply{Text: first, Route: "more"}, nil
}

// command recognises the built-in commands, forgiving punctuation and width.
func command(text string) string {
	t := strings.Trim(strings.ToLower(strings.TrimSpace(text)), "。.!！?？ ")
	switch t {
	case "帮助", "菜单", "help", "menu", "":
		if strings.TrimSpace(text) == "" {
			return ""
		}
		return "help"
	case "更多", "more":
		return "more"
	}
	switch strings.TrimSpace(text) {
	case "?", "？":
		return "help"
	}
	return ""
}

func helpFor(r Role) string {
	switch r {
	case RoleAdmin:
		return textHelpAdmin
	case RoleCadre:
		return textHelpCadre
	default:
		return textHelpResident
	}
}
