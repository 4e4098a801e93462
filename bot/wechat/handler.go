package wechat

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/pufabot/pufabot/bot"
)

// maxBody caps a callback body when no outer limit applies (httpapi sets
// its own, 256 KiB by default, and answers 413 above it).
const maxBody = 1 << 20

// OfficialAccount is the http.Handler of an Official Account's server URL
// (GET verification, POSTed messages) in plain, compat or safe mode.
type OfficialAccount struct {
	cfg     Config
	crypter *Crypter // nil without an EncodingAESKey
	disp    *Dispatcher
	logger  *slog.Logger
	now     func() time.Time
}

// NewOfficialAccount builds the handler; disp does the handling.
func NewOfficialAccount(cfg Config, disp *Dispatcher, logger *slog.Logger, now func() time.Time) (*OfficialAccount, error) {
	h := &OfficialAccount{cfg: cfg, disp: disp, logger: logger, now: now}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	if h.now == nil {
		h.now = time.Now
	}
	if cfg.EncodingAESKey != "" {
		c, err := NewCrypter(cfg.EncodingAESKey, cfg.AppID)
		if err != nil {
			return nil, err
		}
		h.crypter = c
	} else if cfg.Mode != ModePlain {
		return nil, errors.New("wechat: compat and safe mode need encoding_aes_key")
	}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *OfficialAccount) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.verify(w, r)
	case http.MethodPost:
		h.message(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// verify answers the console's URL check: echostr, exactly, when signed.
func (h *OfficialAccount) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ts, nonce, echo := q.Get("timestamp"), q.Get("nonce"), q.Get("echostr")
	if ts == "" || echo == "" || !signatureOK(q.Get("signature"), h.cfg.Token, ts, nonce) {
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, echo)
}

func (h *OfficialAccount) message(w http.ResponseWriter, r *http.Request) {
	start := h.now()
	q := r.URL.Query()
	ts, nonce := q.Get("timestamp"), q.Get("nonce")
	if status, why := checkTimestamp(ts, h.cfg.TimestampWindow.Duration, start); status != 0 {
		http.Error(w, why, status)
		return
	}
	if !signatureOK(q.Get("signature"), h.cfg.Token, ts, nonce) {
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	body, status := readBody(w, r)
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	encrypted := q.Get("encrypt_type") == "aes"
	if !encrypted && h.cfg.Mode != ModePlain {
		// In compat and safe mode WeChat always encrypts; the plain
		// signature does not cover the body, so plaintext is refused.
		http.Error(w, "encrypted message required", http.StatusBadRequest)
		return
	}
	var plain []byte
	if encrypted {
		if h.crypter == nil {
			http.Error(w, "encryption not configured", http.StatusBadRequest)
			return
		}
		env, err := parseEnvelope(body)
		if err != nil || env.Encrypt == "" {
			http.Error(w, "bad envelope", http.StatusBadRequest)
			return
		}
		if !signatureOK(q.Get("msg_signature"), h.cfg.Token, ts, nonce, env.Encrypt) {
			http.Error(w, "bad msg_signature", http.StatusForbidden)
			return
		}
		if plain, err = h.crypter.Decrypt(env.Encrypt); err != nil {
			h.logger.Warn("wechat: undecryptable message", "err", err)
			http.Error(w, "bad ciphertext", http.StatusBadRequest)
			return
		}
	} else {
		plain = body
	}
	m, err := ParseMessage(plain)
	if err != nil {
		http.Error(w, "bad message", http.StatusBadRequest)
		return
	}
	replyXML := func(text string) []byte {
		x := TextReplyXML(m, text, h.now())
		if encrypted {
			rts := strconv.FormatInt(h.now().Unix(), 10)
			x = EncryptedReplyXML(h.crypter, h.cfg.Token, x, rts, nonce)
		}
		return x
	}
	serve(w, r, h.disp, h.logger, bot.ChannelWeChat, m, start, "success", replyXML)
}

// serve dispatches a parsed message and writes the outcome; the shared tail
// of the Official Account and WeCom handlers. noReply is the body meaning
// "nothing to say" ("success" for the Official Account, "" for WeCom).
func serve(w http.ResponseWriter, r *http.Request, disp *Dispatcher, logger *slog.Logger, ch bot.Channel,
	m *InboundMessage, start time.Time, noReply string, replyXML func(string) []byte) {
	bm := m.BotMessage(ch)
	if !m.handled() {
		io.WriteString(w, noReply)
		disp.logMessage(logger, ch, bm, "unsupported", start, 1, "answered")
		return
	}
	out, err := disp.Dispatch(r.Context(), start, m.DedupeKey(), bm)
	if err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, ErrClosed) {
			status = http.StatusServiceUnavailable
		}
		logger.Error("dispatch message", "channel", ch, "user", bot.UserHash(ch, m.FromUserName), "err", err)
		http.Error(w, http.StatusText(status), status)
		return
	}
	if !out.Answer {
		disp.logMessage(logger, ch, bm, out.Route, start, out.Attempt, "held")
		return // the client gave up; whatever we wrote would be lost
	}
	if out.Text == "" {
		io.WriteString(w, noReply)
	} else {
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		w.Write(replyXML(out.Text))
	}
	disp.logMessage(logger, ch, bm, out.Route, start, out.Attempt, "answered")
}

// logMessage is the one log line of a message attempt. It carries no text
// and no OpenID: the user appears as bot.UserHash.
func (d *Dispatcher) logMessage(logger *slog.Logger, ch bot.Channel, m bot.Message, route string, start time.Time, attempt int, outcome string) {
	latency := time.Since(start)
	logger.Info("message", "channel", ch, "user", bot.UserHash(ch, m.UserID), "kind", m.Kind,
		"route", route, "latency", latency.Round(time.Microsecond), "attempt", attempt, "outcome", outcome)
	if d.cfg.Observe != nil {
		d.cfg.Observe(string(m.Kind), route, outcome, latency)
	}
}

// checkTimestamp requires a numeric timestamp and, when window > 0, one
// within window of now. It returns a status and reason, or 0.
func checkTimestamp(ts string, window time.Duration, now time.Time) (int, string) {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sec <= 0 {
		return http.StatusBadRequest, "bad timestamp"
	}
	if window > 0 {
		d := now.Sub(time.Unix(sec, 0))
		if d > window || d < -window {
			return http.StatusBadRequest, "timestamp out of window"
		}
	}
	return 0, ""
}

// readBody reads the request body, mapping an over-limit body to 413.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, http.StatusRequestEntityTooLarge
		}
		return nil, http.StatusBadRequest
	}
	if len(body) == 0 {
		return nil, http.StatusBadRequest
	}
	return body, 0
}
