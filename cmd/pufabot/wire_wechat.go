package main

import (
	"context"
	"fmt"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/httpapi"
	"github.com/pufabot/pufabot/bot/wechat"
)

// wireChannels builds the WeChat and WeCom callback handlers that are
// configured: each a Dispatcher (the 5-second rule, dedupe in the
// processed_messages table, per-user order, rate limit) around b.Handle.
// The dispatchers are drained at App.Close, before the database closes.
func (a *App) wireChannels(ctx context.Context, m *Main, b *bot.Bot, deps *httpapi.Deps) error {
	if !a.Config.WeChat.Enabled && !a.Config.WeCom.Enabled {
		return nil
	}
	store, err := wechat.NewSQLStore(ctx, a.DB)
	if err != nil {
		return fmt.Errorf("wechat store: %w", err)
	}
	// Dedupe records older than a week go, hourly, until the app closes
	// (before its database does).
	pruneCtx, stopPrune := context.WithCancel(ctx)
	pruned := make(chan struct{})
	go func() {
		defer close(pruned)
		store.PruneLoop(pruneCtx, time.Hour, m.Now, a.Logger)
	}()
	a.onClose(func() error {
		stopPrune()
		<-pruned
		return nil
	})
	drain := func(d *wechat.Dispatcher) {
		go func() { <-ctx.Done(); d.StopHolding() }() // shutdown began: release held attempts
		a.onClose(func() error {
			ctx, cancel := context.WithTimeout(context.Background(), a.Config.Server.ShutdownTimeout.Duration)
			defer cancel()
			if err := d.Close(ctx); err != nil {
				return fmt.Errorf("drain messages: %w", err)
			}
			return nil
		})
	}
	if c := a.Config.WeChat; c.Enabled {
		var push wechat.Pusher
		if c.CustomerService {
			push = a.oaClient()
		}
		d, err := wechat.NewDispatcher(ctx, dispatcherConfig(bot.ChannelWeChat, c.ReplyDeadline.Duration,
			c.HandleTimeout.Duration, c.RateLimit, a.meter()), b, store, push, a.Logger, m.Now)
		if err != nil {
			return fmt.Errorf("wechat: %w", err)
		}
		drain(d)
		h, err := wechat.NewOfficialAccount(c, d, a.Logger, m.Now)
		if err != nil {
			return fmt.Errorf("wechat: %w", err)
		}
		deps.WeChat = h
	}
	if c := a.Config.WeCom; c.Enabled {
		var push wechat.Pusher
		if c.Secret != "" {
			push = a.wecomClient()
		}
		d, err := wechat.NewDispatcher(ctx, dispatcherConfig(bot.ChannelWeCom, c.ReplyDeadline.Duration,
			c.HandleTimeout.Duration, c.RateLimit, a.meter()), b, store, push, a.Logger, m.Now)
		if err != nil {
			return fmt.Errorf("wecom: %w", err)
		}
		drain(d)
		h, err := wechat.NewWeCom(c, d, a.Logger, m.Now)
		if err != nil {
			return fmt.Errorf("wecom: %w", err)
		}
		deps.WeCom = h
	}
	return nil
}

func dispatcherConfig(ch bot.Channel, deadline, handle time.Duration, rate int, am *appMetrics) wechat.DispatcherConfig {
	return wechat.DispatcherConfig{Channel: ch, ReplyDeadline: deadline, HandleTimeout: handle, RateLimit: rate,
		Observe: am.observeMessages(ch)}
}
