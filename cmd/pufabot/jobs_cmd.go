package main

import "context"

// runJobs is replaced when its issue lands.
func runJobs(ctx context.Context, m *Main, args []string) error {
	return usagef("jobs is not available in this build yet")
}
