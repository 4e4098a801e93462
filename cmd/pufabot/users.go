package main

import "context"

// runUsers is replaced when its issue lands.
func runUsers(ctx context.Context, m *Main, args []string) error {
	return usagef("users is not available in this build yet")
}
