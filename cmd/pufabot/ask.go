package main

import "context"

// runAsk is replaced when its issue lands.
func runAsk(ctx context.Context, m *Main, args []string) error {
	return usagef("ask is not available in this build yet")
}
