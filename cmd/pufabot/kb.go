package main

import "context"

// runKB is replaced when its issue lands.
func runKB(ctx context.Context, m *Main, args []string) error {
	return usagef("kb is not available in this build yet")
}
