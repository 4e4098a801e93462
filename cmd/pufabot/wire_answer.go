package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// wireAnswer builds knowledge.Answerer on the knowledge base (a.answerer),
// with the question log, the LLM of [llm] when configured, and the push
// clients of the configured channels for admins' replies; it adds the
// question-loop routes (有用 / 没用, 答复 编号 内容). It runs once.
func (a *App) wireAnswer(ctx context.Context, m *Main) error {
	if a.answerer != nil {
		return nil
	}
	if err := a.wireKnowledge(ctx, m); err != nil {
		return err
	}
	if a.kb == nil {
		return errors.New("answerer: no knowledge base")
	}
	log, err := questions.Open(ctx, a.DB)
	if err != nil {
		return fmt.Errorf("question log: %w", err)
	}
	deps := knowledge.AnswererDeps{Search: a.kb, FAQ: a.kb, Log: log, Logger: a.Logger, Now: m.Now}
	if loc, err := time.LoadLocation(a.Config.Jobs.TimeZone); err == nil {
		deps.Location = loc // dates shown to admins, as in the digests
	}
	if p := a.answerPusher(); p != nil {
		deps.Push = p
	}
	deps.Observe = a.meter().observeAnswer
	if llm := knowledge.NewLLMClient(a.Config.LLM); llm != nil {
		deps.Model = meteredModel{model: llm, m: a.meter()}
	}
	ans, err := knowledge.NewAnswerer(a.Config.Answer, a.Config.LLM, deps)
	if err != nil {
		return err
	}
	a.answerer = ans
	a.routes = append(a.routes, ans.Routes()...)
	return nil
}

// knowledgeAnswerer returns the wired answerer with its full API.
func (a *App) knowledgeAnswerer(ctx context.Context, m *Main) (*knowledge.Answerer, error) {
	if err := a.wireAnswer(ctx, m); err != nil {
		return nil, err
	}
	ans, ok := a.answerer.(*knowledge.Answerer)
	if !ok {
		return nil, errors.New("answerer is not the knowledge answerer")
	}
	return ans, nil
}

// textSender is what the WeChat customer-service and WeCom app clients offer.
type textSender interface {
	SendText(ctx context.Context, userID, text string) error
}

// channelPusher is the answerer's Pusher over the channels' API clients.
type channelPusher struct {
	clients map[bot.Channel]textSender
}

var _ knowledge.Pusher = channelPusher{}

// Push implements knowledge.Pusher. A WeChat 45015 (outside the 48 h
// customer-service window) comes back as the client's *wechat.APIError.
func (p channelPusher) Push(ctx context.Context, ch bot.Channel, userID, text string) error {
	c, ok := p.clients[ch]
	if !ok {
		return fmt.Errorf("no push client for channel %s", ch)
	}
	if err := c.SendText(ctx, userID, text); err != nil {
		return fmt.Errorf("push via %s: %w", ch, err)
	}
	return nil
}

// answerPusher builds the pusher from the configured channels: the Official
// Account when it has the customer-service permission, WeCom whenever its
// secret is set. nil when neither can push.
func (a *App) answerPusher() knowledge.Pusher {
	p := channelPusher{clients: map[bot.Channel]textSender{}}
	if c := a.Config.WeChat; c.Enabled && c.CustomerService && c.AppID != "" && c.AppSecret != "" {
		p.clients[bot.ChannelWeChat] = a.oaClient()
	}
	if c := a.Config.WeCom; c.Enabled && c.Secret != "" {
		p.clients[bot.ChannelWeCom] = a.wecomClient()
	}
	if len(p.clients) == 0 {
		return nil
	}
	return p
}
