package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// nothingDue is a plan's reason for having nothing to send; Run reports
// it in RunResult.Note, not as an error.
type nothingDue string

func (n nothingDue) Error() string { return string(n) }

// lawsPerReminder is how many articles a reminder lists at most.
const lawsPerReminder = 4

func (s *Service) people(ctx context.Context, role string) ([]Person, error) {
	all, err := s.deps.People.People(ctx)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	var out []Person
	seen := map[string]bool{}
	for _, p := range all {
		if p.Role != role || p.UserID == "" || seen[p.Key()] {
			continue
		}
		seen[p.Key()] = true
		out = append(out, p)
	}
	return out, nil
}

func (s *Service) msg(to Person, title, text string) outMsg {
	return outMsg{to: to, title: title, parts: splitText(text, MaxMessageBytes)}
}

// planCalendar: one batch per publicity day inside the reminder window,
// one message per cadre.
func (s *Service) planCalendar(ctx context.Context, at time.Time) ([]batch, error) {
	due := dueWithin(calendar(s.cfg.PublicityCalendar.ExtraDays), at, s.cfg.PublicityCalendar.DaysBefore)
	if len(due) == 0 {
		return nil, nothingDue(fmt.Sprintf("no publicity day in the next %d days", s.cfg.PublicityCalendar.DaysBefore))
	}
	cadres, err := s.people(ctx, RoleCadre)
	if err != nil {
		return nil, err
	}
	if len(cadres) == 0 {
		return nil, nothingDue("no cadres bound yet") // claim nothing: cadres bound later today still get it
	}
	var out []batch
	for _, d := range due {
		laws := s.findLaws(ctx, d.Topics)
		b := batch{period: d.Period()}
		for _, p := range cadres {
			b.msgs = append(b.msgs, s.msg(p, titleReminder, reminderText(p, d, laws)))
		}
		out = append(out, b)
	}
	return out, nil
}

// findLaws searches the knowledge base for each topic and keeps distinct
// articles, the best of each topic first. A search failure only leaves the
// laws out of the reminder.
func (s *Service) findLaws(ctx context.Context, topics []string) []LawRef {
	if s.deps.Laws == nil {
		return nil
	}
	var lists [][]LawRef
	for _, t := range topics {
		refs, err := s.deps.Laws.FindLaws(ctx, t, lawsPerReminder)
		if err != nil {
			s.log.Warn("publicity reminder: knowledge search failed", "topic", t, "err", err)
			return nil
		}
		lists = append(lists, refs)
	}
	var out []LawRef
	seen := map[LawRef]bool{}
	for round := 0; round < lawsPerReminder; round++ {
		for _, refs := range lists {
			if round < len(refs) && refs[round].Law != "" && !seen[refs[round]] && len(out) < lawsPerReminder {
				seen[refs[round]] = true
				out = append(out, refs[round])
			}
		}
	}
	return out
}

// planNudge: one batch per day it runs; cadres with no record for Days
// (and not nudged in that time, and not newly joined) get a nudge.
func (s *Service) planNudge(ctx context.Context, at time.Time) ([]batch, error) {
	if s.deps.Ledger == nil {
		return nil, errors.New("the activity ledger is not available")
	}
	days := s.cfg.InactivityNudge.Days
	window := time.Duration(days) * 24 * time.Hour
	cadres, err := s.people(ctx, RoleCadre)
	if err != nil {
		return nil, err
	}
	b := batch{period: at.Format("2006-01-02")}
	for _, p := range cadres {
		if !p.Joined.IsZero() && at.Sub(p.Joined) < window {
			continue
		}
		last, ok, err := s.deps.Ledger.LastRecord(ctx, p.Channel, p.UserID)
		if err != nil {
			return nil, fmt.Errorf("last record of %s: %w", p.Label(), err)
		}
		if ok && at.Sub(last) < window {
			continue
		}
		nudged, ok, err := s.store.lastSent(ctx, JobInactivityNudge, p)
		if err != nil {
			return nil, err
		}
		if ok && at.Sub(nudged) < window && nudged.Before(at) {
			continue
		}
		b.msgs = append(b.msgs, s.msg(p, titleNudge, nudgeText(p, days, at)))
	}
	if len(b.msgs) == 0 {
		return nil, nothingDue(fmt.Sprintf("no cadre to nudge (all recorded, nudged or joined within %d days)", days))
	}
	return []batch{b}, nil
}

