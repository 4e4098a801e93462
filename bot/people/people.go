// Package people is the registry of cadres, 法律明白人 and admins who talk to
// pufabot: invites with 6-digit bind codes, binding a WeChat / WeCom user to
// an invite, listing and removing people. Registry implements bot.Directory,
// so the bot knows a bound person's role, name and village (the default
// place of their ledger records).
package people

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
)

// InviteTTL is how long a bind code stays valid.
const InviteTTL = 7 * 24 * time.Hour

// The bind lockout: a user who sends MaxBindFailures wrong codes within
// BindFailureWindow cannot bind (not even with the right code) until the
// oldest of those failures is BindFailureWindow old. With 6-digit codes
// that bounds a guesser to about 5×24×7 = 840 tries over a code's life.
const (
	MaxBindFailures   = 5
	BindFailureWindow = time.Hour
)

// Errors of Bind, each with its own friendly reply (see text.go).
var (
	ErrUnknownCode = errors.New("unknown bind code")
	ErrExpiredCode = errors.New("bind code expired")
	ErrUsedCode    = errors.New("bind code already used")
	// ErrAlreadyBound is returned when the user sends the code they bound
	// themselves with: nothing changes.
	ErrAlreadyBound = errors.New("already bound with this code")
	// ErrLocked is wrapped by a *LockedError: too many wrong codes.
	ErrLocked = errors.New("too many wrong bind codes")
	// ErrNotFound is returned by Remove when nobody matches.
	ErrNotFound = errors.New("no such person")
)

// LockedError is returned by Bind while the user is locked out.
type LockedError struct {
	// Until is when the user may try again.
	Until time.Time
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%v: locked until %s", ErrLocked, ts(e.Until))
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Person is one bound person.
type Person struct {
	ID      int64
	Channel bot.Channel
	UserID  string
	Name    string
	Village string
	Role    bot.Role
	BoundAt time.Time
}

// Invite is a bind code not used yet.
type Invite struct {
	Code      string
	Name      string
	Village   string
	Role      bot.Role
	CreatedAt time.Time
	ExpiresAt time.Time
}

//go:embed migrations/*.sql
var migrations embed.FS

// Registry keeps people and invites in pufabot's SQL database.
type Registry struct {
	db *sql.DB
	// rand is the source of bind codes (crypto/rand unless a test sets one).
	rand io.Reader
}

var _ bot.Directory = (*Registry)(nil)

// NewRegistry applies the people migrations to db and returns the registry.
func NewRegistry(ctx context.Context, db *sql.DB) (*Registry, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := storage.Migrate(ctx, db, "people", sub); err != nil {
		return nil, err
	}
	return &Registry{db: db, rand: rand.Reader}, nil
}

// ParseRole reads a role as written on the command line or in chat.
func ParseRole(s string) (bot.Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "cadre", "干部", "村干部", "法律明白人", "":
		return bot.RoleCadre, nil
	case "admin", "管理员":
		return bot.RoleAdmin, nil
	}
	return "", fmt.Errorf("role must be cadre or admin, got %q", s)
}

