package knowledge

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// customerServiceWindow is how long after a user's last message the
// Official Account may send them customer-service messages.
const customerServiceWindow = 48 * time.Hour

// ReplyResult is what became of an admin's reply to a logged question.
type ReplyResult struct {
	Question questions.Entry
	// FAQDocID is the FAQ entry made from the reply ("" without a FAQAdder).
	FAQDocID string
	// Delivered tells whether the resident got the reply pushed; Note says
	// why not.
	Delivered bool
	Note      string
}

// Reply closes the loop on a logged question: the admin's text becomes a
// FAQ entry (so the next resident asking gets it), is stored on the
// question, and is pushed to the resident when the channel allows — WeCom
// always, the Official Account within 48 h of the user's last message. A
// push that fails or cannot be tried is recorded as not delivered and goes
// in front of the reply to the resident's next message (owedRoute).
func (a *Answerer) Reply(ctx context.Context, id int64, text, by string) (ReplyResult, error) {
	return a.ReplyWith(ctx, id, text, by, ReplyOptions{})
}

// ErrAnswered is returned (wrapped) by Reply for a question an admin has
// already answered: answering again would replace the FAQ entry and send
// the resident a second answer, so it needs ReplyOptions.Force.
var ErrAnswered = errors.New("question already answered")

// ErrNotQuestion is returned (wrapped) by Reply for a logged message that
// is not a resident's legal question (a greeting, chit-chat, an emergency
// or a declined topic): it must not become a FAQ entry.
var ErrNotQuestion = errors.New("not a resident's legal question")

// ReplyOptions change what Reply accepts.
type ReplyOptions struct {
	// Force replaces an earlier admin answer (and pushes the new one).
	Force bool
}

// answerableModes are the modes of a resident's legal question.
var answerableModes = map[string]bool{
	questions.ModeLLM: true, questions.ModeFAQ: true, questions.ModeExtractive: true, questions.ModeReferral: true,
}

// ReplyWith is Reply with options. The returned Question is filled in for
// ErrAnswered and ErrNotQuestion too, so the caller can say what is there.
func (a *Answerer) ReplyWith(ctx context.Context, id int64, text, by string, opts ReplyOptions) (ReplyResult, error) {
	var res ReplyResult
	if a.deps.Log == nil {
		return res, errors.New("reply: no question log")
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return res, errors.New("reply: empty answer")
	}
	e, err := a.deps.Log.Get(ctx, id)
	if err != nil {
		return res, fmt.Errorf("reply: %w", err)
	}
	res.Question = e
	if !answerableModes[e.Mode] {
		return res, fmt.Errorf("reply %d (mode %s): %w", id, e.Mode, ErrNotQuestion)
	}
	if e.Reply != "" && !opts.Force {
		return res, fmt.Errorf("reply %d: %w", id, ErrAnswered)
	}
	if a.deps.FAQ != nil {
		doc, err := a.deps.FAQ.AddFAQ(ctx, faqQuestion(e), text, fmt.Sprintf("答复#%d", id))
		if err != nil {
			return res, fmt.Errorf("reply %d: add FAQ: %w", id, err)
		}
		res.FAQDocID = doc
	}
	now := a.deps.Now()
	if err := a.deps.Log.SetReply(ctx, id, text, by, res.FAQDocID, now); err != nil {
		return res, fmt.Errorf("reply: %w", err)
	}
	res.Delivered, res.Note = a.push(ctx, e, text, now)
	status := questions.NotDelivered
	if res.Delivered {
		status = questions.Delivered
	}
	if err := a.deps.Log.SetDelivery(ctx, id, status, res.Note); err != nil {
		return res, fmt.Errorf("reply: %w", err)
	}
	return res, nil
}

func (a *Answerer) push(ctx context.Context, e questions.Entry, text string, now time.Time) (bool, string) {
	if a.deps.Push == nil {
		return false, textPushNoChannel
	}
	switch e.Channel {
	case bot.ChannelWeCom:
	case bot.ChannelWeChat:
		recent, err := a.deps.Log.Recent(ctx, e.Channel, e.UserID, now.Add(-customerServiceWindow), 1)
		if err != nil {
			a.deps.Logger.Warn("push reply: recent messages", "question", e.ID, "err", err)
			return false, textPushFailed
		}
		if len(recent) == 0 && now.Sub(e.At) > customerServiceWindow {
			return false, textPushOutOfWindow
		}
	default:
		return false, textPushNoChannel
	}
	if err := a.deps.Push.Push(ctx, e.Channel, e.UserID, a.replyText(e, text)); err != nil {
		a.deps.Logger.Warn("push reply", "question", e.ID, "user", e.UserHash, "code", errCode(err), "err", err)
		return false, pushFailureNote(err)
	}
	return true, ""
}

