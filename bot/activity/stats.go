package activity

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/pufabot/pufabot/bot"
)

// Totals sums the live records of a period. Every view of the ledger (the
// year-end report, the weekly digest, 本月统计 / 本周统计 / 全镇统计 in
// chat) counts with the same definition, through the methods below:
//
//   - 普法宣传活动 场次 (PublicitySessions): records of every type but
//     矛盾调解 (counted in 件) and 学习培训 (cadres' own study);
//   - 参与群众 人次 (PublicParticipants): participants of every record but
//     学习培训 (cadres are not 群众);
//   - 调解矛盾纠纷 件 / 调解成功 件: the sums of the records' counts (a
//     record may log several disputes), not the number of 矛盾调解 records;
//   - 学法培训 场次 / 参训 人次 (TrainingSessions, TrainingParticipants);
//   - 发放资料 份, 法律咨询 人次, 入户走访 户: the sums over all records.
type Totals struct {
	// Sessions is the number of records, all types together: whether there
	// is anything at all, not a figure to show (see PublicitySessions).
	Sessions int
	// SessionsByType counts records per type (keys from Types).
	SessionsByType map[string]int
	// Sums of the records' counts.
	Participants       int // 参与人次, 学习培训 included (see PublicParticipants)
	Materials          int // 发放资料 份
	Consultations      int // 法律咨询 人次
	Households         int // 入户 户
	Mediations         int // 调解纠纷 件
	MediationsResolved int // 调解成功 件
	// TrainingParticipants is the part of Participants in 学习培训 records.
	TrainingParticipants int
}

// PublicitySessions is 普法宣传活动 场次: records of every type but 矛盾调解
// and 学习培训.
func (t Totals) PublicitySessions() int {
	return t.Sessions - t.SessionsByType[TypeMediation] - t.SessionsByType[TypeTraining]
}

// PublicParticipants is 参与群众 人次: participants of every record but
// 学习培训.
func (t Totals) PublicParticipants() int {
	return t.Participants - t.TrainingParticipants
}

// TrainingSessions is 学法培训 场次: the 学习培训 records.
func (t Totals) TrainingSessions() int {
	return t.SessionsByType[TypeTraining]
}

// PublicityTypes lists the types counted in PublicitySessions with their
// record counts, in the order of Types, leaving out types without records.
func (t Totals) PublicityTypes() []Group {
	var out []Group
	for _, typ := range Types {
		if typ == TypeMediation || typ == TypeTraining || t.SessionsByType[typ] == 0 {
			continue
		}
		out = append(out, Group{Name: typ, Totals: Totals{Sessions: t.SessionsByType[typ]}})
	}
	return out
}

// SuccessRate is MediationsResolved / Mediations in percent; ok is false
// when there were no mediations.
func (t Totals) SuccessRate() (rate float64, ok bool) {
	if t.Mediations == 0 {
		return 0, false
	}
	return 100 * float64(t.MediationsResolved) / float64(t.Mediations), true
}

func (t *Totals) add(o Totals) {
	t.Sessions += o.Sessions
	if t.SessionsByType == nil {
		t.SessionsByType = map[string]int{}
	}
	for k, v := range o.SessionsByType {
		t.SessionsByType[k] += v
	}
	t.Participants += o.Participants
	t.Materials += o.Materials
	t.Consultations += o.Consultations
	t.Households += o.Households
	t.Mediations += o.Mediations
	t.MediationsResolved += o.MediationsResolved
	t.TrainingParticipants += o.TrainingParticipants
}

// Group is the totals of one village or one type.
type Group struct {
	Name string
	Totals
}

// NoVillage names the group of records whose reporter has no village and
// whose place is not a village either (e.g. an admin's town-wide event).
const NoVillage = "镇直及其他"

// Totals sums the live records whose activity date d is in [from, to), days
// read in the store's zone. A zero from means "since the beginning".
func (s *Store) Totals(ctx context.Context, from, to time.Time) (Totals, error) {
	gs, err := s.groups(ctx, "type", "", from, to)
	if err != nil {
		return Totals{}, err
	}
	t := Totals{SessionsByType: map[string]int{}}
	for _, g := range gs {
		t.add(g.Totals)
	}
	return t, nil
}