// Invite creates a 6-digit bind code for a person, valid InviteTTL from now.
func (r *Registry) Invite(ctx context.Context, name, village string, role bot.Role, now time.Time) (string, error) {
	name, village = strings.TrimSpace(name), strings.TrimSpace(village)
	if name == "" {
		return "", errors.New("invite: a name is required")
	}
	if role != bot.RoleCadre && role != bot.RoleAdmin {
		return "", fmt.Errorf("invite: role must be cadre or admin, got %q", role)
	}
	for range 20 {
		n, err := rand.Int(r.rand, big.NewInt(900000))
		if err != nil {
			return "", fmt.Errorf("invite: random code: %w", err)
		}
		code := strconv.FormatInt(100000+n.Int64(), 10)
		res, err := r.db.ExecContext(ctx, `INSERT INTO invites (code, name, village, role, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
			code, name, village, string(role), ts(now), ts(now.Add(InviteTTL)))
		if err != nil {
			return "", fmt.Errorf("invite %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return code, nil
		}
	}
	return "", errors.New("invite: no free code found, try again")
}

// Bind binds the user to the invite with this code, in one transaction: the
// code is marked used and the person is created (or, when the user was
// already bound, updated with the invite's name, village and role).
//
// A wrong code (unknown, expired or used by someone else) is recorded; after
// MaxBindFailures of them within BindFailureWindow, Bind returns a
// *LockedError without looking at the code. The user's own code sent again
// returns ErrAlreadyBound and is no failure.
func (r *Registry) Bind(ctx context.Context, ch bot.Channel, userID, code string, now time.Time) (Person, error) {
	code = strings.TrimSpace(code)
	if until, locked, err := r.lockedUntil(ctx, ch, userID, now); err != nil {
		return Person{}, err
	} else if locked {
		return Person{}, &LockedError{Until: until}
	}
	p, err := r.bind(ctx, ch, userID, code, now)
	if errors.Is(err, ErrUnknownCode) || errors.Is(err, ErrExpiredCode) || errors.Is(err, ErrUsedCode) {
		if ferr := r.recordFailure(ctx, ch, userID, now); ferr != nil {
			return Person{}, ferr
		}
	}
	return p, err
}

// lockedUntil says whether the user has MaxBindFailures wrong codes within
// the window before now, and until when the lockout lasts.
func (r *Registry) lockedUntil(ctx context.Context, ch bot.Channel, userID string, now time.Time) (time.Time, bool, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT at FROM bind_failures
		WHERE channel = ? AND user_id = ? AND at > ? ORDER BY at DESC LIMIT ?`,
		string(ch), userID, ts(now.Add(-BindFailureWindow)), MaxBindFailures)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("bind: read failures: %w", err)
	}
	defer rows.Close()
	var ats []string
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			return time.Time{}, false, fmt.Errorf("bind: read failures: %w", err)
		}
		ats = append(ats, at)
	}
	if err := rows.Err(); err != nil {
		return time.Time{}, false, fmt.Errorf("bind: read failures: %w", err)
	}
	if len(ats) < MaxBindFailures {
		return time.Time{}, false, nil
	}
	// The oldest of the last MaxBindFailures failures leaves the window first.
	return parseTS(ats[len(ats)-1]).Add(BindFailureWindow), true, nil
}

// recordFailure stores a wrong code and prunes the user's failures that
// have left the window.
func (r *Registry) recordFailure(ctx context.Context, ch bot.Channel, userID string, now time.Time) error {
	if _, err := r.db.ExecContext(ctx, `DELETE FROM bind_failures WHERE channel = ? AND user_id = ? AND at <= ?`,
		string(ch), userID, ts(now.Add(-BindFailureWindow))); err != nil {
		return fmt.Errorf("bind: prune failures: %w", err)
	}
	if _, err := r.db.ExecContext(ctx, `INSERT INTO bind_failures (channel, user_id, at) VALUES (?, ?, ?)`,
		string(ch), userID, ts(now)); err != nil {
		return fmt.Errorf("bind: record failure: %w", err)
	}
	return nil
}

