package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/activity"
	"github.com/pufabot/pufabot/bot/people"
	"github.com/pufabot/pufabot/bot/wechat"
	"github.com/pufabot/pufabot/jobs"
	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// buildJobs builds the scheduled jobs on the app's database: people from
// the registry and [admin] users, the ledger, the question log, the
// knowledge base when it is open (a.kb), and delivery through the
// configured WeChat / WeCom API clients.
func (a *App) buildJobs(ctx context.Context, m *Main) (*jobs.Service, error) {
	reg, err := people.NewRegistry(ctx, a.DB)
	if err != nil {
		return nil, fmt.Errorf("jobs: people: %w", err)
	}
	loc, err := time.LoadLocation(a.Config.Activity.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("jobs: activity.time_zone: %w", err)
	}
	ledger, err := activity.NewStore(ctx, a.DB, loc, filepath.Join(a.Config.Storage.DataDir, "photos"))
	if err != nil {
		return nil, fmt.Errorf("jobs: ledger: %w", err)
	}
	qs, err := questions.Open(ctx, a.DB)
	if err != nil {
		return nil, fmt.Errorf("jobs: question log: %w", err)
	}
	deps := jobs.Deps{
		DB: a.DB,
		People: &jobPeople{reg: reg, admins: a.Config.Admin.Users,
			wechat: a.Config.WeChat.Enabled, wecom: a.Config.WeCom.Enabled},
		Ledger:    jobLedger{ledger},
		Questions: jobQuestions{qs},
		Logger:    a.Logger,
		Now:       m.Now,
		Observe:   a.meter().observeJob,
	}
	if a.kb != nil {
		deps.Laws, deps.KB = jobKB{a.kb}, jobKB{a.kb}
	}
	if s := a.jobSender(); s != nil {
		deps.Sender = s
	}
	return jobs.New(ctx, a.Config.Jobs, deps)
}

// The API clients are what the jobs' router needs.
var (
	_ jobs.WeChatAPI = (*wechat.Client)(nil)
	_ jobs.WeComAPI  = (*wechat.WeComClient)(nil)
	_ jobs.ImageAPI  = (*wechat.Client)(nil)
	_ jobs.ImageAPI  = (*wechat.WeComClient)(nil)
)

// jobSender is the delivery router over the configured API clients; nil
// when neither WeChat nor WeCom can send (then only dry runs work).
func (a *App) jobSender() *jobs.Router {
	r := &jobs.Router{TemplateID: a.Config.WeChat.TemplateID, ErrCode: wechat.ErrorCode}
	if c := a.Config.WeChat; c.Enabled && c.AppID != "" && c.AppSecret != "" {
		r.WeChat = a.oaClient()
	}
	if c := a.Config.WeCom; c.Enabled && c.Secret != "" {
		r.WeCom = a.wecomClient()
	}
	if r.WeChat == nil && r.WeCom == nil {
		return nil
	}
	return r
}

// startJobs runs the enabled jobs on their schedules for `pufabot serve`
// (catching up a run missed while down); the returned stop waits for a
// running job.
func (a *App) startJobs(ctx context.Context, m *Main) (stop func(), err error) {
	s, err := a.buildJobs(ctx, m)
	if err != nil {
		return nil, err
	}
	return s.Start(ctx), nil
}

// jobPeople lists bound cadres and admins, plus the [admin] users of the
// config that have not bound themselves.
type jobPeople struct {
	reg           *people.Registry
	admins        []string
	wechat, wecom bool
}

// openIDPattern is the shape of an Official Account OpenID.
var openIDPattern = regexp.MustCompile(`^o[A-Za-z0-9_-]{27}$`)

func (p *jobPeople) People(ctx context.Context) ([]jobs.Person, error) {
	list, err := p.reg.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []jobs.Person
	seen := map[string]bool{}
	for _, x := range list {
		if x.Channel != bot.ChannelWeChat && x.Channel != bot.ChannelWeCom {
			continue // terminal users cannot be reached
		}
		out = append(out, jobs.Person{Channel: string(x.Channel), UserID: x.UserID, Name: x.Name,
			Village: x.Village, Role: string(x.Role), Joined: x.BoundAt})
		if x.Role == bot.RoleAdmin {
			seen[x.UserID] = true
		}
	}
	for _, id := range p.admins {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, jobs.Person{Channel: p.adminChannel(id), UserID: id, Name: "管理员 " + id, Role: jobs.RoleAdmin})
	}
	return out, nil
}

// adminChannel guesses where an [admin] user id lives: the only channel
// configured, else an OpenID-shaped id is the Official Account's.
func (p *jobPeople) adminChannel(id string) string {
	switch {
	case p.wechat && !p.wecom:
		return jobs.ChannelWeChat
	case p.wecom && !p.wechat:
		return jobs.ChannelWeCom
	case openIDPattern.MatchString(id):
		return jobs.ChannelWeChat
	}
	return jobs.ChannelWeCom
}

