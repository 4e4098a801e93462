package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/activity"
	"github.com/pufabot/pufabot/bot/people"
)

// activityParts are the App's ledger parts, embedded in App so that other
// wiring (jobs: digests and reminders; serve: the /admin export) can use
// a.ledger and a.people.
type activityParts struct {
	ledger *activity.Store
	people *people.Registry
	// media downloads users' photos through the channels' API clients
	// (see mediaFetcher).
	media *mediaFetcher
}

// openLedger opens the people registry and the ledger (idempotent), for the
// bot and for the users / activity subcommands.
func (a *App) openLedger(ctx context.Context) error {
	if a.ledger != nil {
		return nil
	}
	loc, err := a.Config.Activity.Location()
	if err != nil {
		return fmt.Errorf("activity.time_zone: %w", err)
	}
	reg, err := people.NewRegistry(ctx, a.DB)
	if err != nil {
		return fmt.Errorf("people registry: %w", err)
	}
	ledger, err := activity.NewStore(ctx, a.DB, loc, filepath.Join(a.Config.Storage.DataDir, "photos"))
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	a.people, a.ledger = reg, ledger
	return nil
}

// wireActivity makes the people registry the bot's directory and adds the
// people commands (绑定, 邀请) and the ledger clerk to the routes, in that
// order, ahead of the question answerer.
func (a *App) wireActivity(ctx context.Context, m *Main) error {
	if err := a.openLedger(ctx); err != nil {
		return err
	}
	if a.media == nil {
		a.media = &mediaFetcher{}
		// Photos are downloaded through the channels' media API. TODO(lead):
		// one API client per channel on App, shared with the answer pusher
		// and the jobs, so that they share one access-token cache.
		if c := a.Config.WeChat; c.Enabled && c.AppID != "" && c.AppSecret != "" {
			a.media.set(bot.ChannelWeChat, a.oaClient())
		}
		if c := a.Config.WeCom; c.Enabled && c.Secret != "" {
			a.media.set(bot.ChannelWeCom, a.wecomClient())
		}
	}
	clerk, err := activity.NewClerk(a.Config.Activity, activity.ClerkDeps{
		Store: a.ledger, Fetcher: a.media, Now: m.Now, Logger: a.Logger,
	})
	if err != nil {
		return err
	}
	a.directory = a.people
	a.routes = append(a.routes, people.NewRoute(a.people, m.Now), clerk)
	return nil
}

// mediaDownloader is what the WeChat and WeCom API clients offer
// ((*wechat.Client).DownloadMedia, (*wechat.WeComClient).DownloadMedia).
type mediaDownloader interface {
	DownloadMedia(ctx context.Context, mediaID string) ([]byte, string, error)
}

// mediaFetcher is the clerk's activity.MediaFetcher over the channels' API
// clients. A channel without a client (no app secret configured) cannot
// have its photos saved, and the clerk says so.
type mediaFetcher struct {
	mu      sync.RWMutex
	clients map[bot.Channel]mediaDownloader
}

var _ activity.MediaFetcher = (*mediaFetcher)(nil)

// set plugs in the API client of one channel (bot.ChannelWeChat with a
// *wechat.Client, bot.ChannelWeCom with a *wechat.WeComClient).
func (f *mediaFetcher) set(ch bot.Channel, c mediaDownloader) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.clients == nil {
		f.clients = map[bot.Channel]mediaDownloader{}
	}
	f.clients[ch] = c
}

// Download implements activity.MediaFetcher.
func (f *mediaFetcher) Download(ctx context.Context, ch bot.Channel, mediaID string) ([]byte, string, error) {
	f.mu.RLock()
	c := f.clients[ch]
	f.mu.RUnlock()
	if c == nil {
		return nil, "", errors.New("no media API client for channel " + string(ch))
	}
	data, ctype, err := c.DownloadMedia(ctx, mediaID)
	if err != nil {
		return nil, "", fmt.Errorf("download media from %s: %w", ch, err)
	}
	return data, ctype, nil
}
