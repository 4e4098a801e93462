package bot

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
)

// Store keeps the bot core's own state: the unsent rest of long replies.
type Store interface {
	// SaveRest keeps rest for the user's next "更多"; an empty rest clears it.
	SaveRest(ctx context.Context, ch Channel, userID, rest string, at time.Time) error
	// TakeRest returns and forgets what SaveRest kept ("" when nothing).
	TakeRest(ctx context.Context, ch Channel, userID string) (string, error)
}

//go:embed migrations/*.sql
var migrations embed.FS

// SQLStore is the Store on pufabot's SQL database.
type SQLStore struct{ db *sql.DB }

var _ Store = (*SQLStore)(nil)

// NewSQLStore applies the bot core's migrations and returns its store.
func NewSQLStore(ctx context.Context, db *sql.DB) (*SQLStore, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := storage.Migrate(ctx, db, "bot", sub); err != nil {
		return nil, err
	}
	return &SQLStore{db: db}, nil
}

// SaveRest implements Store.
func (s *SQLStore) SaveRest(ctx context.Context, ch Channel, userID, rest string, at time.Time) error {
	var err error
	if rest == "" {
		// Most replies leave nothing behind: look before deleting, so they
		// do not queue for SQLite's single write lock.
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM reply_rest WHERE channel = ? AND user_id = ?`,
			string(ch), userID).Scan(&n); err != nil {
			return fmt.Errorf("save reply rest: %w", err)
		}
		if n == 0 {
			return nil
		}
		_, err = s.db.ExecContext(ctx, `DELETE FROM reply_rest WHERE channel = ? AND user_id = ?`, string(ch), userID)
	} else {
		_, err = s.db.ExecContext(ctx, `INSERT INTO reply_rest (channel, user_id, rest, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (channel, user_id) DO UPDATE SET rest = excluded.rest, saved_at = excluded.saved_at`,
			string(ch), userID, rest, at.UTC().Format(time.RFC3339))
	}
	if err != nil {
		return fmt.Errorf("save reply rest: %w", err)
	}
	return nil
}

// TakeRest implements Store.
func (s *SQLStore) TakeRest(ctx context.Context, ch Channel, userID string) (string, error) {
	var rest string
	err := s.db.QueryRowContext(ctx, `DELETE FROM reply_rest WHERE channel = ? AND user_id = ? RETURNING rest`,
		string(ch), userID).Scan(&rest)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("take reply rest: %w", err)
	}
	return rest, nil
}
