package jobs

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Send statuses in job_sends.
const (
	statusPending = "pending"
	statusSent    = "sent"
	statusFailed  = "failed"
)

// Run statuses in job_runs.
const (
	runRunning = "running"
	runDone    = "done"
)

// tsLayout is fixed-width UTC so stored times compare as strings.
const tsLayout = "2006-01-02T15:04:05.000Z"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(tsLayout, s)
	return t
}

// store keeps job_runs and job_sends.
type store struct {
	db    *sql.DB
	owner string
	// lease is how long a claim stays ours without renewal; a run whose
	// lease ran out (its runner crashed) may be taken over and resumed.
	lease time.Duration
}

func newStore(ctx context.Context, db *sql.DB, owner string) (*store, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := storage.Migrate(ctx, db, "jobs", sub); err != nil {
		return nil, err
	}
	return &store{db: db, owner: owner, lease: 10 * time.Minute}, nil
}

// claim makes this runner the one to run (job, period). It returns the run
// id and ok = true for a new claim or the takeover of a crashed run whose
// lease has expired; ok = false when the run is done or another runner
// holds it. The check and the insert are one transaction, and the
// (job, period) key is unique, so two runners never both get ok.
func (s *store) claim(ctx context.Context, job, period string, asOf, now time.Time) (id int64, resumed, ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, false, fmt.Errorf("claim %s %s: %w", job, period, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO job_runs (job, period, status, owner, as_of, claimed_at, lease_until)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job, period) DO NOTHING`,
		job, period, runRunning, s.owner, ts(asOf), ts(now), ts(now.Add(s.lease)))
	if err != nil {
		return 0, false, false, fmt.Errorf("claim %s %s: %w", job, period, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		id, err = res.LastInsertId()
		if err != nil {
			return 0, false, false, fmt.Errorf("claim %s %s: %w", job, period, err)
		}
	} else {
		var status, leaseUntil string
		if err := tx.QueryRowContext(ctx, `SELECT id, status, lease_until FROM job_runs WHERE job = ? AND period = ?`,
			job, period).Scan(&id, &status, &leaseUntil); err != nil {
			return 0, false, false, fmt.Errorf("claim %s %s: %w", job, period, err)
		}
		if status == runDone || leaseUntil > ts(now) {
			return id, false, false, nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE job_runs SET owner = ?, claimed_at = ?, lease_until = ? WHERE id = ?`,
			s.owner, ts(now), ts(now.Add(s.lease)), id); err != nil {
			return 0, false, false, fmt.Errorf("take over %s %s: %w", job, period, err)
		}
		resumed = true
	}
	if err := tx.Commit(); err != nil {
		return 0, false, false, fmt.Errorf("claim %s %s: %w", job, period, err)
	}
	return id, resumed, true, nil
}

// renew extends our lease; false means another runner took the run over.
func (s *store) renew(ctx context.Context, id int64, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE job_runs SET lease_until = ? WHERE id = ? AND owner = ? AND status = ?`,
		ts(now.Add(s.lease)), id, s.owner, runRunning)
	if err != nil {
		return false, fmt.Errorf("renew run %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// release gives up our lease on an unfinished run, so that the next run of
// its period resumes it at once.
func (s *store) release(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE job_runs SET lease_until = '' WHERE id = ? AND owner = ? AND status = ?`,
		id, s.owner, runRunning); err != nil {
		return fmt.Errorf("release run %d: %w", id, err)
	}
	return nil
}

// finish marks a run done.
func (s *store) finish(ctx context.Context, id int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE job_runs SET status = ?, finished_at = ? WHERE id = ? AND owner = ?`,
		runDone, ts(now), id, s.owner); err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

// runStatus is the status of (job, period), "" when never claimed.
func (s *store) runStatus(ctx context.Context, job, period string) (string, error) {
	var st string
	err := s.db.QueryRowContext(ctx, `SELECT status FROM job_runs WHERE job = ? AND period = ?`, job, period).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("run status %s %s: %w", job, period, err)
	}
	return st, nil
}

// hasRuns reports whether job has ever claimed a period.
func (s *store) hasRuns(ctx context.Context, job string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM job_runs WHERE job = ? LIMIT 1)`, job).Scan(&n); err != nil {
		return false, fmt.Errorf("runs of %s: %w", job, err)
	}
	return n > 0, nil
}

