package main

import "context"

// wireKnowledge opens the knowledge base and the answerer.
// TODO(knowledge issue): build knowledge.Base and knowledge.Answerer here.
func (a *App) wireKnowledge(ctx context.Context, m *Main) error { return nil }
