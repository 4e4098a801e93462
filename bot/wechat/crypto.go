package wechat

// The callback crypto shared by the Official Account (compat and safe mode)
// and WeCom:
//
//	signature     = hex(sha1(sorted(token, timestamp, nonce) joined))
//	msg_signature = hex(sha1(sorted(token, timestamp, nonce, Encrypt) joined))
//	AESKey        = base64(EncodingAESKey + "=")   (43 chars → 32 bytes)
//	plaintext     = random(16) ‖ uint32be(len(msg)) ‖ msg ‖ receiveid
//	Encrypt       = base64(AES-256-CBC(AESKey, IV = AESKey[:16], PKCS#7 with K = 32))
//
// receiveid is the AppID (Official Account) or the CorpID (WeCom).

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
)

// padBlock is the PKCS#7 block size of WeChat's scheme: 32, not AES's 16.
const padBlock = 32

// Errors of Decrypt. They are wrapped with detail; test with errors.Is.
var (
	ErrBadBase64    = errors.New("ciphertext is not base64")
	ErrBadBlockSize = errors.New("ciphertext is not a positive multiple of 16 bytes")
	ErrBadPadding   = errors.New("bad PKCS#7 padding")
	ErrShort        = errors.New("plaintext shorter than its 20-byte header")
	ErrBadLength    = errors.New("msg_len does not fit the plaintext")
	ErrReceiveID    = errors.New("receive id (AppID / CorpID) does not match")
)

// Sign returns WeChat's signature of parts: sorted bytewise, joined without
// separator, SHA-1, lower-case hex. With (token, timestamp, nonce) it is the
// URL signature; adding Encrypt gives msg_signature.
func Sign(parts ...string) string {
	var arr [4]string
	s := append(arr[:0], parts...)
	sort.Strings(s)
	h := sha1.New()
	for _, p := range s {
		h.Write([]byte(p))
	}
	var sum [sha1.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// signatureOK compares a received signature with the expected one in
// constant time.
func signatureOK(got string, parts ...string) bool {
	want := Sign(parts...)
	return len(got) == len(want) && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// Crypter encrypts and decrypts callback bodies of one app. It is safe for
// concurrent use.
type Crypter struct {
	block     cipher.Block
	iv        []byte
	receiveID string
	random    func([]byte) // fills the 16-byte random prefix; tests fix it
}

// DecodeAESKey turns a 43-character EncodingAESKey into the 32-byte key.
func DecodeAESKey(encodingAESKey string) ([]byte, error) {
	if err := validAESKey(encodingAESKey); err != nil {
		return nil, fmt.Errorf("EncodingAESKey %w", err)
	}
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("EncodingAESKey does not decode to 32 bytes")
	}
	return key, nil
}

// NewCrypter builds a Crypter for an EncodingAESKey and the receive id that
// every ciphertext must carry (AppID or CorpID).
func NewCrypter(encodingAESKey, receiveID string) (*Crypter, error) {
	key, err := DecodeAESKey(encodingAESKey)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("aes key: %w", err)
	}
	return &Crypter{block: block, iv: key[:16], receiveID: receiveID, random: randomPrefix}, nil
}

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func randomPrefix(b []byte) {
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
}

// Encrypt returns the base64 ciphertext of msg, ready for <Encrypt>.
func (c *Crypter) Encrypt(msg []byte) string {
	n := 20 + len(msg) + len(c.receiveID)
	pad := padBlock - n%padBlock
	buf := make([]byte, n+pad)
	c.random(buf[:16])
	binary.BigEndian.PutUint32(buf[16:20], uint32(len(msg)))
	copy(buf[20:], msg)
	copy(buf[20+len(msg):], c.receiveID)
	for i := n; i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(c.block, c.iv).CryptBlocks(buf, buf)
	return base64.StdEncoding.EncodeToString(buf)
}

// Decrypt returns the message inside a base64 ciphertext. It checks
// everything and never panics: base64, whole AES blocks, every PKCS#7 pad
// byte (1..32), the msg_len field and the receive id.
func (c *Crypter) Decrypt(encrypted string) ([]byte, error) {
	msg, id, err := c.decryptAnyID(encrypted)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(id), []byte(c.receiveID)) != 1 {
		return nil, ErrReceiveID
	}
	return msg, nil
}

func (c *Crypter) decryptAnyID(encrypted string) (msg []byte, receiveID string, err error) {
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(encrypted)))
	n, err := base64.StdEncoding.Decode(raw, []byte(encrypted))
	if err != nil {
		return nil, "", ErrBadBase64
	}
	raw = raw[:n]
	if len(raw) == 0 || len(raw)%aes.BlockSize != 0 {
		return nil, "", fmt.Errorf("%w: %d bytes", ErrBadBlockSize, len(raw))
	}
	cipher.NewCBCDecrypter(c.block, c.iv).CryptBlocks(raw, raw)
	pad := int(raw[len(raw)-1])
	if pad < 1 || pad > padBlock || pad > len(raw) {
		return nil, "", fmt.Errorf("%w: pad byte %d", ErrBadPadding, pad)
	}
	bad := 0
	for _, b := range raw[len(raw)-pad:] {
		bad |= int(b) ^ pad
	}
	if bad != 0 {
		return nil, "", fmt.Errorf("%w: pad bytes differ", ErrBadPadding)
	}
	body := raw[:len(raw)-pad]
	if len(body) < 20 {
		return nil, "", ErrShort
	}
	l := binary.BigEndian.Uint32(body[16:20])
	if uint64(l) > uint64(len(body)-20) {
		return nil, "", fmt.Errorf("%w: msg_len %d, %d bytes left", ErrBadLength, l, len(body)-20)
	}
	end := 20 + int(l)
	return body[20:end], string(body[end:]), nil
}
