package wechat

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot"
)

// WeCom is the http.Handler of a WeCom self-built app's callback URL. Every
// request is encrypted with the CorpID as receive id; the AgentID is checked.
type WeCom struct {
	cfg     WeComConfig
	agentID string
	crypter *Crypter
	disp    *Dispatcher
	logger  *slog.Logger
	now     func() time.Time
}

// NewWeCom builds the handler; disp does the handling.
func NewWeCom(cfg WeComConfig, disp *Dispatcher, logger *slog.Logger, now func() time.Time) (*WeCom, error) {
	c, err := NewCrypter(cfg.EncodingAESKey, cfg.CorpID)
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &WeCom{cfg: cfg, agentID: strconv.FormatInt(cfg.AgentID, 10), crypter: c, disp: disp, logger: logger, now: now}, nil
}

// ServeHTTP implements http.Handler.
func (h *WeCom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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

// verify answers the console's URL check with the decrypted echostr, at
// once (WeCom allows 1 s): no quotes, no newline.
func (h *WeCom) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ts, nonce := q.Get("timestamp"), q.Get("nonce")
	// base64 has no spaces: a '+' that a proxy decoded as space is put back.
	echo := strings.ReplaceAll(q.Get("echostr"), " ", "+")
	if ts == "" || echo == "" || !signatureOK(q.Get("msg_signature"), h.cfg.Token, ts, nonce, echo) {
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	plain, err := h.crypter.Decrypt(echo)
	if err != nil {
		http.Error(w, "bad echostr", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(plain)
}

func (h *WeCom) message(w http.ResponseWriter, r *http.Request) {
	start := h.now()
	q := r.URL.Query()
	ts, nonce := q.Get("timestamp"), q.Get("nonce")
	if status, why := checkTimestamp(ts, h.cfg.TimestampWindow.Duration, start); status != 0 {
		http.Error(w, why, status)
		return
	}
	body, status := readBody(w, r)
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
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
	if a := strings.TrimSpace(env.AgentID); a != "" && a != h.agentID {
		http.Error(w, "wrong agent", http.StatusForbidden)
		return
	}
	plain, err := h.crypter.Decrypt(env.Encrypt)
	if err != nil {
		h.logger.Warn("wecom: undecryptable message", "err", err)
		http.Error(w, "bad ciphertext", http.StatusBadRequest)
		return
	}
	m, err := ParseMessage(plain)
	if err != nil {
		http.Error(w, "bad message", http.StatusBadRequest)
		return
	}
	if a := strings.TrimSpace(m.AgentID); a != "" && a != h.agentID {
		http.Error(w, "wrong agent", http.StatusForbidden)
		return
	}
	replyXML := func(text string) []byte {
		x := TextReplyXML(m, text, h.now())
		return EncryptedReplyXML(h.crypter, h.cfg.Token, x, strconv.FormatInt(h.now().Unix(), 10), nonce)
	}
	serve(w, r, h.disp, h.logger, bot.ChannelWeCom, m, start, "", replyXML)
}
