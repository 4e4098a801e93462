package wechat

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

// Processed is one handled message as the dedupe store keeps it.
type Processed struct {
	Channel bot.Channel
	Key     string // DedupeKey
	UserID  string // stored only as bot.UserHash
	Route   string
	Reply   string // the final reply text ("" when none)
	At      time.Time
}

// Store keeps what must survive a restart: which messages were handled (and
// what they were answered) and answers still waiting for their user.
type Store interface {
	// Processed returns the stored reply of a handled message.
	Processed(ctx context.Context, ch bot.Channel, key string) (reply string, ok bool, err error)
	// SaveProcessed records a handled message; recording it twice is not an error.
	SaveProcessed(ctx context.Context, p Processed) error
	// AddPending keeps text for the user's next message.
	AddPending(ctx context.Context, ch bot.Channel, userID, text string, at time.Time) error
	// TakePending returns and forgets the user's pending texts, oldest first.
	TakePending(ctx context.Context, ch bot.Channel, userID string) ([]string, error)
	// PendingUsers lists users with pending texts (loaded at start-up).
	PendingUsers(ctx context.Context, ch bot.Channel) ([]string, error)
}

//go:embed migrations/*.sql
var migrations embed.FS

// SQLStore is the Store on pufabot's SQL database. Dedupe records are
// written by one goroutine in group commits (every record waiting while a
// transaction runs goes into the next one), so concurrent messages do not
// fight over SQLite's single write lock; the writer stops when idle.
type SQLStore struct {
	db     *sql.DB
	lookup *sql.Stmt
	insert *sql.Stmt

	mu      sync.Mutex
	queue   []*saveReq
	writing bool
}

type saveReq struct {
	p    Processed
	done chan error
}

var _ Store = (*SQLStore)(nil)

// NewSQLStore applies the wechat migrations and returns the store.
func NewSQLStore(ctx context.Context, db *sql.DB) (*SQLStore, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := storage.Migrate(ctx, db, "wechat", sub); err != nil {
		return nil, err
	}
	lookup, err := db.PrepareContext(ctx, `SELECT reply FROM processed_messages WHERE channel = ? AND msg_key = ?`)
	if err != nil {
		return nil, fmt.Errorf("prepare dedupe lookup: %w", err)
	}
	insert, err := db.PrepareContext(ctx, `INSERT INTO processed_messages (channel, msg_key, user_hash, route, reply, handled_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, msg_key) DO NOTHING`)
	if err != nil {
		lookup.Close()
		return nil, fmt.Errorf("prepare dedupe insert: %w", err)
	}
	return &SQLStore{db: db, lookup: lookup, insert: insert}, nil
}

// Processed implements Store.
func (s *SQLStore) Processed(ctx context.Context, ch bot.Channel, key string) (string, bool, error) {
	var reply string
	err := s.lookup.QueryRowContext(ctx, string(ch), key).Scan(&reply)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("look up processed message: %w", err)
	}
	return reply, true, nil
}

// SaveProcessed implements Store. It returns once the record is committed.
// The first caller to find no write in progress writes itself (with
// whatever else is queued); records arriving meanwhile wait and go into
// the next batch, written by a goroutine that stops when the queue is empty.
func (s *SQLStore) SaveProcessed(ctx context.Context, p Processed) error {
	req := &saveReq{p: p, done: make(chan error, 1)}
	s.mu.Lock()
	s.queue = append(s.queue, req)
	if !s.writing {
		s.writing = true
		batch := s.queue
		s.queue = nil
		s.mu.Unlock()
		s.finish(batch, s.writeBatch(batch))
		s.mu.Lock()
		if len(s.queue) > 0 {
			go s.writer()
		} else {
			s.writing = false
		}
	}
	s.mu.Unlock()
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("record processed message: %w", ctx.Err())
	}
}

func (s *SQLStore) finish(batch []*saveReq, err error) {
	for _, r := range batch {
		r.done <- err
	}
}

// writer commits queued records in batches until the queue is empty.
func (s *SQLStore) writer() {
	for {
		s.mu.Lock()
		batch := s.queue
		s.queue = nil
		if len(batch) == 0 {
			s.writing = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		s.finish(batch, s.writeBatch(batch))
	}
}

func (s *SQLStore) writeBatch(batch []*saveReq) error {
	// Not the callers' contexts: one caller giving up must not fail the
	// others' records.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	exec := func(st *sql.Stmt, p Processed) error {
		_, err := st.ExecContext(ctx, string(p.Channel), p.Key, bot.UserHash(p.Channel, p.UserID), p.Route, p.Reply,
			p.At.UTC().Format(time.RFC3339Nano))
		if err != nil {
			return fmt.Errorf("record processed message: %w", err)
		}
		return nil
	}
	if len(batch) == 1 { // nobody else waiting: no transaction needed
		return exec(s.insert, batch[0].p)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record processed messages: %w", err)
	}
	defer tx.Rollback()
	st := tx.StmtContext(ctx, s.insert)
	for _, r := range batch {
		if err := exec(st, r.p); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record processed messages: %w", err)
	}
	return nil
}

// AddPending implements Store.
func (s *SQLStore) AddPending(ctx context.Context, ch bot.Channel, userID, text string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO pending_replies (channel, user_id, text, created_at) VALUES (?, ?, ?, ?)`,
		string(ch), userID, text, at.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("keep pending reply: %w", err)
	}
	return nil
}

// TakePending implements Store.
func (s *SQLStore) TakePending(ctx context.Context, ch bot.Channel, userID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `DELETE FROM pending_replies WHERE channel = ? AND user_id = ? RETURNING id, text`,
		string(ch), userID)
	if err != nil {
		return nil, fmt.Errorf("take pending replies: %w", err)
	}
	defer rows.Close()
	type item struct {
		id   int64
		text string
	}
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.id, &it.text); err != nil {
			return nil, fmt.Errorf("take pending replies: %w", err)
		}
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("take pending replies: %w", err)
	}
	// RETURNING gives no order guarantee: restore arrival order.
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].id < items[j-1].id; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.text
	}
	return out, nil
}

// PendingUsers implements Store.
func (s *SQLStore) PendingUsers(ctx context.Context, ch bot.Channel) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT user_id FROM pending_replies WHERE channel = ?`, string(ch))
	if err != nil {
		return nil, fmt.Errorf("list pending users: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("list pending users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
