package main

import "context"

// wireActivity opens the people registry and the ledger clerk.
// TODO(activity issue): build the directory and ledger routes here.
func (a *App) wireActivity(ctx context.Context, m *Main) error { return nil }
