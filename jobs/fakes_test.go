package jobs

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// sh is a wall-clock time in Asia/Shanghai.
func sh(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, shanghai)
}

// clock is an injectable, settable time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

type fakePeople struct{ list []Person }

var _ People = (*fakePeople)(nil)

func (f *fakePeople) People(ctx context.Context) ([]Person, error) { return f.list, nil }

// fakeLedger returns a summary per from date and fixed last-record times.
type fakeLedger struct {
	mu      sync.Mutex
	byFrom  map[string]LedgerSummary // key: from.Format(time.RFC3339)
	last    map[string]time.Time     // key: Person.Key()
	summary [][2]time.Time           // every Summary call's [from, to)
}

var _ Ledger = (*fakeLedger)(nil)

func (f *fakeLedger) Summary(ctx context.Context, from, to time.Time) (LedgerSummary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.summary = append(f.summary, [2]time.Time{from, to})
	return f.byFrom[from.Format(time.RFC3339)], nil
}

func (f *fakeLedger) LastRecord(ctx context.Context, ch, userID string) (time.Time, bool, error) {
	t, ok := f.last[ch+":"+userID]
	return t, ok, nil
}

type fakeQuestions struct {
	count      map[string]int // key: from RFC3339
	topics     []Count
	unanswered int
	examples   []string
}

var _ Questions = (*fakeQuestions)(nil)

func (f *fakeQuestions) Count(ctx context.Context, from, to time.Time) (int, error) {
	return f.count[from.Format(time.RFC3339)], nil
}
func (f *fakeQuestions) TopTopics(ctx context.Context, from, to time.Time, n int) ([]Count, error) {
	return f.topics, nil
}
func (f *fakeQuestions) Unanswered(ctx context.Context, from, to time.Time, limit int) (int, []string, error) {
	ex := f.examples
	if len(ex) > limit {
		ex = ex[:limit]
	}
	return f.unanswered, ex, nil
}

type fakeLaws struct{ byQuery map[string][]LawRef }

var _ LawFinder = (*fakeLaws)(nil)

func (f *fakeLaws) FindLaws(ctx context.Context, q string, k int) ([]LawRef, error) {
	return f.byQuery[q], nil
}

type fakeKB struct{ changes []KBChange }

var _ KBChanges = (*fakeKB)(nil)

func (f *fakeKB) Changes(ctx context.Context, from, to time.Time) ([]KBChange, error) {
	var out []KBChange
	for _, c := range f.changes {
		if !c.At.Before(from) && c.At.Before(to) {
			out = append(out, c)
		}
	}
	return out, nil
}

// sent is one message a fake sender delivered.
type sent struct {
	To   Person
	Msg  Message
	Code int // errcode returned, 0 = delivered
}

// fakeSender records every Send; people in fail get that errcode back.
type fakeSender struct {
	mu   sync.Mutex
	all  []sent
	fail map[string]int // Person.Key() → errcode
	// onSend, when set, runs after each send is recorded here.
	onSend func(Person)
}

var _ Sender = (*fakeSender)(nil)

func (f *fakeSender) Send(ctx context.Context, to Person, m Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	code := f.fail[to.Key()]
	f.all = append(f.all, sent{To: to, Msg: m, Code: code})
	if f.onSend != nil {
		f.onSend(to)
	}
	if code != 0 {
		return &DeliveryError{Route: "customer_service", Code: code, Err: errors.New("response out of time limit")}
	}
	return nil
}

func (f *fakeSender) delivered() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sent
	for _, s := range f.all {
		if s.Code == 0 {
			out = append(out, s)
		}
	}
	return out
}

func (f *fakeSender) reset() { f.mu.Lock(); f.all = nil; f.mu.Unlock() }

// The cast of the tests: two cadres, an admin, and a resident's-eye view
// of nobody else.
var (
	zhang = Person{Channel: ChannelWeChat, UserID: "oZHANG000000000000000000001", Name: "张三", Village: "李家庄村", Role: RoleCadre}
	li    = Person{Channel: ChannelWeCom, UserID: "lisi", Name: "李四", Village: "王家屯村", Role: RoleCadre}
	admin = Person{Channel: ChannelWeChat, UserID: "oADMIN00000000000000000001", Name: "司法所王所长", Role: RoleAdmin}
)

// env is one test's world: a database, the fakes and a service factory.
type env struct {
	t      testing.TB
	db     *sql.DB
	clock  *clock
	people *fakePeople
	ledger *fakeLedger
	qs     *fakeQuestions
	laws   *fakeLaws
	kb     *fakeKB
	sender *fakeSender
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return &env{
		t:      t,
		db:     storage.MustOpenTemp(t),
		clock:  &clock{t: sh(2026, 3, 12, 8, 30)},
		people: &fakePeople{list: []Person{zhang, li, admin}},
		ledger: &fakeLedger{byFrom: map[string]LedgerSummary{}, last: map[string]time.Time{}},
		qs:     &fakeQuestions{count: map[string]int{}},
		laws:   &fakeLaws{byQuery: map[string][]LawRef{}},
		kb:     &fakeKB{},
		sender: &fakeSender{fail: map[string]int{}},
	}
}

// service builds a Service on the env's database (a "process"): several
// services on one env are a restart or a second replica.
func (e *env) service(owner string, mod ...func(*Config)) *Service {
	e.t.Helper()
	cfg := DefaultConfig()
	for _, m := range mod {
		m(&cfg)
	}
	s, err := New(context.Background(), cfg, Deps{
		DB: e.db, People: e.people, Ledger: e.ledger, Questions: e.qs, Laws: e.laws, KB: e.kb,
		Sender: e.sender, Now: e.clock.Now, Owner: owner,
	})
	if err != nil {
		e.t.Fatalf("New: %v", err)
	}
	return s
}

func (e *env) run(s *Service, job string, at time.Time) RunResult {
	e.t.Helper()
	e.clock.Set(at)
	res, err := s.Run(context.Background(), job, at, RunOptions{})
	if err != nil {
		e.t.Fatalf("Run %s at %s: %v", job, at, err)
	}
	return res
}
