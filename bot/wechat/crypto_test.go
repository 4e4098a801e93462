package wechat

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// The published vectors, as collected in ../shared/tools/wxclient/README.md
// ("Test vectors"): A from Tencent's official Java sample test (via
// binarywang/WxJava), B from the official WeCom callback samples, C a real
// compatibility-mode push captured by Senparc.Weixin.
const (
	vecAKey     = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	vecAAppID   = "wxb11529c136998cb6"
	vecARandom  = "aaaabbbbccccdddd"
	vecAMsg1    = "我是中文abcd123"
	vecACipher1 = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg=="
	vecAMsg2    = "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>"
	vecACipher2 = "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb"

	vecBToken   = "QDG6eK"
	vecBCorpID  = "wx5823bf96d3bd56c7"
	vecBKey     = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	vecBGetSig  = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
	vecBGetTS   = "1409659589"
	vecBGetNon  = "263014780"
	vecBEchoEnc = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="
	vecBEcho    = "1616140317555161061"
	vecBPostSig = "477715d11cdb4164915debcba66cb864d751f3e6"
	vecBPostTS  = "1409659813"
	vecBPostNon = "1372623149"
	vecBPostEnc = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=="
	vecBPostMsg = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>"

	vecCToken  = "weixin"
	vecCKey    = "mNnY5GekpChwqhy2c4NBH90g3hND6GeI4gii2YCvKLY"
	vecCAppID  = "wx669ef95216eef885"
	vecCTS     = "1414387151"
	vecCNonce  = "917222494"
	vecCSig    = "e3203b6433eb554dd2fcba78fa48cb948fcb4801"
	vecCMsgSig = "ae70d4e343d946fc0477a5c760b95be0947fddbb"
	vecCEnc    = "2gUBUpAeuPFKBS+gkcvrR1cBq1VjTOQluB7+FQF00VnybRpYR3xko4S4wh0qD+64cWmJfF93ZNLm+HLZBexjHLAdJBs5RBG2rP1AJnU0/1vQU/Ac9Q1Nq7vfC4l3ciF8YwhQW0o/GE4MYWWakgdwnp0hQ7aVVwqMLd67A5bsURQHJiFY/cH0fVlsKe6J3aazGhRXFCxceOq2VTJ2Eulc8aBDVSM5/lAIUA/JPq5Z2RzomM0+aoa5XIfGyAtAdlBXD0ADTemxgfYAKI5EMfKtH5za3dKV2UWbGAlJQZ0fwrwPx6Rs8MsoEtyxeQ52gO94gafA+/kIVjamKTVLSgudLLz5rAdGneKkBVhXyfyfousm1DoDRjQdAdqMWpwbeG5hanoJyJiH+humW/1q8PAAiaEfA+BOuvBk/a5xL0Q2l2k="
	vecCMsg    = "<xml><ToUserName><![CDATA[gh_a96a4a619366]]></ToUserName>\n<FromUserName><![CDATA[olPjZjsXuQPJoV0HlruZkNzKc91E]]></FromUserName>\n<CreateTime>1414387151</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[你好]]></Content>\n<MsgId>6074746557628292943</MsgId>\n</xml>"
)