// week returns the Monday-to-Monday week before the one at falls in, in
// at's zone: [from, to).
func week(at time.Time) (from, to time.Time) {
	y, m, d := at.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, at.Location())
	sinceMonday := (int(at.Weekday()) + 6) % 7
	to = midnight.AddDate(0, 0, -sinceMonday)
	return to.AddDate(0, 0, -7), to
}

// digestPeriod names a week by its ISO week: 2026-W11.
func digestPeriod(from time.Time) string {
	y, w := from.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// planDigest: one batch per week, one (possibly split) digest per admin.
func (s *Service) planDigest(ctx context.Context, at time.Time) ([]batch, error) {
	from, to := week(at)
	prevFrom := from.AddDate(0, 0, -7)
	d := digestData{From: from, To: to}
	if l := s.deps.Ledger; l != nil {
		var err error
		if d.This, err = l.Summary(ctx, from, to); err != nil {
			return nil, fmt.Errorf("ledger totals: %w", err)
		}
		if d.Prev, err = l.Summary(ctx, prevFrom, from); err != nil {
			return nil, fmt.Errorf("ledger totals: %w", err)
		}
		d.HaveLedger = true
		reported := map[string]bool{}
		for _, k := range d.This.Reporters {
			reported[k] = true
		}
		cadres, err := s.people(ctx, RoleCadre)
		if err != nil {
			return nil, err
		}
		d.Cadres = len(cadres)
		for _, p := range cadres {
			if !reported[p.Key()] && (p.Joined.IsZero() || p.Joined.Before(to)) {
				d.Silent = append(d.Silent, p)
			}
		}
	}
	if q := s.deps.Questions; q != nil {
		var err error
		if d.Questions, err = q.Count(ctx, from, to); err != nil {
			return nil, fmt.Errorf("question count: %w", err)
		}
		if d.PrevQuestions, err = q.Count(ctx, prevFrom, from); err != nil {
			return nil, fmt.Errorf("question count: %w", err)
		}
		if d.TopTopics, err = q.TopTopics(ctx, from, to, 5); err != nil {
			return nil, fmt.Errorf("top topics: %w", err)
		}
		if d.Unanswered, d.UnansweredEx, err = q.Unanswered(ctx, from, to, 5); err != nil {
			return nil, fmt.Errorf("unanswered questions: %w", err)
		}
		if len(d.UnansweredEx) > 5 {
			d.UnansweredEx = d.UnansweredEx[:5]
		}
		d.HaveQuestions = true
	}
	if k := s.deps.KB; k != nil {
		var err error
		if d.KBChanges, err = k.Changes(ctx, from, to); err != nil {
			return nil, fmt.Errorf("knowledge-base changes: %w", err)
		}
		d.HaveKB = true
	}
	var err error
	if d.Failures, err = s.store.failures(ctx, from, to); err != nil {
		return nil, err
	}
	admins, err := s.people(ctx, RoleAdmin)
	if err != nil {
		return nil, err
	}
	if len(admins) == 0 {
		return nil, nothingDue("no administrators to send to (bind one, or set [admin] users)")
	}
	text := digestText(d)
	var chart []byte
	if s.font != nil {
		if chart, err = digestChart(s.font, d); err != nil {
			s.log.Warn("weekly digest: no chart", "err", err) // the text still goes out
		}
	}
	b := batch{period: digestPeriod(from)}
	for _, p := range admins {
		m := s.msg(p, titleDigest, text)
		m.image = chart
		b.msgs = append(b.msgs, m)
	}
	return []batch{b}, nil
}
