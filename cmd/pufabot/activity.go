package main

import "context"

func runActivity(ctx context.Context, m *Main, args []string) error {
	return subcommand(ctx, m, "activity", args, map[string]func(context.Context, *Main, []string) error{
		"parse":  runActivityParse,
		"export": runActivityExport,
		"report": runActivityReport,
	})
}
