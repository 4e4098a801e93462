package wechat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pufabot/pufabot/bot"
)

// InboundMessage is a message or event as WeChat / WeCom posts it (the
// plaintext XML, after decryption).
type InboundMessage struct {
	XMLName      xml.Name
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	CreateTime   int64  `xml:"CreateTime"`
	MsgType      string `xml:"MsgType"`
	MsgID        string `xml:"MsgId"`
	AgentID      string `xml:"AgentID"`

	Content     string `xml:"Content"`
	PicURL      string `xml:"PicUrl"`
	MediaID     string `xml:"MediaId"`
	Format      string `xml:"Format"`
	Recognition string `xml:"Recognition"`
	LocationX   string `xml:"Location_X"`
	LocationY   string `xml:"Location_Y"`
	Label       string `xml:"Label"`
	Title       string `xml:"Title"`
	URL         string `xml:"Url"`
	Event       string `xml:"Event"`
	EventKey    string `xml:"EventKey"`

	// Encrypt is the ciphertext of a compat-mode body (ignored otherwise).
	Encrypt string `xml:"Encrypt"`
}

// envelope is the outer XML of an encrypted push.
type envelope struct {
	XMLName    xml.Name
	ToUserName string `xml:"ToUserName"`
	AgentID    string `xml:"AgentID"`
	Encrypt    string `xml:"Encrypt"`
}

// ErrBadXML is returned for bodies that are not a WeChat message.
var ErrBadXML = errors.New("not a WeChat message")

// decodeStrict decodes one <xml> document into v. It refuses DTDs and
// comments-as-directives outright (WeChat never sends them; this keeps entity
// tricks out even if the parser changes) and anything after the root.
func decodeStrict(b []byte, v any, root *xml.Name) error {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("<!"))
		if j < 0 {
			break
		}
		i += j
		if !bytes.HasPrefix(b[i:], []byte("<![CDATA[")) {
			return fmt.Errorf("%w: DTD or directive", ErrBadXML)
		}
		k := bytes.Index(b[i:], []byte("]]>"))
		if k < 0 {
			return fmt.Errorf("%w: unterminated CDATA", ErrBadXML)
		}
		i += k + 3
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", ErrBadXML, err)
	}
	if root.Local != "xml" {
		return fmt.Errorf("%w: root element <%s>", ErrBadXML, root.Local)
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break // io.EOF, or trailing garbage we do not read
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("%w: text after the root element", ErrBadXML)
			}
		case xml.ProcInst, xml.Comment:
		default:
			return fmt.Errorf("%w: content after the root element", ErrBadXML)
		}
	}
	return nil
}

// ParseMessage parses plaintext message XML strictly. It requires the
// fields every message has (FromUserName, MsgType, CreateTime).
func ParseMessage(b []byte) (*InboundMessage, error) {
	var m InboundMessage
	if err := decodeStrict(b, &m, &m.XMLName); err != nil {
		return nil, err
	}
	if m.FromUserName == "" || m.MsgType == "" || m.CreateTime <= 0 {
		return nil, fmt.Errorf("%w: FromUserName, MsgType or CreateTime missing", ErrBadXML)
	}
	if m.MsgID != "" {
		if _, err := strconv.ParseUint(m.MsgID, 10, 64); err != nil {
			return nil, fmt.Errorf("%w: MsgId %q is not a number", ErrBadXML, m.MsgID)
		}
	}
	return &m, nil
}

func parseEnvelope(b []byte) (*envelope, error) {
	var e envelope
	if err := decodeStrict(b, &e, &e.XMLName); err != nil {
		return nil, err
	}
	return &e, nil
}

// handled reports whether the bot deals with this message type; others get
// "success" and are not processed (WeChat adds types over time).
func (m *InboundMessage) handled() bool {
	switch m.MsgType {
	case "text", "voice", "image", "location", "link", "event":
		return true
	}
	return false
}

// DedupeKey identifies a message across WeChat's retries: the MsgId, or for
// events (which have none) the sender and CreateTime — plus the event name,
// so a menu click and an unsubscribe in the same second stay two events.
func (m *InboundMessage) DedupeKey() string {
	if m.MsgID != "" {
		return m.MsgID
	}
	return "ev:" + m.FromUserName + ":" + strconv.FormatInt(m.CreateTime, 10) + ":" + m.Event
}

// BotMessage maps the message to the bot's channel-neutral type.
func (m *InboundMessage) BotMessage(ch bot.Channel) bot.Message {
	out := bot.Message{Channel: ch, UserID: m.FromUserName, MsgID: m.MsgID, At: time.Unix(m.CreateTime, 0)}
	switch m.MsgType {
	case "text":
		out.Kind, out.Text = bot.KindText, m.Content
	case "voice":
		out.Kind, out.Text, out.MediaID = bot.KindVoice, m.Recognition, m.MediaID
	case "image":
		out.Kind, out.MediaID, out.PicURL = bot.KindImage, m.MediaID, m.PicURL
	case "location":
		out.Kind, out.Label = bot.KindLocation, m.Label
		out.Latitude, _ = strconv.ParseFloat(strings.TrimSpace(m.LocationX), 64)
		out.Longitude, _ = strconv.ParseFloat(strings.TrimSpace(m.LocationY), 64)
	case "link":
		out.Kind, out.Title, out.URL = bot.KindLink, m.Title, m.URL
	case "event":
		out.Kind, out.Event, out.EventKey = bot.KindEvent, m.Event, m.EventKey
	default:
		out.Kind = bot.KindOther
	}
	return out
}

// appendCDATA writes s as CDATA, splitting "]]>" so user text can never
// close the section, and dropping characters XML 1.0 forbids.
func appendCDATA(b []byte, s string) []byte {
	b = append(b, "<![CDATA["...)
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "]]>") {
			b = append(b, "]]]]><![CDATA[>"...)
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if xmlChar(r) && !(r == utf8.RuneError && n == 1) {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, "]]>"...)
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// TextReplyXML renders a passive text reply to m: To and From swapped.
func TextReplyXML(m *InboundMessage, text string, now time.Time) []byte {
	b := make([]byte, 0, 200+len(text))
	b = append(b, "<xml><ToUserName>"...)
	b = appendCDATA(b, m.FromUserName)
	b = append(b, "</ToUserName><FromUserName>"...)
	b = appendCDATA(b, m.ToUserName)
	b = append(b, "</FromUserName><CreateTime>"...)
	b = strconv.AppendInt(b, now.Unix(), 10)
	b = append(b, "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"...)
	b = appendCDATA(b, text)
	return append(b, "</Content></xml>"...)
}

// EncryptedReplyXML wraps plaintext reply XML for safe mode and WeCom: the
// ciphertext and its MsgSignature over the reply's own timestamp and nonce.
func EncryptedReplyXML(c *Crypter, token string, plain []byte, timestamp, nonce string) []byte {
	enc := c.Encrypt(plain)
	b := make([]byte, 0, 160+len(enc))
	b = append(b, "<xml><Encrypt><![CDATA["...)
	b = append(b, enc...)
	b = append(b, "]]></Encrypt><MsgSignature><![CDATA["...)
	b = append(b, Sign(token, timestamp, nonce, enc)...)
	b = append(b, "]]></MsgSignature><TimeStamp>"...)
	b = append(b, timestamp...)
	b = append(b, "</TimeStamp><Nonce><![CDATA["...)
	b = append(b, nonce...)
	return append(b, "]]></Nonce></xml>"...)
}