// replyText is an admin's reply as the resident sees it, pushed or in
// front of their next reply.
func (a *Answerer) replyText(e questions.Entry, text string) string {
	q := []rune(e.Question)
	if len(q) > 30 {
		q = append(q[:30], '…')
	}
	return fmt.Sprintf(textReplyPushHead, string(q), a.cfg.OfficeName, text)
}

// pushFailureNote says in plain words why a push failed, by the WeChat /
// WeCom errcode; the English cause goes to the log, not to the admin.
func pushFailureNote(err error) string {
	switch errCode(err) {
	case 45015:
		return textPushOutOfWindow
	case 45047:
		return textPushQuota
	case 48001:
		return textPushNoPermission
	case 43004, 43019:
		return textPushUnsubscribed
	case 40003, 81013:
		return textPushUnknownUser
	}
	return textPushFailed
}

// errCode is the WeChat / WeCom errcode inside err (*wechat.APIError has
// ErrCode), or 0.
func errCode(err error) int {
	var ce interface{ ErrCode() int }
	if errors.As(err, &ce) {
		return ce.ErrCode()
	}
	return 0
}

// owedRoute puts admins' replies that could not be pushed in front of the
// reply to the resident's next message (bot.Owed). It never takes a
// message itself.
type owedRoute struct{ a *Answerer }

var _ bot.Owed = owedRoute{}

func (owedRoute) Name() string { return "reply-owed" }

// Take passes every message on.
func (owedRoute) Take(context.Context, bot.Person, bot.Message) (bot.Reply, bool, error) {
	return bot.Reply{}, false, nil
}

// Owed takes the user's undelivered replies from the question log (marking
// them delivered) and returns them as one prefix.
func (r owedRoute) Owed(ctx context.Context, ch bot.Channel, userID string) (string, error) {
	at := r.a.deps.Now()
	if r.a.deps.Location != nil {
		at = at.In(r.a.deps.Location)
	}
	list, err := r.a.deps.Log.TakeOwed(ctx, ch, userID, fmt.Sprintf(textOwedNote, at.Format("2006-01-02 15:04")))
	if err != nil || len(list) == 0 {
		return "", err
	}
	var b strings.Builder
	for _, e := range list {
		b.WriteString(r.a.replyText(e, e.Reply))
		b.WriteString(textOwedSep)
	}
	return b.String(), nil
}

// Routes are the bot routes of the question loop: residents' 有用 / 没用
// right after an answer, and admins' "答复 编号 内容". Add them to the bot's
// routes before the answerer.
func (a *Answerer) Routes() []bot.Route {
	if a.deps.Log == nil {
		return nil
	}
	return []bot.Route{feedbackRoute{a}, replyRoute{a}, owedRoute{a}}
}

type feedbackRoute struct{ a *Answerer }

func (feedbackRoute) Name() string { return "feedback" }

var feedbackWords = map[string]string{
	"有用": questions.FeedbackUseful, "有帮助": questions.FeedbackUseful, "很有用": questions.FeedbackUseful,
	"有用的": questions.FeedbackUseful, "useful": questions.FeedbackUseful,
	"没用": questions.FeedbackUseless, "没有用": questions.FeedbackUseless, "没帮助": questions.FeedbackUseless,
	"没有帮助": questions.FeedbackUseless, "无用": questions.FeedbackUseless, "没什么用": questions.FeedbackUseless,
}

// Take stores 有用 / 没用 against the user's last answer, when there is one
// within the conversation window; otherwise the message passes on.
func (r feedbackRoute) Take(ctx context.Context, p bot.Person, m bot.Message) (bot.Reply, bool, error) {
	if m.Kind != bot.KindText && m.Kind != bot.KindVoice {
		return bot.Reply{}, false, nil
	}
	fb, ok := feedbackWords[strings.ToLower(strings.Trim(strings.TrimSpace(m.Text), "。.!！~～ "))]
	if !ok {
		return bot.Reply{}, false, nil
	}
	at := m.At
	if at.IsZero() {
		at = r.a.deps.Now()
	}
	recent, err := r.a.deps.Log.Recent(ctx, m.Channel, m.UserID, at.Add(-r.a.cfg.HistoryExpiry.Duration), 1)
	if err != nil {
		return bot.Reply{}, false, err
	}
	if len(recent) == 0 {
		// Nothing answered lately to judge: thank, and invite a question
		// (not the off-topic steer).
		return bot.Reply{Text: textFeedbackNoAnswer}, true, nil
	}
	switch recent[0].Mode {
	case questions.ModeLLM, questions.ModeFAQ, questions.ModeExtractive, questions.ModeReferral:
	default:
		return bot.Reply{Text: textFeedbackNoAnswer}, true, nil
	}
	if err := r.a.deps.Log.SetFeedback(ctx, recent[0].ID, fb, at); err != nil {
		return bot.Reply{}, false, err
	}
	if fb == questions.FeedbackUseful {
		return bot.Reply{Text: textFeedbackUseful}, true, nil
	}
	return bot.Reply{Text: textFeedbackUseless}, true, nil
}

