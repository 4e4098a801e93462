package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// Message is one text for one person: a reminder, a nudge or one part of a
// digest.
type Message struct {
	// Title is the short headline (template messages show it as the title).
	Title string
	// Text is the body; it fits MaxMessageBytes.
	Text string
	// Image, when set instead of Text, is a PNG to send as an image.
	Image []byte
}

// Sender delivers one message to one person. An error that carries a
// WeChat errcode is a *DeliveryError.
type Sender interface {
	Send(ctx context.Context, to Person, m Message) error
}

// MaxMessageBytes is the longest text sent in one message: WeChat's limit
// for customer-service texts and WeCom's for app texts (UTF-8 bytes).
const MaxMessageBytes = 2048

// ErrCode45015 is WeChat's answer to a customer-service message for someone
// who has not written in the last 48 hours (or has unfollowed).
const ErrCode45015 = 45015

// DeliveryError is a failed send, with WeChat's errcode when there is one.
type DeliveryError struct {
	// Route is how it was sent: "wecom", "template" or "customer_service".
	Route string
	Code  int
	Err   error
}

func (e *DeliveryError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("%s: errcode %d: %v", e.Route, e.Code, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Route, e.Err)
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// errCode returns the WeChat errcode carried by err, 0 if none.
func errCode(err error) int {
	var de *DeliveryError
	if errors.As(err, &de) {
		return de.Code
	}
	return 0
}

// WeChatAPI is what the router needs of the Official Account client.
type WeChatAPI interface {
	SendText(ctx context.Context, openID, text string) error
	SendTemplate(ctx context.Context, openID, templateID, url string, data map[string]string) error
}

// WeComAPI is what the router needs of the WeCom app client.
type WeComAPI interface {
	SendText(ctx context.Context, userID, text string) error
}

// ImageAPI is the image half of either client: upload a temporary media
// file, then send it. A client without it cannot send charts.
type ImageAPI interface {
	UploadMedia(ctx context.Context, kind, filename string, data []byte) (string, error)
	SendImage(ctx context.Context, userID, mediaID string) error
}

// Router is the Sender that picks the channel per recipient: a WeCom app
// message for WeCom users; for Official Account followers a template
// message when a template id is configured (it reaches people outside the
// 48-hour window), else a customer-service message.
type Router struct {
	// WeChat is nil when no Official Account is configured.
	WeChat WeChatAPI
	// WeCom is nil when no WeCom app is configured.
	WeCom WeComAPI
	// TemplateID is [wechat] template_id. The template is expected to have
	// the fields {{title.DATA}} and {{content.DATA}}.
	TemplateID string
	// ErrCode extracts WeChat's errcode from a client error (0: none).
	ErrCode func(error) int

	mu    sync.Mutex
	media map[string]string // channel + sha256 of an image → uploaded media id
}

var _ Sender = (*Router)(nil)

// Send implements Sender.
func (r *Router) Send(ctx context.Context, to Person, m Message) error {
	var route string
	var err error
	switch {
	case m.Image != nil:
		route, err = r.sendImage(ctx, to, m.Image)
	case to.Channel == ChannelWeCom && r.WeCom != nil:
		route = "wecom"
		err = r.WeCom.SendText(ctx, to.UserID, m.Text)
	case to.Channel == ChannelWeChat && r.WeChat != nil && r.TemplateID != "":
		route = "template"
		err = r.WeChat.SendTemplate(ctx, to.UserID, r.TemplateID, "", map[string]string{
			"title": m.Title, "content": m.Text,
		})
	case to.Channel == ChannelWeChat && r.WeChat != nil:
		route = "customer_service"
		err = r.WeChat.SendText(ctx, to.UserID, m.Text)
	default:
		return &DeliveryError{Route: "none", Err: fmt.Errorf("no %s channel configured", to.Channel)}
	}
	if err == nil {
		return nil
	}
	code := 0
	if r.ErrCode != nil {
		code = r.ErrCode(err)
	}
	return &DeliveryError{Route: route, Code: code, Err: err}
}

// sendImage uploads img once per channel (temporary media lasts 3 days,
// longer than a run) and sends it. Template messages cannot carry images:
// Official Account followers get it as a customer-service image.
func (r *Router) sendImage(ctx context.Context, to Person, img []byte) (string, error) {
	var api any
	route := "wecom"
	switch to.Channel {
	case ChannelWeCom:
		api = r.WeCom
	case ChannelWeChat:
		api, route = r.WeChat, "customer_service"
	}
	im, ok := api.(ImageAPI)
	if !ok || api == nil {
		return route, fmt.Errorf("no %s client that can send images", to.Channel)
	}
	sum := sha256.Sum256(img)
	key := to.Channel + ":" + hex.EncodeToString(sum[:])
	r.mu.Lock()
	id := r.media[key]
	r.mu.Unlock()
	if id == "" {
		var err error
		if id, err = im.UploadMedia(ctx, "image", "digest.png", img); err != nil {
			return route, fmt.Errorf("upload chart: %w", err)
		}
		r.mu.Lock()
		if r.media == nil {
			r.media = map[string]string{}
		}
		r.media[key] = id
		r.mu.Unlock()
	}
	return route, im.SendImage(ctx, to.UserID, id)
}

// splitText cuts text into parts of at most limit bytes, at line breaks
// where it can, else at sentence ends, else at a rune boundary. Each part of
// a text cut into several is prefixed with its number, "(1/3)".
func splitText(text string, limit int) []string {
	const marker = 16 // room for "(12/12)\n"
	if len(text) <= limit {
		return []string{text}
	}
	budget := limit - marker
	var parts []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimRight(cur.String(), "\n"); s != "" {
			parts = append(parts, s)
		}
		cur.Reset()
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		for len(line) > budget { // a single line too long: cut it
			flush()
			cut := budget
			if i := strings.LastIndex(line[:cut], "。"); i > budget/3 {
				cut = i + len("。")
			} else {
				for cut > 0 && !utf8.RuneStart(line[cut]) {
					cut--
				}
			}
			parts = append(parts, line[:cut])
			line = line[cut:]
		}
		if cur.Len()+len(line) > budget {
			flush()
		}
		cur.WriteString(line)
	}
	flush()
	if len(parts) > 1 {
		for i := range parts {
			parts[i] = fmt.Sprintf("(%d/%d)\n%s", i+1, len(parts), parts[i])
		}
	}
	return parts
}
