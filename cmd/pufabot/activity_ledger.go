package main

import "context"

// runActivityExport: `pufabot activity export --from DATE --to DATE --format xlsx|csv --out FILE`.
func runActivityExport(ctx context.Context, m *Main, args []string) error {
	return usagef("activity export is not available in this build yet")
}

// runActivityReport: `pufabot activity report --from DATE --to DATE`.
func runActivityReport(ctx context.Context, m *Main, args []string) error {
	return usagef("activity report is not available in this build yet")
}
