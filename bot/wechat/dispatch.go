package wechat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/pufabot/pufabot/bot"
)

// Handler answers a message; *bot.Bot implements it.
type Handler interface {
	Handle(ctx context.Context, m bot.Message) bot.Reply
}

// Pusher sends a text to a user outside a passive reply: the
// customer-service API (*Client) or the WeCom app message API (*WeComClient).
type Pusher interface {
	SendText(ctx context.Context, userID, text string) error
}

// DispatcherConfig tunes the 5-second rule.
type DispatcherConfig struct {
	Channel bot.Channel
	// ReplyDeadline is how long an attempt waits for the answer before it
	// gives up answering in that attempt (WeChat waits 5 s).
	ReplyDeadline time.Duration
	// HandleTimeout bounds one message's handling, detached from requests.
	HandleTimeout time.Duration
	// Attempts is how many times WeChat posts a message (3).
	Attempts int
	// Retention is how long a handled message stays in memory for retries
	// (the database keeps it after that).
	Retention time.Duration
	// ClockSkew is the largest difference assumed between WeChat's clock
	// (CreateTime) and ours; it widens the window in which the database is
	// consulted for a message that is not in memory.
	ClockSkew time.Duration
	// RateLimit is messages per minute per user; 0 means no limit.
	RateLimit int
	// Observe, when set, is told of every message attempt as it is logged
	// (for /metrics): kind, route, outcome (answered / held) and latency.
	Observe func(kind, route, outcome string, latency time.Duration)
}

// ErrClosed is returned by Dispatch after Close: the server is stopping.
var ErrClosed = errors.New("dispatcher closed")

// Dispatcher implements the 5-second rule around a Handler: every message is
// handled once, in the background; each of WeChat's attempts waits for the
// answer until the deadline; attempts 1 and 2 are held open past it (so
// WeChat retries) and the last attempt answers in time with the answer or a
// short "on its way". Answers ready only after that are pushed (Pusher) or
// kept and put in front of the user's next reply. One user's messages are
// handled in order, one at a time; different users' in parallel.
type Dispatcher struct {
	cfg     DispatcherConfig
	h       Handler
	store   Store
	push    Pusher // nil: keep late answers as pending
	logger  *slog.Logger
	now     func() time.Time
	limiter *rateLimiter
	started time.Time

	mu       sync.Mutex
	inflight map[string]*entry
	queues   map[string]*userQueue
	pending  map[string]bool // users with pending answers
	closed   bool
	wg       sync.WaitGroup
	stopHold chan struct{} // closed by StopHolding
	stopOnce sync.Once
}

type entry struct {
	done      chan struct{}
	reply     bot.Reply // set before done is closed
	attempts  int
	late      bool // the last attempt answered "on its way"
	delivered bool // some attempt answered with the reply
}

type userQueue struct{ jobs []func() }

// NewDispatcher builds a Dispatcher. push may be nil.
func NewDispatcher(ctx context.Context, cfg DispatcherConfig, h Handler, store Store, push Pusher, logger *slog.Logger, now func() time.Time) (*Dispatcher, error) {
	if cfg.ReplyDeadline <= 0 {
		cfg.ReplyDeadline = 4500 * time.Millisecond
	}
	if cfg.HandleTimeout <= 0 {
		cfg.HandleTimeout = time.Minute
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = 3
	}
	if cfg.Retention <= 0 {
		cfg.Retention = time.Minute
	}
	if cfg.ClockSkew <= 0 {
		cfg.ClockSkew = 20 * time.Second
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	d := &Dispatcher{cfg: cfg, h: h, store: store, push: push, logger: logger, now: now, started: now(),
		limiter:  newRateLimiter(cfg.RateLimit, now),
		inflight: map[string]*entry{}, queues: map[string]*userQueue{}, pending: map[string]bool{},
		stopHold: make(chan struct{})}
	users, err := store.PendingUsers(ctx, cfg.Channel)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		d.pending[u] = true
	}
	return d, nil
}

// Outcome is what one attempt should do.
type Outcome struct {
	// Answer is false when the attempt must not be answered (the client
	// gave up while it was held open).
	Answer bool
	// Text is the reply text; "" means reply "success" (nothing to say).
	Text string
	// Route is the reply's route, for the log line.
	Route string
	// Attempt counts WeChat's posts of this message (0: answered from the
	// database after a restart).
	Attempt int
}

