package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// APIError is an errcode other than 0 from the WeChat or WeCom API.
type APIError struct {
	Code int
	Msg  string
}

// Error names the code, which is what the API documentation indexes.
func (e *APIError) Error() string { return fmt.Sprintf("wechat api errcode %d: %s", e.Code, e.Msg) }

// ErrCode returns the errcode, for packages that tell codes apart without
// importing this one (knowledge explains a failed push to an admin; bot/wechat's
// tests import packages that import knowledge).
func (e *APIError) ErrCode() int { return e.Code }

// ErrorCode returns the errcode inside err, or 0 when err is not an
// *APIError (nil, network errors …).
func ErrorCode(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return 0
}

// Error codes the client acts on.
const (
	codeBusy           = -1    // system busy: retry
	codeInvalidToken   = 40001 // token invalid or not the latest
	codeExpiredToken   = 42001 // token expired
	tokenRefreshMargin = 5 * time.Minute
)

// apiCore is what both clients share: base URL, HTTP, the token cache and
// the retry policy.
type apiCore struct {
	base    string
	hc      *http.Client
	logger  *slog.Logger
	tokens  *tokenCache
	timeout time.Duration // one attempt of an ordinary call
	media   time.Duration // one attempt of an upload or download
	tries   int           // attempts on network errors, 5xx and errcode -1
	backoff time.Duration // first retry delay, doubled each time
	now     func() time.Time
}