// UserTotals is Totals for one reporter's records.
func (s *Store) UserTotals(ctx context.Context, ch bot.Channel, userID string, from, to time.Time) (Totals, error) {
	gs, err := s.groups(ctx, "type", "channel = ? AND user_id = ?", from, to, string(ch), userID)
	if err != nil {
		return Totals{}, err
	}
	t := Totals{SessionsByType: map[string]int{}}
	for _, g := range gs {
		t.add(g.Totals)
	}
	return t, nil
}

// ByType returns the totals of each type that has records in [from, to),
// in the order of Types.
func (s *Store) ByType(ctx context.Context, from, to time.Time) ([]Group, error) {
	gs, err := s.groups(ctx, "type", "", from, to)
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	for i, t := range Types {
		order[t] = i + 1
	}
	sort.SliceStable(gs, func(i, j int) bool {
		oi, oj := order[gs[i].Name], order[gs[j].Name]
		if oi == 0 {
			oi = len(Types) + 1
		}
		if oj == 0 {
			oj = len(Types) + 1
		}
		return oi < oj
	})
	return gs, nil
}

// ByVillage returns the totals of each village in [from, to), most sessions
// first. A record belongs to its reporter's village; records of reporters
// without one are grouped under NoVillage.
func (s *Store) ByVillage(ctx context.Context, from, to time.Time) ([]Group, error) {
	return s.byVillage(ctx, "", from, to)
}

func (s *Store) byVillage(ctx context.Context, where string, from, to time.Time, args ...any) ([]Group, error) {
	gs, err := s.groups(ctx, "CASE WHEN village = '' THEN '"+NoVillage+"' ELSE village END", where, from, to, args...)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if (gs[i].Name == NoVillage) != (gs[j].Name == NoVillage) {
			return gs[j].Name == NoVillage
		}
		if gs[i].Sessions != gs[j].Sessions {
			return gs[i].Sessions > gs[j].Sessions
		}
		return gs[i].Name < gs[j].Name
	})
	return gs, nil
}

// LastRecordAt is when the user last stored a live record (for reminders to
// cadres who have not reported for a while).
func (s *Store) LastRecordAt(ctx context.Context, ch bot.Channel, userID string) (time.Time, bool, error) {
	var created string
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(created_at), '') FROM activities
		WHERE channel = ? AND user_id = ? AND deleted_at IS NULL`, string(ch), userID).Scan(&created)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("last record of user: %w", err)
	}
	if created == "" {
		return time.Time{}, false, nil
	}
	return parseTS(created), true, nil
}

// groups sums live records in [from, to) grouped by the SQL expression key
// (always a constant expression of ours, never user input), per type too.
func (s *Store) groups(ctx context.Context, key, where string, from, to time.Time, args ...any) ([]Group, error) {
	q := `SELECT ` + key + ` AS k, type, count(*), SUM(participants), SUM(materials), SUM(consultations),
		SUM(households), SUM(mediations), SUM(mediations_resolved)
		FROM activities WHERE deleted_at IS NULL AND date >= ? AND date < ?`
	lo := ""
	if !from.IsZero() {
		lo = s.day(from)
	}
	qargs := []any{lo, s.day(to)}
	if where != "" {
		q += " AND " + where
		qargs = append(qargs, args...)
	}
	q += ` GROUP BY k, type ORDER BY k`
	rows, err := s.db.QueryContext(ctx, q, qargs...)
	if err != nil {
		return nil, fmt.Errorf("sum records: %w", err)
	}
	defer rows.Close()
	var out []Group
	idx := map[string]int{}
	for rows.Next() {
		var k, typ string
		var t Totals
		if err := rows.Scan(&k, &typ, &t.Sessions, &t.Participants, &t.Materials, &t.Consultations,
			&t.Households, &t.Mediations, &t.MediationsResolved); err != nil {
			return nil, fmt.Errorf("sum records: %w", err)
		}
		t.SessionsByType = map[string]int{typ: t.Sessions}
		if typ == TypeTraining {
			t.TrainingParticipants = t.Participants
		}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Group{Name: k, Totals: Totals{SessionsByType: map[string]int{}}})
		}
		out[i].add(t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sum records: %w", err)
	}
	return out, nil
}
