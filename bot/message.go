// Package bot is pufabot's core: the Message and Reply types every channel
// speaks, the people who write in and their roles, and Bot.Handle, which
// routes a message to a command, the activity ledger or the question answerer.
// Channels (bot/wechat, the terminal chat) only translate to and from these
// types; they never decide what a message means.
package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Channel names where a message came from and where its reply goes.
type Channel string

// The channels pufabot speaks.
const (
	ChannelWeChat   Channel = "wechat"   // WeChat Official Account (公众号)
	ChannelWeCom    Channel = "wecom"    // WeCom (企业微信) app
	ChannelTerminal Channel = "terminal" // `pufabot chat`
)

// Kind is the kind of a message, after the channel has mapped its own types.
type Kind string

// Message kinds. Voice messages arrive as KindVoice with the recognised text
// in Text, so they are answered like text.
const (
	KindText     Kind = "text"
	KindVoice    Kind = "voice"
	KindImage    Kind = "image"
	KindLocation Kind = "location"
	KindLink     Kind = "link"
	KindEvent    Kind = "event"
	KindOther    Kind = "other"
)

// Event names carried by KindEvent messages.
const (
	EventSubscribe   = "subscribe"
	EventUnsubscribe = "unsubscribe"
	EventClick       = "CLICK"
)

// Message is one inbound message, whatever the channel.
type Message struct {
	Channel Channel
	// UserID is the OpenID (Official Account), the UserID (WeCom) or the
	// terminal user's chosen id.
	UserID string
	Kind   Kind
	// Text is the text content, or a voice message's recognition text.
	Text string
	// MediaID and PicURL identify an image (MediaIDs expire after 3 days).
	MediaID string
	PicURL  string
	// Event and EventKey are set for KindEvent (subscribe, CLICK + menu key).
	Event    string
	EventKey string
	// Location fields.
	Latitude, Longitude float64
	Label               string
	// Link fields.
	Title, URL string
	// MsgID is the channel's message id; empty for events.
	MsgID string
	// At is when the user sent the message.
	At time.Time
}

// Reply is what the bot says back. An empty Text means no reply is needed.
type Reply struct {
	Text string
	// Route names the part of the bot that produced the reply, for logs and
	// metrics: help, welcome, more, question, activity, command, ignored …
	Route string
	// Urgent marks an emergency reply (110 / 120 first): nothing owed or
	// pending is put in front of it; it waits for the next message.
	Urgent bool
}

// UserHash is the stable pseudonym of a user in logs and question records:
// the first 12 hex digits of SHA-256 over channel and user id, so logs can be
// correlated without holding an OpenID.
func UserHash(ch Channel, userID string) string {
	sum := sha256.Sum256([]byte(string(ch) + "\x00" + userID))
	return hex.EncodeToString(sum[:6])
}