func newCore(base string, hc *http.Client, logger *slog.Logger, fetch func(ctx context.Context, c *apiCore, stale string) (string, int, error)) *apiCore {
	if hc == nil {
		hc = &http.Client{}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &apiCore{base: strings.TrimRight(base, "/"), hc: hc, logger: logger,
		timeout: 10 * time.Second, media: 60 * time.Second, tries: 3, backoff: 200 * time.Millisecond, now: time.Now}
	c.tokens = &tokenCache{fetch: func(ctx context.Context, stale string) (string, int, error) { return fetch(ctx, c, stale) },
		now: func() time.Time { return c.now() }}
	return c
}

// tokenCache holds one access token for all callers and fetches a new one
// once however many callers need it at the same time.
type tokenCache struct {
	// fetch gets a token; stale is one the API just refused ("" if none).
	fetch func(ctx context.Context, stale string) (token string, expiresIn int, err error)
	now   func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
	call    *tokenCall
}

type tokenCall struct {
	done  chan struct{}
	token string
	err   error
}

// get returns a valid token. With stale set (a token the API just refused),
// it fetches a new one unless another caller already replaced stale.
func (t *tokenCache) get(ctx context.Context, stale string) (string, error) {
	t.mu.Lock()
	if t.token != "" && t.token != stale && t.now().Before(t.expires) {
		tok := t.token
		t.mu.Unlock()
		return tok, nil
	}
	c := t.call
	if c == nil {
		c = &tokenCall{done: make(chan struct{})}
		t.call = c
		go func() {
			// Detached from the caller: one impatient caller must not fail
			// the fetch for the others.
			fctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			tok, ttl, err := t.fetch(fctx, stale)
			t.mu.Lock()
			if err == nil {
				life := time.Duration(ttl) * time.Second
				margin := min(tokenRefreshMargin, life/5)
				t.token, t.expires = tok, t.now().Add(life-margin)
			}
			c.token, c.err = tok, err
			t.call = nil
			t.mu.Unlock()
			close(c.done)
		}()
	}
	t.mu.Unlock()
	select {
	case <-c.done:
		return c.token, c.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// request describes one API call; body is rebuilt for each attempt.
type request struct {
	method string
	path   string
	query  url.Values
	json   any                               // JSON body, or
	body   func() (io.Reader, string, error) // a body and its content type
	media  bool                              // use the media timeout
	auth   bool                              // add access_token
}

// response is a successful call's raw answer.
type response struct {
	data        []byte
	contentType string
}

// apiStatus is the errcode envelope of every JSON answer.
type apiStatus struct {
	ErrCode *int   `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// do runs a call: token, retries, one token refresh on 40001 / 42001.
func (c *apiCore) do(ctx context.Context, req request) (*response, error) {
	stale := ""
	for refresh := 0; ; refresh++ {
		q := url.Values{}
		for k, v := range req.query {
			q[k] = v
		}
		var tok string
		if req.auth {
			var err error
			if tok, err = c.tokens.get(ctx, stale); err != nil {
				return nil, fmt.Errorf("access token: %w", err)
			}
			q.Set("access_token", tok)
		}
		resp, err := c.retry(ctx, req, q)
		code := ErrorCode(err)
		if req.auth && refresh == 0 && (code == codeInvalidToken || code == codeExpiredToken) {
			c.logger.Info("wechat api: access token refused, refreshing once", "path", req.path, "code", code)
			stale = tok
			continue
		}
		return resp, err
	}
}

// retry runs one call with bounded retries on network errors, 5xx and
// errcode -1; every other outcome is returned at once.
func (c *apiCore) retry(ctx context.Context, req request, q url.Values) (*response, error) {
	delay := c.backoff
	var last error
	for try := 1; ; try++ {
		resp, err, again := c.once(ctx, req, q)
		if err == nil || !again || try >= c.tries {
			if err != nil && try > 1 {
				err = fmt.Errorf("%w (after %d attempts)", err, try)
			}
			return resp, err
		}
		last = err
		c.logger.Warn("wechat api: retrying", "path", req.path, "attempt", try, "err", err)
		jitter := time.Duration(rand.Int64N(int64(delay)/2 + 1))
		select {
		case <-time.After(delay + jitter):
		case <-ctx.Done():
			return nil, fmt.Errorf("%s %s: %w (last error: %v)", req.method, req.path, ctx.Err(), last)
		}
		delay *= 2
	}
}

// once makes one HTTP request. again reports whether a retry may help.
func (c *apiCore) once(ctx context.Context, req request, q url.Values) (_ *response, _ error, again bool) {
	timeout := c.timeout
	if req.media {
		timeout = c.media
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var body io.Reader
	ctype := ""
	switch {
	case req.json != nil:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // WeChat answers 40033 to \u003c escapes on some APIs
		if err := enc.Encode(req.json); err != nil {
			return nil, fmt.Errorf("%s: encode request: %w", req.path, err), false
		}
		body, ctype = &buf, "application/json; charset=utf-8"
	case req.body != nil:
		var err error
		if body, ctype, err = req.body(); err != nil {
			return nil, fmt.Errorf("%s: build request: %w", req.path, err), false
		}
	}
	u := c.base + req.path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	hr, err := http.NewRequestWithContext(ctx, req.method, u, body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.path, scrub(err)), false
	}
	if ctype != "" {
		hr.Header.Set("Content-Type", ctype)
	}
	res, err := c.hc.Do(hr)
	if err != nil {
		// Never let the URL (token, secret) into the error.
		return nil, fmt.Errorf("%s %s: %w", req.method, req.path, scrub(err)), true
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: read answer: %w", req.method, req.path, scrub(err)), true
	}
	if res.StatusCode >= 500 {
		return nil, fmt.Errorf("%s %s: HTTP %d", req.method, req.path, res.StatusCode), true
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: HTTP %d", req.method, req.path, res.StatusCode), false
	}
	ct := res.Header.Get("Content-Type")
	if isJSON(ct, data) {
		var st apiStatus
		if err := json.Unmarshal(data, &st); err != nil {
			return nil, fmt.Errorf("%s %s: bad JSON answer: %w", req.method, req.path, err), false
		}
		if st.ErrCode != nil && *st.ErrCode != 0 {
			err := &APIError{Code: *st.ErrCode, Msg: st.ErrMsg}
			return nil, fmt.Errorf("%s: %w", req.path, err), *st.ErrCode == codeBusy
		}
	}
	return &response{data: data, contentType: ct}, nil, false
}

func isJSON(ct string, data []byte) bool {
	if strings.Contains(ct, "json") {
		return true
	}
	t := bytes.TrimSpace(data)
	return (strings.HasPrefix(ct, "text/") || ct == "") && len(t) > 0 && t[0] == '{'
}

// scrub drops the URL from a *url.Error: it carries the access token or
// the secret.
func scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (c *apiCore) postJSON(ctx context.Context, path string, body, out any) error {
	resp, err := c.do(ctx, request{method: http.MethodPost, path: path, json: body, auth: true})
	if err != nil {
		return err
	}
	if out != nil {
		if err := json.Unmarshal(resp.data, out); err != nil {
			return fmt.Errorf("%s: decode answer: %w", path, err)
		}
	}
	return nil
}

func (c *apiCore) upload(ctx context.Context, kind, filename string, data []byte) (string, error) {
	if filename == "" {
		filename = "media"
	}
	build := func() (io.Reader, string, error) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		part, err := mw.CreateFormFile("media", filename)
		if err != nil {
			return nil, "", err
		}
		if _, err := part.Write(data); err != nil {
			return nil, "", err
		}
		if err := mw.Close(); err != nil {
			return nil, "", err
		}
		return &buf, mw.FormDataContentType(), nil
	}
	resp, err := c.do(ctx, request{method: http.MethodPost, path: "/cgi-bin/media/upload",
		query: url.Values{"type": {kind}}, body: build, media: true, auth: true})
	if err != nil {
		return "", fmt.Errorf("upload %s: %w", kind, err)
	}
	var out struct {
		MediaID string `json:"media_id"`
	}
	if err := json.Unmarshal(resp.data, &out); err != nil || out.MediaID == "" {
		return "", fmt.Errorf("upload %s: no media_id in the answer", kind)
	}
	return out.MediaID, nil
}

func (c *apiCore) download(ctx context.Context, mediaID string) ([]byte, string, error) {
	resp, err := c.do(ctx, request{method: http.MethodGet, path: "/cgi-bin/media/get",
		query: url.Values{"media_id": {mediaID}}, media: true, auth: true})
	if err != nil {
		return nil, "", fmt.Errorf("download media: %w", err)
	}
	return resp.data, resp.contentType, nil
}

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
}

func (c *apiCore) fetchToken(ctx context.Context, req request, q url.Values) (string, int, error) {
	resp, err := c.retry(ctx, req, q)
	if err != nil {
		return "", 0, err
	}
	var t tokenAnswer
	if err := json.Unmarshal(resp.data, &t); err != nil || t.AccessToken == "" {
		return "", 0, fmt.Errorf("%s: no access_token in the answer", req.path)
	}
	if t.ExpiresIn <= 0 {
		t.ExpiresIn = 7200
	}
	return t.AccessToken, t.ExpiresIn, nil
}

// Client calls the Official Account API: customer-service and template
// messages, temporary media. It is safe for concurrent use and shares one
// access token among all callers.
type Client struct {
	cfg  Config
	core *apiCore
}

var _ Pusher = (*Client)(nil)

// NewClient builds an Official Account API client on cfg.APIBaseURL.
// httpClient may be nil; every call has its own timeout anyway.
func NewClient(cfg Config, httpClient *http.Client, logger *slog.Logger) *Client {
	c := &Client{cfg: cfg}
	c.core = newCore(cfg.APIBaseURL, httpClient, logger, func(ctx context.Context, core *apiCore, stale string) (string, int, error) {
		// stable_token returns the same token to every caller while it is
		// valid, so other processes and clients of this app (jobs, CLI) do
		// not invalidate each other's tokens as /cgi-bin/token would. Only
		// when it hands back the very token the API refused is a new one
		// forced.
		get := func(force bool) (string, int, error) {
			return core.fetchToken(ctx, request{method: http.MethodPost, path: "/cgi-bin/stable_token",
				json: map[string]any{"grant_type": "client_credential", "appid": cfg.AppID, "secret": cfg.AppSecret,
					"force_refresh": force}}, nil)
		}
		tok, ttl, err := get(false)
		if err == nil && stale != "" && tok == stale {
			return get(true)
		}
		return tok, ttl, err
	})
	return c
}

// SendText sends a customer-service text message (only within 48 hours of
// the user's last message; 45015 otherwise). Keep text within
// bot.MaxReplyBytes.
func (c *Client) SendText(ctx context.Context, openID, text string) error {
	return c.core.postJSON(ctx, "/cgi-bin/message/custom/send", map[string]any{
		"touser": openID, "msgtype": "text", "text": map[string]string{"content": text}}, nil)
}

// SendImage sends a customer-service image message of an uploaded media id.
func (c *Client) SendImage(ctx context.Context, openID, mediaID string) error {
	return c.core.postJSON(ctx, "/cgi-bin/message/custom/send", map[string]any{
		"touser": openID, "msgtype": "image", "image": map[string]string{"media_id": mediaID}}, nil)
}

// SendTemplate sends a template message (reaches users outside the 48-hour
// window); data maps the template's keys to their values.
func (c *Client) SendTemplate(ctx context.Context, openID, templateID, link string, data map[string]string) error {
	d := make(map[string]map[string]string, len(data))
	for k, v := range data {
		d[k] = map[string]string{"value": v}
	}
	body := map[string]any{"touser": openID, "template_id": templateID, "data": d}
	if link != "" {
		body["url"] = link
	}
	return c.core.postJSON(ctx, "/cgi-bin/message/template/send", body, nil)
}

// UploadMedia uploads temporary media (kind image, voice, video or thumb;
// kept 3 days) and returns its media id.
func (c *Client) UploadMedia(ctx context.Context, kind, filename string, data []byte) (string, error) {
	return c.core.upload(ctx, kind, filename, data)
}

// DownloadMedia fetches temporary media, e.g. a photo a user sent.
func (c *Client) DownloadMedia(ctx context.Context, mediaID string) ([]byte, string, error) {
	return c.core.download(ctx, mediaID)
}

// WeComClient calls the WeCom API for one self-built app: app messages and
// temporary media. It is safe for concurrent use.
type WeComClient struct {
	cfg  WeComConfig
	core *apiCore
}

var _ Pusher = (*WeComClient)(nil)

// NewWeComClient builds a WeCom API client on cfg.APIBaseURL.
func NewWeComClient(cfg WeComConfig, httpClient *http.Client, logger *slog.Logger) *WeComClient {
	c := &WeComClient{cfg: cfg}
	c.core = newCore(cfg.APIBaseURL, httpClient, logger, func(ctx context.Context, core *apiCore, stale string) (string, int, error) {
		// gettoken returns the same token while it is valid.
		return core.fetchToken(ctx, request{method: http.MethodGet, path: "/cgi-bin/gettoken"},
			url.Values{"corpid": {cfg.CorpID}, "corpsecret": {cfg.Secret}})
	})
	return c
}

func (c *WeComClient) send(ctx context.Context, userID, kind string, part any) error {
	var out struct {
		InvalidUser string `json:"invaliduser"`
	}
	err := c.core.postJSON(ctx, "/cgi-bin/message/send", map[string]any{
		"touser": userID, "msgtype": kind, "agentid": c.cfg.AgentID, kind: part}, &out)
	if err != nil {
		return err
	}
	if out.InvalidUser != "" {
		return fmt.Errorf("wecom message: invalid user %s", strconv.Quote(out.InvalidUser))
	}
	return nil
}

// SendText sends an app text message to a user (or "a|b", or "@all").
func (c *WeComClient) SendText(ctx context.Context, userID, text string) error {
	return c.send(ctx, userID, "text", map[string]string{"content": text})
}

// SendMarkdown sends an app markdown message.
func (c *WeComClient) SendMarkdown(ctx context.Context, userID, md string) error {
	return c.send(ctx, userID, "markdown", map[string]string{"content": md})
}

// SendImage sends an app image message of an uploaded media id.
func (c *WeComClient) SendImage(ctx context.Context, userID, mediaID string) error {
	return c.send(ctx, userID, "image", map[string]string{"media_id": mediaID})
}

// UploadMedia uploads temporary media (image, voice, video, file).
func (c *WeComClient) UploadMedia(ctx context.Context, kind, filename string, data []byte) (string, error) {
	return c.core.upload(ctx, kind, filename, data)
}

// DownloadMedia fetches temporary media.
func (c *WeComClient) DownloadMedia(ctx context.Context, mediaID string) ([]byte, string, error) {
	return c.core.download(ctx, mediaID)
}