// Dispatch handles one attempt of message m, identified across retries by
// key. start is when the request arrived; ctx is the request's context.
func (d *Dispatcher) Dispatch(ctx context.Context, start time.Time, key string, m bot.Message) (Outcome, error) {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return Outcome{}, ErrClosed
	}
	e := d.inflight[key]
	d.mu.Unlock()
	if e == nil {
		if d.mayBeStored(m.At) {
			reply, ok, err := d.store.Processed(ctx, d.cfg.Channel, key)
			if err != nil {
				return Outcome{}, err
			}
			if ok {
				return Outcome{Answer: true, Text: reply, Route: "dedupe"}, nil
			}
		}
		d.mu.Lock()
		if d.closed {
			d.mu.Unlock()
			return Outcome{}, ErrClosed
		}
		if e = d.inflight[key]; e == nil {
			e = &entry{done: make(chan struct{})}
			d.inflight[key] = e
			allowed := d.limiter.allow(m.UserID)
			d.enqueueLocked(m.UserID, func() { d.run(key, e, m, allowed) })
		}
		d.mu.Unlock()
	}
	d.mu.Lock()
	e.attempts++
	attempt := e.attempts
	d.mu.Unlock()

	answer := func() Outcome {
		d.mu.Lock()
		e.delivered = true
		d.mu.Unlock()
		return Outcome{Answer: true, Text: e.reply.Text, Route: e.reply.Route, Attempt: attempt}
	}
	wait := d.cfg.ReplyDeadline - d.now().Sub(start)
	timer := time.NewTimer(max(wait, 0))
	defer timer.Stop()
	select {
	case <-e.done:
		return answer(), nil
	case <-ctx.Done():
		return Outcome{Attempt: attempt}, nil
	case <-timer.C:
	}
	d.mu.Lock()
	select {
	case <-e.done:
		d.mu.Unlock()
		return answer(), nil
	default:
	}
	stopping := false
	select {
	case <-d.stopHold:
		stopping = true
	default:
	}
	if attempt >= d.cfg.Attempts || stopping {
		d.mu.Unlock()
		return d.onItsWay(e, attempt), nil
	}
	d.mu.Unlock()
	// Hold the connection: WeChat gives up at 5 s and retries; if the
	// answer is ready first, this attempt can still carry it.
	select {
	case <-e.done:
		return answer(), nil
	case <-ctx.Done():
		return Outcome{Attempt: attempt}, nil
	case <-d.stopHold:
		// The server is stopping: no retry will find us. Say the answer is
		// on its way; it is pushed or kept once handled (Close waits).
		return d.onItsWay(e, attempt), nil
	}
}

// onItsWay gives up waiting in this attempt: the answer will be delivered
// late. d.mu must not be held.
func (d *Dispatcher) onItsWay(e *entry, attempt int) Outcome {
	d.mu.Lock()
	select {
	case <-e.done: // became ready meanwhile
		e.delivered = true
		d.mu.Unlock()
		return Outcome{Answer: true, Text: e.reply.Text, Route: e.reply.Route, Attempt: attempt}
	default:
	}
	e.late = true
	d.mu.Unlock()
	text := textOnItsWay
	if d.push != nil {
		text = textOnItsWayPush
	}
	return Outcome{Answer: true, Text: text, Route: "on-its-way", Attempt: attempt}
}

// StopHolding releases attempts held open for WeChat's retries, for a
// server that is shutting down: they answer "on its way" now and the
// answers are delivered late. Call it when shutdown begins, then Close.
func (d *Dispatcher) StopHolding() {
	d.stopOnce.Do(func() { close(d.stopHold) })
}

// mayBeStored reports whether a message created at `at` that is not in
// memory could nevertheless have been handled: by an earlier process (it
// was created before this one started) or by this one longer ago than
// Retention (entries are forgotten then). Anything newer would still be in
// memory, so the database lookup — the costliest read of a message — is
// skipped for it. ClockSkew allows for WeChat's clock being ahead of ours.
func (d *Dispatcher) mayBeStored(at time.Time) bool {
	horizon := d.now().Add(-d.cfg.Retention)
	if d.started.After(horizon) {
		horizon = d.started
	}
	return !at.After(horizon.Add(d.cfg.ClockSkew))
}

// enqueueLocked runs job after the user's earlier jobs; d.mu is held.
func (d *Dispatcher) enqueueLocked(user string, job func()) {
	if q := d.queues[user]; q != nil {
		q.jobs = append(q.jobs, job)
		return
	}
	q := &userQueue{jobs: []func(){job}}
	d.queues[user] = q
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		for {
			d.mu.Lock()
			if len(q.jobs) == 0 {
				delete(d.queues, user)
				d.mu.Unlock()
				return
			}
			job := q.jobs[0]
			q.jobs[0] = nil
			q.jobs = q.jobs[1:]
			d.mu.Unlock()
			job()
		}
	}()
}