// begin records that part of a message to p is about to be sent. It
// returns false when the part has a record already (sent, failed, or
// pending from a crashed runner): it is not sent again.
func (s *store) begin(ctx context.Context, id int64, p Person, part int, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO job_sends (run_id, channel, user_id, part, name, status, at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		id, p.Channel, p.UserID, part, p.Label(), statusPending, ts(now))
	if err != nil {
		return false, fmt.Errorf("record send: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// record stores the outcome of a send begun with begin.
func (s *store) record(ctx context.Context, id int64, p Person, part int, sendErr error, now time.Time) error {
	status, code, msg := statusSent, 0, ""
	if sendErr != nil {
		status, code, msg = statusFailed, errCode(sendErr), sendErr.Error()
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE job_sends SET status = ?, errcode = ?, error = ?, at = ?
		WHERE run_id = ? AND channel = ? AND user_id = ? AND part = ?`,
		status, code, msg, ts(now), id, p.Channel, p.UserID, part); err != nil {
		return fmt.Errorf("record send: %w", err)
	}
	return nil
}

// abandonPending marks the pending sends of a crashed run failed: whether
// they reached the person is unknown, and sending twice is worse.
func (s *store) abandonPending(ctx context.Context, id int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE job_sends SET status = ?, error = ?, at = ? WHERE run_id = ? AND status = ?`,
		statusFailed, "interrupted: delivery unknown, not retried", ts(now), id, statusPending); err != nil {
		return fmt.Errorf("abandon pending sends of run %d: %w", id, err)
	}
	return nil
}

// Failure is one send that failed, for the digest.
type Failure struct {
	Job     string
	Name    string
	Channel string
	UserID  string
	ErrCode int
	Error   string
	At      time.Time
}

// failures lists the failed sends in [from, to), one per run and person.
func (s *store) failures(ctx context.Context, from, to time.Time) ([]Failure, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.job, s.name, s.channel, s.user_id, s.errcode, s.error, min(s.at)
		FROM job_sends s JOIN job_runs r ON r.id = s.run_id
		WHERE s.status = ? AND s.at >= ? AND s.at < ?
		GROUP BY s.run_id, s.channel, s.user_id ORDER BY min(s.at)`, statusFailed, ts(from), ts(to))
	if err != nil {
		return nil, fmt.Errorf("list failed sends: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		var at string
		if err := rows.Scan(&f.Job, &f.Name, &f.Channel, &f.UserID, &f.ErrCode, &f.Error, &at); err != nil {
			return nil, fmt.Errorf("list failed sends: %w", err)
		}
		f.At = parseTS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// lastSent is when job last reached p (status sent), for not nudging the
// same cadre every week.
func (s *store) lastSent(ctx context.Context, job string, p Person) (time.Time, bool, error) {
	var at sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT max(s.at) FROM job_sends s JOIN job_runs r ON r.id = s.run_id
		WHERE r.job = ? AND s.channel = ? AND s.user_id = ? AND s.status = ?`,
		job, p.Channel, p.UserID, statusSent).Scan(&at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("last %s to %s: %w", job, p.Label(), err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	return parseTS(at.String), true, nil
}

// Send is one recorded send, for `pufabot jobs` output and tests.
type Send struct {
	Job, Period     string
	Channel, UserID string
	Name            string
	Part            int
	Status          string
	ErrCode         int
	At              time.Time
}

// sends lists the recorded sends of job (all jobs when ""), oldest first.
func (s *store) sends(ctx context.Context, job string) ([]Send, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.job, r.period, s.channel, s.user_id, s.name, s.part, s.status, s.errcode, s.at
		FROM job_sends s JOIN job_runs r ON r.id = s.run_id WHERE ? = '' OR r.job = ? ORDER BY s.at, s.rowid`, job, job)
	if err != nil {
		return nil, fmt.Errorf("list sends: %w", err)
	}
	defer rows.Close()
	var out []Send
	for rows.Next() {
		var x Send
		var at string
		if err := rows.Scan(&x.Job, &x.Period, &x.Channel, &x.UserID, &x.Name, &x.Part, &x.Status, &x.ErrCode, &at); err != nil {
			return nil, fmt.Errorf("list sends: %w", err)
		}
		x.At = parseTS(at)
		out = append(out, x)
	}
	return out, rows.Err()
}
