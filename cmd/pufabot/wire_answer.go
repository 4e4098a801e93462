package main

import "context"

// wireAnswer builds knowledge.Answerer on the knowledge base (a.answerer)
// and the question-log routes (feedback, 答复).
// TODO(answering issue).
func (a *App) wireAnswer(ctx context.Context, m *Main) error { return nil }
