package main

import "context"

// runActivityParse: `pufabot activity parse --json [--now RFC3339] TEXT`.
func runActivityParse(ctx context.Context, m *Main, args []string) error {
	return usagef("activity parse is not available in this build yet")
}