func mustCrypter(t testing.TB, key, id string) *Crypter {
	t.Helper()
	c, err := NewCrypter(key, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fixedRandom(prefix string) func([]byte) {
	return func(b []byte) { copy(b, prefix) }
}

func TestVectorA_EncryptIsExact(t *testing.T) {
	c := mustCrypter(t, vecAKey, vecAAppID)
	c.random = fixedRandom(vecARandom)
	for _, tc := range []struct{ name, msg, want string }{
		{"short", vecAMsg1, vecACipher1},
		{"xml", vecAMsg2, vecACipher2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Encrypt([]byte(tc.msg)); got != tc.want {
				t.Errorf("encrypt:\n got %s\nwant %s", got, tc.want)
			}
			got, err := c.Decrypt(tc.want)
			if err != nil || string(got) != tc.msg {
				t.Errorf("decrypt = %q, %v; want %q", got, err, tc.msg)
			}
		})
	}
}

func TestVectorB_WeCom(t *testing.T) {
	if got := Sign(vecBToken, vecBGetTS, vecBGetNon, vecBEchoEnc); got != vecBGetSig {
		t.Errorf("GET msg_signature = %s, want %s", got, vecBGetSig)
	}
	if got := Sign(vecBToken, vecBPostTS, vecBPostNon, vecBPostEnc); got != vecBPostSig {
		t.Errorf("POST msg_signature = %s, want %s", got, vecBPostSig)
	}
	c := mustCrypter(t, vecBKey, vecBCorpID)
	echo, err := c.Decrypt(vecBEchoEnc)
	if err != nil || string(echo) != vecBEcho {
		t.Errorf("echostr = %q, %v; want %q", echo, err, vecBEcho)
	}
	msg, err := c.Decrypt(vecBPostEnc)
	if err != nil || string(msg) != vecBPostMsg {
		t.Errorf("message = %q, %v", msg, err)
	}
	other := mustCrypter(t, vecBKey, "wwSomeoneElse")
	if _, err := other.Decrypt(vecBPostEnc); !errors.Is(err, ErrReceiveID) {
		t.Errorf("wrong CorpID: err = %v, want ErrReceiveID", err)
	}
	m, err := ParseMessage(msg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "hello" || m.MsgID != "4561255354251345929" || m.AgentID != "218" || m.FromUserName != "mycreate" {
		t.Errorf("parsed %+v", m)
	}
}

func TestVectorC_CompatPush(t *testing.T) {
	if got := Sign(vecCToken, vecCTS, vecCNonce); got != vecCSig {
		t.Errorf("signature = %s, want %s", got, vecCSig)
	}
	if got := Sign(vecCToken, vecCTS, vecCNonce, vecCEnc); got != vecCMsgSig {
		t.Errorf("msg_signature = %s, want %s", got, vecCMsgSig)
	}
	c := mustCrypter(t, vecCKey, vecCAppID)
	msg, err := c.Decrypt(vecCEnc)
	if err != nil || string(msg) != vecCMsg {
		t.Fatalf("decrypt = %q, %v", msg, err)
	}
}

func TestRoundTripEveryPadLength(t *testing.T) {
	c := mustCrypter(t, vecAKey, vecAAppID)
	seen := map[int]bool{}
	for n := 0; n <= 96; n++ {
		msg := bytes.Repeat([]byte{'x'}, n)
		enc := c.Encrypt(msg)
		raw, _ := base64.StdEncoding.DecodeString(enc)
		if len(raw)%32 != 0 {
			t.Fatalf("n=%d: ciphertext %d bytes, not a multiple of 32", n, len(raw))
		}
		seen[32-(20+n+len(vecAAppID))%32] = true
		got, err := c.Decrypt(enc)
		if err != nil || !bytes.Equal(got, msg) {
			t.Fatalf("n=%d: got %q, %v", n, got, err)
		}
	}
	if len(seen) != 32 {
		t.Errorf("covered %d pad lengths, want all 32", len(seen))
	}
}

// rawEncrypt encrypts an already padded plaintext, to build broken inputs.
func rawEncrypt(t *testing.T, key string, plain []byte) string {
	k, err := DecodeAESKey(key)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := aes.NewCipher(k)
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(b, k[:16]).CryptBlocks(out, plain)
	return base64.StdEncoding.EncodeToString(out)
}

func frame(msg, id string, k int) []byte {
	b := append([]byte(vecARandom), 0, 0, 0, 0)
	binary.BigEndian.PutUint32(b[16:], uint32(len(msg)))
	b = append(b, msg...)
	b = append(b, id...)
	pad := k - len(b)%k
	return append(b, bytes.Repeat([]byte{byte(pad)}, pad)...)
}

func TestDecryptRejectsBrokenInput(t *testing.T) {
	c := mustCrypter(t, vecAKey, vecAAppID)
	mutate := func(f func(p []byte)) string {
		p := frame("hello", vecAAppID, 32)
		f(p)
		return rawEncrypt(t, vecAKey, p)
	}
	cases := []struct {
		name string
		enc  string
		want error
	}{
		{"not base64", "%%%", ErrBadBase64},
		{"empty", "", ErrBadBlockSize},
		{"partial block", base64.StdEncoding.EncodeToString(make([]byte, 40)), ErrBadBlockSize},
		{"pad 0", mutate(func(p []byte) { p[len(p)-1] = 0 }), ErrBadPadding},
		{"pad 33", mutate(func(p []byte) { p[len(p)-1] = 33 }), ErrBadPadding},
		{"pad bytes differ", mutate(func(p []byte) { p[len(p)-2] ^= 1 }), ErrBadPadding},
		{"first pad byte differs", mutate(func(p []byte) { p[len(p)-int(p[len(p)-1])] ^= 0x55 }), ErrBadPadding},
		{"msg_len too big", mutate(func(p []byte) { p[19] = 200 }), ErrBadLength},
		{"msg_len huge", mutate(func(p []byte) { binary.BigEndian.PutUint32(p[16:20], 0xFFFFFFFF) }), ErrBadLength},
		{"one block", rawEncrypt(t, vecAKey, bytes.Repeat([]byte{16}, 16)), ErrShort},
		{"wrong appid", rawEncrypt(t, vecAKey, frame("hello", "wx0000000000000bad", 32)), ErrReceiveID},
		{"wrong key", rawEncrypt(t, vecCKey, frame("hello", vecAAppID, 32)), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Decrypt(tc.enc)
			if tc.want == nil && err != nil {
				return // any error will do (garbage after a wrong key)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v (msg %q), want %v", err, got, tc.want)
			}
		})
	}
}

func TestDecryptAcceptsSixteenBytePadding(t *testing.T) {
	// Some peers pad to AES's 16-byte block; the pad is still valid PKCS#7.
	c := mustCrypter(t, vecAKey, vecAAppID)
	got, err := c.Decrypt(rawEncrypt(t, vecAKey, frame("hi", vecAAppID, 16)))
	if err != nil || string(got) != "hi" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestDecodeAESKey(t *testing.T) {
	for _, bad := range []string{"", "short", strings.Repeat("a", 44), strings.Repeat("!", 43)} {
		if _, err := DecodeAESKey(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSignatureOK(t *testing.T) {
	if !signatureOK(vecCSig, vecCToken, vecCTS, vecCNonce) {
		t.Error("good signature refused")
	}
	for _, bad := range []string{"", vecCSig[:39], strings.ToUpper(vecCSig), vecCMsgSig} {
		if signatureOK(bad, vecCToken, vecCTS, vecCNonce) {
			t.Errorf("%q accepted", bad)
		}
	}
}
