package main

import "github.com/pufabot/pufabot/bot/wechat"

// apiClients holds one outbound API client per product, shared by every
// part of the program (late answers, replies to residents, ledger photos,
// reminders and digests), so all of them share one cached access token.
type apiClients struct {
	oa    *wechat.Client
	wecom *wechat.WeComClient
}

// oaClient returns the Official Account API client, built on first use.
func (a *App) oaClient() *wechat.Client {
	if a.clients.oa == nil {
		a.clients.oa = wechat.NewClient(a.Config.WeChat, a.apiHTTP(), a.Logger)
	}
	return a.clients.oa
}

// wecomClient returns the WeCom API client, built on first use.
func (a *App) wecomClient() *wechat.WeComClient {
	if a.clients.wecom == nil {
		a.clients.wecom = wechat.NewWeComClient(a.Config.WeCom, a.apiHTTP(), a.Logger)
	}
	return a.clients.wecom
}