// run handles one message, records it, and hands the reply to the waiting
// attempts, or — when the last attempt has already been answered — to the
// user by push or as pending.
func (d *Dispatcher) run(key string, e *entry, m bot.Message, allowed bool) {
	ctx, cancel := context.WithTimeout(context.Background(), d.cfg.HandleTimeout)
	defer cancel()
	var r bot.Reply
	if allowed {
		r = d.handle(ctx, m)
	} else {
		r = bot.Reply{Text: textRateLimited, Route: "rate-limited"}
	}
	if !r.Urgent {
		// An emergency reply goes alone; pending answers wait.
		r.Text = d.withPending(ctx, m.UserID, r.Text)
	}
	if err := d.store.SaveProcessed(ctx, Processed{Channel: d.cfg.Channel, Key: key, UserID: m.UserID,
		Route: r.Route, Reply: r.Text, At: d.now()}); err != nil {
		d.logger.Error("dedupe record", "channel", d.cfg.Channel, "user", bot.UserHash(d.cfg.Channel, m.UserID), "err", err)
	}
	d.mu.Lock()
	e.reply = r
	close(e.done)
	late := e.late
	d.mu.Unlock()
	if late {
		d.deliverLate(ctx, m.UserID, r.Text)
	}
	time.AfterFunc(d.cfg.Retention, func() {
		d.mu.Lock()
		delete(d.inflight, key)
		orphan := !e.delivered && !e.late && !d.closed
		if orphan { // no attempt came back for the answer: do not lose it
			e.late = true
			d.wg.Add(1)
		}
		d.mu.Unlock()
		if orphan {
			defer d.wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), d.cfg.HandleTimeout)
			defer cancel()
			d.deliverLate(ctx, m.UserID, r.Text)
		}
	})
}

// handle calls the Handler; a panic becomes an apology, not a crash.
func (d *Dispatcher) handle(ctx context.Context, m bot.Message) (r bot.Reply) {
	defer func() {
		if v := recover(); v != nil {
			d.logger.Error("panic handling message", "channel", d.cfg.Channel,
				"user", bot.UserHash(d.cfg.Channel, m.UserID), "panic", fmt.Sprint(v))
			r = bot.Reply{Text: textTrouble, Route: "error"}
		}
	}()
	return d.h.Handle(ctx, m)
}

// withPending puts the user's pending answers in front of text. When the
// whole would be too long for one reply, the overflow stays pending.
func (d *Dispatcher) withPending(ctx context.Context, user, text string) string {
	d.mu.Lock()
	has := d.pending[user]
	delete(d.pending, user)
	d.mu.Unlock()
	if !has {
		return text
	}
	texts, err := d.store.TakePending(ctx, d.cfg.Channel, user)
	if err != nil {
		d.logger.Error("pending replies", "channel", d.cfg.Channel, "user", bot.UserHash(d.cfg.Channel, user), "err", err)
		return text
	}
	if len(texts) == 0 {
		return text
	}
	full := textPendingHeader + strings.Join(texts, "\n\n")
	if text != "" {
		full += textPendingSep + text
	}
	first, rest := bot.SplitReply(full, bot.MaxReplyBytes)
	if rest != "" {
		d.keepPending(ctx, user, rest)
	}
	return first
}

// deliverLate gets an answer to the user after WeChat's last attempt.
func (d *Dispatcher) deliverLate(ctx context.Context, user, text string) {
	if text == "" {
		return
	}
	if d.push != nil {
		err := d.push.SendText(ctx, user, text)
		if err == nil {
			d.logger.Info("late answer pushed", "channel", d.cfg.Channel, "user", bot.UserHash(d.cfg.Channel, user))
			return
		}
		d.logger.Warn("push late answer failed, keeping it for the next message", "channel", d.cfg.Channel,
			"user", bot.UserHash(d.cfg.Channel, user), "code", ErrorCode(err), "err", err)
	}
	d.keepPending(ctx, user, text)
}

func (d *Dispatcher) keepPending(ctx context.Context, user, text string) {
	if err := d.store.AddPending(ctx, d.cfg.Channel, user, text, d.now()); err != nil {
		d.logger.Error("keep pending reply", "channel", d.cfg.Channel, "user", bot.UserHash(d.cfg.Channel, user), "err", err)
		return
	}
	d.mu.Lock()
	d.pending[user] = true
	d.mu.Unlock()
}

// Close stops taking messages and waits, up to ctx, for the ones being
// handled (their answers are recorded, pushed or kept).
func (d *Dispatcher) Close(ctx context.Context) error {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
