package main

import (
	"context"
	"fmt"
	"net"

	"github.com/pufabot/pufabot/bot/httpapi"
)

func runServe(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("serve", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := a.buildBot(ctx, m)
	if err != nil {
		return err
	}
	if a.kb != nil {
		// Questions need the index: build it before /healthz answers.
		if err := a.kb.BuildIndex(ctx); err != nil {
			return fmt.Errorf("open knowledge base: %w", err)
		}
		a.refreshStarter(ctx) // an upgrade's new starter FAQ entries
		a.watchKnowledge(ctx) // what `pufabot kb …` / `questions answer` change meanwhile
	}
	deps := httpapi.Deps{
		Logger:  a.Logger,
		Ready:   func(ctx context.Context) error { return a.DB.PingContext(ctx) },
		Metrics: a.meter().reg.Handler(), // /metrics, /debug/pprof (wire_metrics.go)
	}
	if a.kb != nil {
		deps.KB = a.kb // /admin/kb (wire_knowledge.go)
	}
	if a.ledger != nil {
		deps.Ledger = a.ledger // /admin/activities (wire_activity.go)
	}
	if err := a.wireChannels(ctx, m, b, &deps); err != nil {
		return err
	}
	stopJobs, err := a.startJobs(ctx, m) // scheduled jobs (wire_jobs.go)
	if err != nil {
		return err
	}
	defer stopJobs()
	srv := httpapi.New(a.Config.Server, a.Config.Admin, deps)
	ln, err := net.Listen("tcp", a.Config.Server.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s (server.listen): %w", a.Config.Server.Listen, err)
	}
	if ml := a.Config.Server.MetricsListen; ml != "" {
		mln, err := net.Listen("tcp", ml)
		if err != nil {
			ln.Close()
			return fmt.Errorf("listen on %s (server.metrics_listen): %w", ml, err)
		}
		go func() {
			if err := srv.RunMetrics(ctx, mln); err != nil {
				a.Logger.Error("metrics listener", "err", err)
			}
		}()
	}
	a.Logger.Info("pufabot listening", "addr", ln.Addr().String(), "version", version,
		"wechat", a.Config.WeChat.Enabled, "wecom", a.Config.WeCom.Enabled,
		"admin_api", a.Config.Admin.Token != "", "llm", a.Config.LLM.Enabled,
		"data_dir", a.Config.Storage.DataDir)
	err = srv.Run(ctx, ln)
	a.Logger.Info("pufabot stopped")
	return err
}