type replyRoute struct{ a *Answerer }

func (replyRoute) Name() string { return "reply" }

var replyRe = regexp.MustCompile(`(?s)^(改答复|重新答复|答复)\s*[#＃]?\s*([0-9０-９]+)\s*[:：,，、]?\s*(.*)$`)

// Take lets an admin list the waiting questions ("待答复") and answer one by
// chat: "答复 12 内容".
func (r replyRoute) Take(ctx context.Context, p bot.Person, m bot.Message) (bot.Reply, bool, error) {
	if p.Role != bot.RoleAdmin || (m.Kind != bot.KindText && m.Kind != bot.KindVoice) {
		return bot.Reply{}, false, nil
	}
	text := strings.TrimSpace(m.Text)
	switch strings.Trim(text, "。.!！?？ ") {
	case "待答复", "未答复", "待回复":
		list, err := r.a.deps.Log.List(ctx, questions.Filter{Unanswered: true, Limit: pendingListed})
		if err != nil {
			return bot.Reply{}, false, err
		}
		return bot.Reply{Text: pendingText(list, r.a.deps.Location)}, true, nil
	}
	force := strings.HasPrefix(text, "改答复") || strings.HasPrefix(text, "重新答复")
	if !strings.HasPrefix(text, "答复") && !force {
		return bot.Reply{}, false, nil
	}
	usage := textReplyUsage
	if force {
		usage = textReplyUsageForce
	}
	sub := replyRe.FindStringSubmatch(text)
	if sub == nil || strings.TrimSpace(sub[3]) == "" {
		return bot.Reply{Text: usage}, true, nil
	}
	id, err := strconv.ParseInt(foldDigits(sub[2]), 10, 64)
	if err != nil {
		return bot.Reply{Text: usage}, true, nil
	}
	res, err := r.a.ReplyWith(ctx, id, sub[3], string(p.Channel)+":"+bot.UserHash(p.Channel, p.UserID), ReplyOptions{Force: force})
	switch {
	case errors.Is(err, questions.ErrNotFound):
		return bot.Reply{Text: fmt.Sprintf(textReplyNotFound, id)}, true, nil
	case errors.Is(err, ErrAnswered):
		return bot.Reply{Text: fmt.Sprintf(textReplyAlready, id, clip(res.Question.Reply, 40), id)}, true, nil
	case errors.Is(err, ErrNotQuestion):
		return bot.Reply{Text: fmt.Sprintf(textReplyNotQuestion, id, ModeName(res.Question.Mode))}, true, nil
	case err != nil:
		return bot.Reply{}, false, err
	}
	return bot.Reply{Text: replySummary(res)}, true, nil
}

// pendingListed is how many waiting questions "待答复" shows.
const pendingListed = 10

// pendingText lists waiting questions for an admin, newest first, with the
// ids to answer them by.
func pendingText(list []questions.Entry, loc *time.Location) string {
	if len(list) == 0 {
		return textPendingNone
	}
	var b strings.Builder
	b.WriteString(textPendingHead)
	for _, e := range list {
		q := []rune(strings.Join(strings.Fields(faqQuestion(e)), " "))
		if len(q) > 40 {
			q = append(q[:40], '…')
		}
		fmt.Fprintf(&b, "\n%d. [%s] %s", e.ID, e.At.In(loc).Format("01-02"), string(q))
	}
	b.WriteString("\n")
	b.WriteString(textReplyUsage)
	return b.String()
}

// replySummary tells the admin what became of a reply.
func replySummary(res ReplyResult) string {
	d := textReplyDelivered
	if !res.Delivered {
		d = fmt.Sprintf(textReplyNotDelivered, res.Note)
	}
	return fmt.Sprintf(textReplyDone, res.Question.ID, d)
}

// ReplySummary is the one-line account of a reply shown to the admin who
// gave it (chat and CLI).
func ReplySummary(res ReplyResult) string { return replySummary(res) }

// ModeName is a logged answer mode in the admins' words.
func ModeName(mode string) string {
	switch mode {
	case questions.ModeSafety:
		return textModeSafety
	case questions.ModeOffTopic:
		return textModeOffTopic
	case questions.ModeDeclined:
		return textModeDeclined
	}
	return mode
}

// clip shortens s to n characters on one line.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
