package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/progress"
)

// wireKnowledge opens the knowledge base on the app's database (a.kb):
// migrations, the embedder of [embedding] and, on an empty base, the
// starter FAQ. The in-memory index is built from the stored rows on the
// first search (serve builds it before it listens), so commands that only
// add, list or retire documents do not wait for it. It runs once; later
// calls reuse the opened base.
func (a *App) wireKnowledge(ctx context.Context, m *Main) error {
	if a.kb != nil {
		return nil
	}
	kb, err := knowledge.Open(ctx, a.DB, a.Config.Knowledge, a.Config.Embedding, knowledge.Options{
		Logger:     a.Logger,
		Now:        m.Now,
		Progress:   m.progress(),
		DeferIndex: true,
	})
	if err != nil {
		return fmt.Errorf("open knowledge base: %w", err)
	}
	a.kb = kb
	return nil
}

// progress reports long jobs on stderr: a bar on a terminal, plain lines
// otherwise.
func (m *Main) progress() *progress.Reporter {
	return progress.New(m.Stderr, isTerminal(m.Stderr))
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// refreshStarter replaces an older starter FAQ with this build's in the
// background (it may call the embedding endpoint, which serve's start must
// not wait for); Close stops it and waits before the database closes. A
// failure leaves the stored version, with a warning.
func (a *App) refreshStarter(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := a.kb.RefreshStarter(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("starter FAQ not updated; the stored version stays", "err", err)
		}
	}()
	a.onClose(func() error {
		cancel()
		<-done
		return nil
	})
}

// watchKnowledge keeps the running knowledge base in step with writes by
// other processes on the same database (`pufabot kb add / retire /
// remove`, `pufabot questions answer`): every [knowledge] reload_interval
// it checks the database's change counter and reloads what changed
// (knowledge.Base.Watch). Close stops it and waits before the database
// closes. A reload_interval of 0 turns it off.
func (a *App) watchKnowledge(ctx context.Context) {
	every := a.Config.Knowledge.ReloadInterval.Duration
	if every <= 0 {
		a.Logger.Info("knowledge base reload off: changes by the kb and questions commands need a restart")
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.kb.Watch(ctx, every)
	}()
	a.onClose(func() error {
		cancel()
		<-done
		return nil
	})
}
