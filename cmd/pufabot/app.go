package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge"
)

// App holds the program's built dependencies. Subcommands open only what
// they need, through the open* methods, and Close releases all of it.
type App struct {
	Config Config
	Logger *slog.Logger
	DB     *sql.DB

	// The ledger, people registry and media fetcher (wire_activity.go).
	activityParts
	clients apiClients

	// Parts of the bot, filled by the wire* functions (one file each).
	directory bot.Directory
	answerer  bot.Answerer
	routes    []bot.Route
	kb        *knowledge.Base // the knowledge base (wire_knowledge.go)
	metrics   *appMetrics     // what /metrics shows (wire_metrics.go)

	closers []func() error
}

// openApp loads the config, sets up logging and opens the database with
// every package's migrations applied.
func (m *Main) openApp(ctx context.Context, cf *commonFlags) (*App, error) {
	cfg, err := m.loadConfig(cf)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Logger: newLogger(m.Stderr, cfg.Log)}
	db, err := storage.Open(ctx, cfg.Storage.DataDir)
	if err != nil {
		return nil, err
	}
	a.DB = db
	a.closers = append(a.closers, db.Close)
	return a, nil
}

// Close releases everything in reverse order of opening.
func (a *App) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	a.closers = nil
	return errors.Join(errs...)
}

// onClose registers f to run at Close.
func (a *App) onClose(f func() error) { a.closers = append(a.closers, f) }

// buildBot wires the bot with every part that is configured.
func (a *App) buildBot(ctx context.Context, m *Main) (*bot.Bot, error) {
	store, err := bot.NewSQLStore(ctx, a.DB)
	if err != nil {
		return nil, fmt.Errorf("bot store: %w", err)
	}
	for _, wire := range []func(context.Context, *Main) error{
		a.wireKnowledge, // the knowledge base
		a.wireAnswer,    // the answerer on it, the question log
		a.wireActivity,  // people, ledger clerk
	} {
		if err := wire(ctx, m); err != nil {
			return nil, err
		}
	}
	return bot.New(a.Config.Bot, bot.Deps{
		Admins:    a.Config.Admin.Users,
		Directory: a.directory,
		Answerer:  a.answerer,
		Routes:    a.routes,
		Store:     store,
		Logger:    a.Logger,
		Now:       m.Now,
	})
}

func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level)) // validated with the config
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(c.Format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
