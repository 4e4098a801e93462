package main

import "context"

// Subcommands whose issues have not landed yet. Each is replaced by its own
// file when its issue lands.

func notYet(name string) error {
	return usagef("%s is not available in this build yet", name)
}

func runAsk(ctx context.Context, m *Main, args []string) error       { return notYet("ask") }
func runKB(ctx context.Context, m *Main, args []string) error        { return notYet("kb") }
func runQuestions(ctx context.Context, m *Main, args []string) error { return notYet("questions") }
func runActivity(ctx context.Context, m *Main, args []string) error  { return notYet("activity") }
func runUsers(ctx context.Context, m *Main, args []string) error     { return notYet("users") }
func runJobs(ctx context.Context, m *Main, args []string) error      { return notYet("jobs") }
