package wechat

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"
)

// FuzzDecrypt: no input may panic, and whatever decrypts must have been a
// well-formed frame for our AppID (re-encrypting it round-trips).
func FuzzDecrypt(f *testing.F) {
	f.Add(vecACipher1)
	f.Add(vecACipher2)
	f.Add("")
	f.Add("%%%")
	f.Add("AAAAAAAAAAAAAAAAAAAAAA==")
	c, err := NewCrypter(vecAKey, vecAAppID)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, enc string) {
		msg, err := c.Decrypt(enc)
		if err != nil {
			return
		}
		back, err := c.Decrypt(c.Encrypt(msg))
		if err != nil || !bytes.Equal(back, msg) {
			t.Fatalf("round trip of %q: %q, %v", msg, back, err)
		}
	})
}

// FuzzParseMessage: no input may panic; a parsed message maps to a bot
// message and its reply is well-formed whatever the text.
func FuzzParseMessage(f *testing.F) {
	f.Add([]byte(vecBPostMsg))
	f.Add([]byte(vecCMsg))
	f.Add([]byte(`<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`))
	f.Add([]byte(`<!DOCTYPE xml [<!ENTITY a "b">]><xml>&a;</xml>`))
	f.Add([]byte(`<xml><![CDATA[`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMessage(b)
		if err != nil {
			return
		}
		_ = m.BotMessage("wechat")
		_ = m.DedupeKey()
		reply := TextReplyXML(m, m.Content+m.Recognition, time.Unix(1, 0))
		var r struct {
			XMLName xml.Name
			MsgType []string `xml:"MsgType"`
			Content []string `xml:"Content"`
		}
		if err := decodeStrict(reply, &r, &r.XMLName); err != nil {
			t.Fatalf("reply is not well-formed: %v\n%s", err, reply)
		}
		if len(r.MsgType) != 1 || r.MsgType[0] != "text" || len(r.Content) != 1 {
			t.Fatalf("user text broke out of the reply: %s", reply)
		}
	})
}
