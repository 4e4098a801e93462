package activity

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

//go:embed migrations/*.sql
var migrations embed.FS

// dateLayout is how activity dates are written in the ledger.
const dateLayout = "2006-01-02"

// ErrNoRecord is returned when a record asked for does not exist (or was
// withdrawn with 撤销).
var ErrNoRecord = errors.New("no such ledger record")

// Store is the ledger on pufabot's SQL database. Every write is one
// transaction, committed before the caller acknowledges anything to a user,
// so a crash never loses an acknowledged record. It is safe for concurrent
// use.
type Store struct {
	db       *sql.DB
	loc      *time.Location
	photoDir string
}

// NewStore applies the ledger's migrations and returns the store. loc is the
// zone in which days are counted (dedupe, periods); photoDir is where
// photos are kept (<data dir>/photos).
func NewStore(ctx context.Context, db *sql.DB, loc *time.Location, photoDir string) (*Store, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := storage.Migrate(ctx, db, "activity", sub); err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.UTC
	}
	return &Store{db: db, loc: loc, photoDir: photoDir}, nil
}

// Location is the zone the store counts days in.
func (s *Store) Location() *time.Location { return s.loc }

// PhotoDir is the folder photo file names are relative to.
func (s *Store) PhotoDir() string { return s.photoDir }

