package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/metrics"
	"github.com/pufabot/pufabot/jobs"
	"github.com/pufabot/pufabot/knowledge"
)

// appMetrics are what /metrics exposes: messages by channel, kind, route
// and outcome; answer modes; LLM latency and errors; WeChat / WeCom API
// calls by errcode; scheduled job runs. The parts get them through their
// optional Observe hooks, the LLM through a wrapper and the API clients
// through their HTTP transport.
type appMetrics struct {
	reg            *metrics.Registry
	messages       *metrics.CounterVec
	messageSeconds *metrics.HistogramVec
	answers        *metrics.CounterVec
	answerSeconds  *metrics.HistogramVec
	llmSeconds     *metrics.HistogramVec
	apiCalls       *metrics.CounterVec
	jobRuns        *metrics.CounterVec
	jobSends       *metrics.CounterVec
}

func newAppMetrics(start time.Time) *appMetrics {
	r := metrics.NewRegistry()
	m := &appMetrics{
		reg: r,
		messages: r.Counter("pufabot_messages_total",
			"Message attempts from WeChat / WeCom by channel, kind, route and outcome (answered, held).",
			"channel", "kind", "route", "outcome"),
		messageSeconds: r.Histogram("pufabot_message_seconds",
			"Time from a callback's arrival to its reply, by channel and outcome.",
			metrics.LatencyBuckets, "channel", "outcome"),
		answers: r.Counter("pufabot_answers_total",
			"Residents' questions answered, by mode (llm, faq, extractive, referral, safety, offtopic, declined).", "mode"),
		answerSeconds: r.Histogram("pufabot_answer_seconds", "Time to answer one question, by mode.",
			metrics.LatencyBuckets, "mode"),
		llmSeconds: r.Histogram("pufabot_llm_seconds",
			"LLM chat completion latency by outcome (ok, timeout, http_429, http_5xx, http_4xx, error).",
			metrics.LatencyBuckets, "outcome"),
		apiCalls: r.Counter("pufabot_wechat_api_calls_total",
			"WeChat / WeCom API calls by path and errcode (0 = ok; http_5xx, network for failures without one).",
			"path", "errcode"),
		jobRuns: r.Counter("pufabot_job_runs_total", "Scheduled job runs by job and outcome (ok, error).", "job", "outcome"),
		jobSends: r.Counter("pufabot_job_messages_total", "Messages of scheduled jobs by job and outcome (sent, failed).",
			"job", "outcome"),
	}
	r.RegisterRuntime(start)
	return m
}

// meter returns the app's metrics, made on first use.
func (a *App) meter() *appMetrics {
	if a.metrics == nil {
		a.metrics = newAppMetrics(time.Now())
	}
	return a.metrics
}

// observeMessages is a channel dispatcher's Observe hook.
func (m *appMetrics) observeMessages(ch bot.Channel) func(kind, route, outcome string, d time.Duration) {
	return func(kind, route, outcome string, d time.Duration) {
		m.messages.Inc(string(ch), kind, route, outcome)
		m.messageSeconds.Observe(d.Seconds(), string(ch), outcome)
	}
}

// observeAnswer is the answerer's Observe hook.
func (m *appMetrics) observeAnswer(mode string, d time.Duration) {
	m.answers.Inc(mode)
	m.answerSeconds.Observe(d.Seconds(), mode)
}

// observeJob is the jobs service's Observe hook.
func (m *appMetrics) observeJob(job string, res jobs.RunResult, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.jobRuns.Inc(job, outcome)
	for _, b := range res.Batches {
		m.jobSends.Add(float64(b.Sent), job, "sent")
		m.jobSends.Add(float64(b.Failed), job, "failed")
	}
}

// meteredModel times an LLM and sorts its failures.
type meteredModel struct {
	model knowledge.ChatModel
	m     *appMetrics
}

var _ knowledge.ChatModel = meteredModel{}

// Complete implements knowledge.ChatModel.
func (mm meteredModel) Complete(ctx context.Context, system, user string) (string, error) {
	start := time.Now()
	out, err := mm.model.Complete(ctx, system, user)
	mm.m.llmSeconds.Observe(time.Since(start).Seconds(), llmOutcome(err))
	return out, err
}

func llmOutcome(err error) string {
	if err == nil {
		return "ok"
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return "timeout"
	}
	code := 0
	var ae *openai.APIError
	var re *openai.RequestError
	switch {
	case errors.As(err, &ae):
		code = ae.HTTPStatusCode
	case errors.As(err, &re):
		code = re.HTTPStatusCode
	}
	switch {
	case code == http.StatusTooManyRequests:
		return "http_429"
	case code >= 500:
		return "http_5xx"
	case code >= 400:
		return "http_4xx"
	}
	return "error"
}

// apiHTTP is the HTTP client of the WeChat / WeCom API clients: the
// default transport, counting every call's errcode.
func (a *App) apiHTTP() *http.Client {
	return &http.Client{Transport: apiTransport{base: http.DefaultTransport, calls: a.meter().apiCalls}}
}

// apiTransport counts API calls by path and errcode. It peeks at most
// peekLimit bytes of a body for the errcode and hands the whole body on.
type apiTransport struct {
	base  http.RoundTripper
	calls *metrics.CounterVec
}

const peekLimit = 64 << 10

// RoundTrip implements http.RoundTripper.
func (t apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	path := req.URL.Path
	if err != nil {
		t.calls.Inc(path, "network")
		return nil, err
	}
	if resp.StatusCode >= 500 {
		t.calls.Inc(path, "http_5xx")
		return resp, nil
	}
	head, rerr := io.ReadAll(io.LimitReader(resp.Body, peekLimit))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
	if rerr != nil {
		t.calls.Inc(path, "network")
		return resp, nil
	}
	var st struct {
		ErrCode *int `json:"errcode"`
	}
	code := "0" // media and other bodies without an errcode are successes
	if len(head) < peekLimit && json.Unmarshal(head, &st) == nil && st.ErrCode != nil {
		code = strconv.Itoa(*st.ErrCode)
	}
	t.calls.Inc(path, code)
	return resp, nil
}