func (r *Registry) bind(ctx context.Context, ch bot.Channel, userID, code string, now time.Time) (Person, error) {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return Person{}, fmt.Errorf("bind: %w", err)
	}
	defer tx.Rollback()
	var inv Invite
	var role, expires string
	var usedAt sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT name, village, role, expires_at, used_at FROM invites WHERE code = ?`, code).
		Scan(&inv.Name, &inv.Village, &role, &expires, &usedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrUnknownCode
	}
	if err != nil {
		return Person{}, fmt.Errorf("bind: read invite: %w", err)
	}
	if usedAt.Valid {
		var mine int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invites i JOIN people p ON p.id = i.used_by
			WHERE i.code = ? AND p.channel = ? AND p.user_id = ? AND p.removed_at IS NULL`,
			code, string(ch), userID).Scan(&mine); err != nil {
			return Person{}, fmt.Errorf("bind: read invite: %w", err)
		}
		if mine > 0 {
			return Person{}, ErrAlreadyBound
		}
		return Person{}, ErrUsedCode
	}
	if exp, _ := time.Parse(time.RFC3339, expires); !now.Before(exp) {
		return Person{}, ErrExpiredCode
	}
	p := Person{Channel: ch, UserID: userID, Name: inv.Name, Village: inv.Village, Role: bot.Role(role), BoundAt: now}
	err = tx.QueryRowContext(ctx, `INSERT INTO people (channel, user_id, name, village, role, invite_code, bound_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (channel, user_id) WHERE removed_at IS NULL DO UPDATE SET
			name = excluded.name, village = excluded.village, role = excluded.role,
			invite_code = excluded.invite_code, bound_at = excluded.bound_at
		RETURNING id`,
		string(ch), userID, p.Name, p.Village, role, code, ts(now)).Scan(&p.ID)
	if err != nil {
		return Person{}, fmt.Errorf("bind: save person: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE invites SET used_by = ?, used_at = ? WHERE code = ?`, p.ID, ts(now), code); err != nil {
		return Person{}, fmt.Errorf("bind: mark code used: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Person{}, fmt.Errorf("bind: commit: %w", err)
	}
	return p, nil
}

// Lookup implements bot.Directory: the bound person, if any.
func (r *Registry) Lookup(ctx context.Context, ch bot.Channel, userID string) (bot.Person, bool, error) {
	var p bot.Person
	var role string
	err := r.db.QueryRowContext(ctx, `SELECT name, village, role FROM people
		WHERE channel = ? AND user_id = ? AND removed_at IS NULL`, string(ch), userID).Scan(&p.Name, &p.Village, &role)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Person{}, false, nil
	}
	if err != nil {
		return bot.Person{}, false, fmt.Errorf("look up person: %w", err)
	}
	p.Channel, p.UserID, p.Role = ch, userID, bot.Role(role)
	return p, true, nil
}

// List returns the bound people, by village then name.
func (r *Registry) List(ctx context.Context) ([]Person, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT id, channel, user_id, name, village, role, bound_at FROM people
		WHERE removed_at IS NULL ORDER BY village, name, id`)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		var ch, role, bound string
		if err := rows.Scan(&p.ID, &ch, &p.UserID, &p.Name, &p.Village, &role, &bound); err != nil {
			return nil, fmt.Errorf("list people: %w", err)
		}
		p.Channel, p.Role, p.BoundAt = bot.Channel(ch), bot.Role(role), parseTS(bound)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	return out, nil
}

// Invites returns the codes that are neither used nor expired at now.
func (r *Registry) Invites(ctx context.Context, now time.Time) ([]Invite, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT code, name, village, role, created_at, expires_at FROM invites
		WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at, code`, ts(now))
	if err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	defer rows.Close()
	var out []Invite
	for rows.Next() {
		var inv Invite
		var role, created, expires string
		if err := rows.Scan(&inv.Code, &inv.Name, &inv.Village, &role, &created, &expires); err != nil {
			return nil, fmt.Errorf("list invites: %w", err)
		}
		inv.Role, inv.CreatedAt, inv.ExpiresAt = bot.Role(role), parseTS(created), parseTS(expires)
		out = append(out, inv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	return out, nil
}

// Remove unbinds a person, named by their registry ID (as `users list`
// prints it) or their user id, or withdraws an unused invite by its code.
// The person's ledger records stay. It returns what was removed, for the
// operator's confirmation.
func (r *Registry) Remove(ctx context.Context, idOrUser string, now time.Time) (string, error) {
	idOrUser = strings.TrimSpace(idOrUser)
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("remove: %w", err)
	}
	defer tx.Rollback()
	var id int64
	var name string
	err = tx.QueryRowContext(ctx, `SELECT id, name FROM people WHERE removed_at IS NULL AND (user_id = ? OR CAST(id AS TEXT) = ?)
		ORDER BY (user_id = ?) DESC LIMIT 1`, idOrUser, idOrUser, idOrUser).Scan(&id, &name)
	switch {
	case err == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE people SET removed_at = ? WHERE id = ?`, ts(now), id); err != nil {
			return "", fmt.Errorf("remove person %d: %w", id, err)
		}
		if err := tx.Commit(); err != nil {
			return "", fmt.Errorf("remove person %d: %w", id, err)
		}
		return fmt.Sprintf("person %d (%s)", id, name), nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("remove %s: %w", idOrUser, err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM invites WHERE code = ? AND used_at IS NULL`, idOrUser)
	if err != nil {
		return "", fmt.Errorf("remove invite: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", fmt.Errorf("remove %q: %w", idOrUser, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("remove invite: %w", err)
	}
	return "invite " + idOrUser, nil
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}