// jobLedger adapts the activity store. The digest counts as the year-end
// report and chat's statistics do (activity.Totals' methods): 宣传活动 场
// without 矛盾调解 and 学习培训 records, 参与群众 without trainees,
// disputes in 件; its by-type and by-village lists add up to 宣传活动.
type jobLedger struct{ s *activity.Store }

func (l jobLedger) Summary(ctx context.Context, from, to time.Time) (jobs.LedgerSummary, error) {
	t, err := l.s.Totals(ctx, from, to)
	if err != nil {
		return jobs.LedgerSummary{}, err
	}
	out := jobs.LedgerSummary{Activities: t.PublicitySessions(), Participants: t.PublicParticipants(), Materials: t.Materials,
		Consultations: t.Consultations, Mediations: t.Mediations, MediationsResolved: t.MediationsResolved,
		TrainingSessions: t.TrainingSessions(), TrainingParticipants: t.TrainingParticipants}
	for _, g := range t.PublicityTypes() {
		out.ByType = append(out.ByType, jobs.Count{Name: g.Name, N: g.Sessions})
	}
	villages, err := l.s.ByVillage(ctx, from, to)
	if err != nil {
		return out, err
	}
	for _, g := range villages {
		if n := g.PublicitySessions(); n > 0 {
			out.ByVillage = append(out.ByVillage, jobs.Count{Name: g.Name, N: n})
		}
	}
	// Most sessions first, 镇直及其他 last (the store orders by all records).
	sort.SliceStable(out.ByVillage, func(i, j int) bool {
		a, b := out.ByVillage[i], out.ByVillage[j]
		if (a.Name == activity.NoVillage) != (b.Name == activity.NoVillage) {
			return b.Name == activity.NoVillage
		}
		return a.N > b.N
	})
	recs, err := l.s.Records(ctx, from, to)
	if err != nil {
		return out, err
	}
	seen := map[string]bool{}
	for _, r := range recs {
		k := jobs.Person{Channel: r.Channel, UserID: r.UserID}.Key()
		if !seen[k] {
			seen[k] = true
			out.Reporters = append(out.Reporters, k)
		}
	}
	return out, nil
}

func (l jobLedger) LastRecord(ctx context.Context, ch, userID string) (time.Time, bool, error) {
	return l.s.LastRecordAt(ctx, bot.Channel(ch), userID)
}

// jobQuestions adapts the question log.
type jobQuestions struct{ s *questions.Store }

func (q jobQuestions) Count(ctx context.Context, from, to time.Time) (int, error) {
	c, err := q.s.Count(ctx, from, to)
	return c.Questions, err
}

func (q jobQuestions) TopTopics(ctx context.Context, from, to time.Time, n int) ([]jobs.Count, error) {
	ts, err := q.s.TopTopics(ctx, from, to, n)
	var out []jobs.Count
	for _, t := range ts {
		out = append(out, jobs.Count{Name: t.Name, N: t.Count})
	}
	return out, err
}

func (q jobQuestions) Unanswered(ctx context.Context, from, to time.Time, limit int) (int, []string, error) {
	c, err := q.s.Count(ctx, from, to)
	if err != nil {
		return 0, nil, err
	}
	es, err := q.s.Unanswered(ctx, from, to, limit)
	var ex []string
	for _, e := range es {
		ex = append(ex, e.Question)
	}
	return c.Unanswered, ex, err
}

// jobKB adapts the knowledge base: law search for reminders, and document
// additions and retirements for the digest (removed documents leave no
// trace to report).
type jobKB struct{ b *knowledge.Base }

func (k jobKB) FindLaws(ctx context.Context, query string, n int) ([]jobs.LawRef, error) {
	rs, err := k.b.Search(ctx, query, knowledge.SearchOptions{K: n, Kinds: []string{"law"}})
	if err != nil {
		return nil, err
	}
	var out []jobs.LawRef
	for _, r := range rs {
		if r.Law == "" || r.Article == "" {
			continue
		}
		law := r.Law
		if !strings.HasPrefix(law, "《") {
			law = "《" + law + "》"
		}
		out = append(out, jobs.LawRef{Law: law, Article: r.Article})
	}
	return out, nil
}

func (k jobKB) Changes(ctx context.Context, from, to time.Time) ([]jobs.KBChange, error) {
	docs, err := k.b.List(ctx)
	if err != nil {
		return nil, err
	}
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	var out []jobs.KBChange
	for _, d := range docs {
		switch {
		case in(d.AddedAt):
			out = append(out, jobs.KBChange{Action: "added", Title: d.Title, At: d.AddedAt})
		case in(d.UpdatedAt) && d.Status != knowledge.StatusCurrent:
			out = append(out, jobs.KBChange{Action: "retired", Title: d.Title, At: d.UpdatedAt})
		case in(d.UpdatedAt):
			out = append(out, jobs.KBChange{Action: "updated", Title: d.Title, At: d.UpdatedAt})
		}
	}
	return out, nil
}