// TextHash is the dedupe key of a report's text: SHA-256 of the text without
// spaces and trailing punctuation, so a resent message matches itself.
func TextHash(text string) string {
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
	t = strings.TrimRight(t, "。.！!～~")
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// Add stores a record reported at the given time and ends the user's
// pending question, in one transaction. A count above MaxCount is refused
// with an *ImplausibleError. When the same user already stored
// the same text (r.Note) on the same day, nothing is written and the
// existing record is returned with dup = true.
func (s *Store) Add(ctx context.Context, r Record, at time.Time) (Record, bool, error) {
	if r.Date == "" || r.Type == "" {
		return Record{}, false, errors.New("add record: date and type are required")
	}
	if err := CheckCounts(r.Fields); err != nil {
		return Record{}, false, fmt.Errorf("add record: %w", err)
	}
	day := at.In(s.loc).Format(dateLayout)
	hash := TextHash(r.Note)
	topics, err := json.Marshal(nonNil(r.Topics))
	if err != nil {
		return Record{}, false, fmt.Errorf("add record: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Record{}, false, fmt.Errorf("add record: %w", err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM activities WHERE channel = ? AND user_id = ? AND day = ? AND text_hash = ?
		AND deleted_at IS NULL`, r.Channel, r.UserID, day, hash).Scan(&id)
	switch {
	case err == nil:
		if err := tx.Commit(); err != nil {
			return Record{}, false, fmt.Errorf("add record: %w", err)
		}
		old, err := s.Get(ctx, id)
		return old, true, err
	case !errors.Is(err, sql.ErrNoRows):
		return Record{}, false, fmt.Errorf("add record: dedupe: %w", err)
	}
	now := ts(at)
	err = tx.QueryRowContext(ctx, `INSERT INTO activities (channel, user_id, reporter, village, date, type, place, topics,
		participants, materials, consultations, households, mediations, mediations_resolved, note, text_hash, day,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.Channel, r.UserID, r.Reporter, r.Village, r.Date, r.Type, r.Place, string(topics),
		r.Participants, r.Materials, r.Consultations, r.Households, r.Mediations, r.MediationsResolved,
		r.Note, hash, day, now, now).Scan(&id)
	if err != nil {
		return Record{}, false, fmt.Errorf("add record: insert: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM activity_pending WHERE channel = ? AND user_id = ?`, r.Channel, r.UserID); err != nil {
		return Record{}, false, fmt.Errorf("add record: end pending: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Record{}, false, fmt.Errorf("add record: commit: %w", err)
	}
	r.ID, r.CreatedAt, r.Photos = id, parseTS(now), nil
	r.Topics = nonNil(r.Topics)
	return r, false, nil
}

// Update replaces the fields of a live record (the original text stays);
// a count above MaxCount is refused with an *ImplausibleError.
func (s *Store) Update(ctx context.Context, id int64, f Fields, at time.Time) error {
	if err := CheckCounts(f); err != nil {
		return fmt.Errorf("update record %d: %w", id, err)
	}
	topics, err := json.Marshal(nonNil(f.Topics))
	if err != nil {
		return fmt.Errorf("update record %d: %w", id, err)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE activities SET date = ?, type = ?, place = ?, topics = ?, participants = ?,
		materials = ?, consultations = ?, households = ?, mediations = ?, mediations_resolved = ?, updated_at = ?
		WHERE id = ? AND deleted_at IS NULL`,
		f.Date, f.Type, f.Place, string(topics), f.Participants, f.Materials, f.Consultations, f.Households,
		f.Mediations, f.MediationsResolved, ts(at), id)
	if err != nil {
		return fmt.Errorf("update record %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update record %d: %w", id, ErrNoRecord)
	}
	return nil
}

// Delete withdraws a record (撤销): it is kept, marked deleted, and no longer
// counted, listed or exported.
func (s *Store) Delete(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE activities SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, ts(at), id)
	if err != nil {
		return fmt.Errorf("delete record %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete record %d: %w", id, ErrNoRecord)
	}
	return nil
}

const recordCols = `id, channel, user_id, reporter, village, date, type, place, topics, participants, materials,
	consultations, households, mediations, mediations_resolved, note, created_at`

func scanRecord(sc interface{ Scan(...any) error }) (Record, error) {
	var r Record
	var topics, created string
	err := sc.Scan(&r.ID, &r.Channel, &r.UserID, &r.Reporter, &r.Village, &r.Date, &r.Type, &r.Place, &topics,
		&r.Participants, &r.Materials, &r.Consultations, &r.Households, &r.Mediations, &r.MediationsResolved,
		&r.Note, &created)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(topics), &r.Topics); err != nil {
		return r, fmt.Errorf("record %d topics: %w", r.ID, err)
	}
	r.Topics = nonNil(r.Topics)
	r.CreatedAt = parseTS(created)
	return r, nil
}

// Get returns a live record with its photos.
func (s *Store) Get(ctx context.Context, id int64) (Record, error) {
	r, err := scanRecord(s.db.QueryRowContext(ctx, `SELECT `+recordCols+` FROM activities WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, fmt.Errorf("record %d: %w", id, ErrNoRecord)
	}
	if err != nil {
		return Record{}, fmt.Errorf("record %d: %w", id, err)
	}
	if err := s.attachPhotos(ctx, []*Record{&r}); err != nil {
		return Record{}, err
	}
	return r, nil
}

// Last returns the user's most recently stored live record.
func (s *Store) Last(ctx context.Context, ch bot.Channel, userID string) (Record, bool, error) {
	rs, err := s.Recent(ctx, ch, userID, 1)
	if err != nil || len(rs) == 0 {
		return Record{}, false, err
	}
	return rs[0], true, nil
}

// Recent returns the user's last n live records, newest first.
func (s *Store) Recent(ctx context.Context, ch bot.Channel, userID string, n int) ([]Record, error) {
	return s.query(ctx, `SELECT `+recordCols+` FROM activities WHERE channel = ? AND user_id = ? AND deleted_at IS NULL
		ORDER BY id DESC LIMIT ?`, string(ch), userID, n)
}

// Records returns the live records whose activity date d is in [from, to)
// (days in the store's zone), by date then id, with their photos: the rows
// of an export.
func (s *Store) Records(ctx context.Context, from, to time.Time) ([]Record, error) {
	return s.query(ctx, `SELECT `+recordCols+` FROM activities WHERE deleted_at IS NULL AND date >= ? AND date < ?
		ORDER BY date, id`, s.day(from), s.day(to))
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]Record, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list records: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("list records: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list records: %w", err)
	}
	ptrs := make([]*Record, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	if err := s.attachPhotos(ctx, ptrs); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) attachPhotos(ctx context.Context, rs []*Record) error {
	if len(rs) == 0 {
		return nil
	}
	byID := map[int64]*Record{}
	ids := make([]string, 0, len(rs))
	for _, r := range rs {
		byID[r.ID] = r
		ids = append(ids, fmt.Sprint(r.ID))
	}
	// ids are integers we formatted ourselves, safe to inline.
	rows, err := s.db.QueryContext(ctx, `SELECT activity_id, file FROM activity_photos WHERE activity_id IN (`+
		strings.Join(ids, ",")+`) ORDER BY id`)
	if err != nil {
		return fmt.Errorf("list photos: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var file string
		if err := rows.Scan(&id, &file); err != nil {
			return fmt.Errorf("list photos: %w", err)
		}
		if r := byID[id]; r != nil {
			r.Photos = append(r.Photos, file)
		}
	}
	return rows.Err()
}

// AddPhoto saves an image of a record as <photo dir>/<yyyy-mm>/<id>-<n>.<ext>
// (yyyy-mm of the activity date) and records it, in one transaction: the
// file is written to a temporary name, synced and renamed before the commit,
// so a crash leaves either nothing or a whole file. A second call with the
// same non-empty mediaID returns the first file (WeChat retries). It returns
// the file name relative to the photo dir.
func (s *Store) AddPhoto(ctx context.Context, id int64, data []byte, ext, mediaID string, at time.Time) (string, error) {
	if s.photoDir == "" {
		return "", errors.New("add photo: no photo dir configured")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("add photo: %w", err)
	}
	defer tx.Rollback()
	var date string
	if err := tx.QueryRowContext(ctx, `SELECT date FROM activities WHERE id = ? AND deleted_at IS NULL`, id).Scan(&date); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("add photo to %d: %w", id, ErrNoRecord)
		}
		return "", fmt.Errorf("add photo to %d: %w", id, err)
	}
	if mediaID != "" {
		var file string
		err := tx.QueryRowContext(ctx, `SELECT file FROM activity_photos WHERE activity_id = ? AND media_id = ?`, id, mediaID).Scan(&file)
		if err == nil {
			return file, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("add photo to %d: %w", id, err)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM activity_photos WHERE activity_id = ?`, id).Scan(&n); err != nil {
		return "", fmt.Errorf("add photo to %d: %w", id, err)
	}
	month := at.In(s.loc).Format("2006-01")
	if len(date) >= 7 {
		month = date[:7]
	}
	file := fmt.Sprintf("%s/%d-%d.%s", month, id, n+1, strings.TrimPrefix(ext, "."))
	if err := writeFileAtomic(filepath.Join(s.photoDir, filepath.FromSlash(file)), data); err != nil {
		return "", fmt.Errorf("add photo to %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO activity_photos (activity_id, file, media_id, created_at) VALUES (?, ?, ?, ?)`,
		id, file, mediaID, ts(at)); err != nil {
		return "", fmt.Errorf("add photo to %d: record: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("add photo to %d: commit: %w", id, err)
	}
	return file, nil
}

// writeFileAtomic writes data to path through a synced temporary file and a
// rename, so readers never see half a file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Pending is a report waiting for the essentials a cadre has not given yet.
type Pending struct {
	Record Record `json:"record"`
	// Missing names what was asked for: "date", "type", "place_or_count".
	Missing []string `json:"missing"`
	// At is when the original message was sent; its day is the record's
	// dedupe day.
	At time.Time `json:"at"`
}

// SavePending keeps the user's partial report, replacing any earlier one.
func (s *Store) SavePending(ctx context.Context, ch bot.Channel, userID string, p Pending, at time.Time) error {
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save pending: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO activity_pending (channel, user_id, record, asked_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (channel, user_id) DO UPDATE SET record = excluded.record, asked_at = excluded.asked_at`,
		string(ch), userID, string(data), ts(at))
	if err != nil {
		return fmt.Errorf("save pending: %w", err)
	}
	return nil
}

// Pending returns the user's partial report asked at or after since.
// Older ones are treated as absent.
func (s *Store) Pending(ctx context.Context, ch bot.Channel, userID string, since time.Time) (Pending, bool, error) {
	var data, asked string
	err := s.db.QueryRowContext(ctx, `SELECT record, asked_at FROM activity_pending WHERE channel = ? AND user_id = ?`,
		string(ch), userID).Scan(&data, &asked)
	if errors.Is(err, sql.ErrNoRows) {
		return Pending{}, false, nil
	}
	if err != nil {
		return Pending{}, false, fmt.Errorf("read pending: %w", err)
	}
	if parseTS(asked).Before(since.Truncate(time.Second)) {
		return Pending{}, false, nil
	}
	var p Pending
	if err := json.Unmarshal([]byte(data), &p); err != nil {
		return Pending{}, false, fmt.Errorf("read pending: %w", err)
	}
	return p, true, nil
}

// ClearPending forgets the user's partial report.
func (s *Store) ClearPending(ctx context.Context, ch bot.Channel, userID string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM activity_pending WHERE channel = ? AND user_id = ?`, string(ch), userID); err != nil {
		return fmt.Errorf("clear pending: %w", err)
	}
	return nil
}

func (s *Store) day(t time.Time) string { return t.In(s.loc).Format(dateLayout) }

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
