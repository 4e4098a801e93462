package main

import "context"

// runQuestions is replaced when its issue lands.
func runQuestions(ctx context.Context, m *Main, args []string) error {
	return usagef("questions is not available in this build yet")
}
