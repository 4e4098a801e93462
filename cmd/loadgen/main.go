// Command loadgen sends signed (and, in compat / safe mode, encrypted) text
// messages to a pufabot WeChat callback on the loopback interface, from many
// distinct users at once, and reports throughput and latency percentiles.
// It is bounded in message count and time and refuses any host but
// 127.0.0.1 / localhost / ::1.
//
//	go run ./cmd/loadgen -url http://127.0.0.1:8080/wechat -token T \
//	    -aeskey KEY -appid APPID -n 30000 -c 64 -users 10000
//	go run ./cmd/loadgen ... -texts messages.txt   # one message per line, sent round-robin
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pufabot/pufabot/bot/wechat"
)

// Hard bounds, whatever the flags say.
const (
	maxMessages = 1_000_000
	maxDuration = 10 * time.Minute
	maxConc     = 1024
)

type options struct {
	url, token, aesKey, appID, mode, textsFile string
	userPrefix                                 string
	n, conc, users                             int
	duration, timeout                          time.Duration
	check                                      bool
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "http://127.0.0.1:8080/wechat", "callback URL (loopback only)")
	flag.StringVar(&o.token, "token", os.Getenv("WXCLIENT_TOKEN"), "the [wechat] token")
	flag.StringVar(&o.aesKey, "aeskey", os.Getenv("WXCLIENT_AESKEY"), "EncodingAESKey (compat / safe mode)")
	flag.StringVar(&o.appID, "appid", os.Getenv("WXCLIENT_APPID"), "AppID (compat / safe mode)")
	flag.StringVar(&o.mode, "mode", "", "plain, compat or safe (default: safe with -aeskey, else plain)")
	flag.StringVar(&o.textsFile, "texts", "", "file of messages, one per line (default: 帮助)")
	flag.IntVar(&o.n, "n", 20000, fmt.Sprintf("messages to send (at most %d)", maxMessages))
	flag.IntVar(&o.conc, "c", 64, "concurrent senders (open connections)")
	flag.IntVar(&o.users, "users", 10000, "distinct senders (OpenIDs)")
	flag.StringVar(&o.userPrefix, "user-prefix", "", "fixed OpenID prefix: users are PREFIX000000 … (default: random per run); with -texts of K lines and -users a multiple of K, user u always sends line u%K")
	flag.DurationVar(&o.duration, "duration", time.Minute, fmt.Sprintf("stop after this long (at most %s)", maxDuration))
	flag.DurationVar(&o.timeout, "timeout", 5*time.Second, "per-request timeout (WeChat's is 5s)")
	flag.BoolVar(&o.check, "check", true, "decrypt and verify every reply")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, out io.Writer) error {
	u, err := url.Parse(o.url)
	if err != nil || u.Scheme != "http" {
		return fmt.Errorf("-url must be an http:// URL")
	}
	switch u.Hostname() {
	case "127.0.0.1", "localhost", "::1":
	default:
		return fmt.Errorf("-url host %q: loadgen only targets the loopback interface", u.Hostname())
	}
	if o.token == "" {
		return errors.New("-token is required")
	}
	if o.mode == "" {
		o.mode = "plain"
		if o.aesKey != "" {
			o.mode = "safe"
		}
	}
	var c *wechat.Crypter
	if o.mode != "plain" {
		if c, err = wechat.NewCrypter(o.aesKey, o.appID); err != nil {
			return fmt.Errorf("-aeskey: %w", err)
		}
	}
	o.n = min(max(o.n, 1), maxMessages)
	o.conc = min(max(o.conc, 1), maxConc)
	o.users = max(o.users, 1)
	o.duration = min(max(o.duration, time.Second), maxDuration)
	texts := []string{"帮助"}
	if o.textsFile != "" {
		if texts, err = readTexts(o.textsFile); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()

	client := &http.Client{Transport: &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
		MaxIdleConns:        o.conc,
		MaxIdleConnsPerHost: o.conc,
	}}
	var b [8]byte
	rand.Read(b[:])
	base := binary.BigEndian.Uint64(b[:])%4_000_000_000_000_000_000 + 1_000_000_000_000_000_000
	run := strconv.FormatUint(base%1_000_000, 10)

	var next atomic.Int64
	var okN, failN atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, o.conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < o.conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(o.n) {
					return
				}
				user := fmt.Sprintf("oLOAD%s%018d", run, i%int64(o.users))
				if o.userPrefix != "" {
					user = fmt.Sprintf("%s%06d", o.userPrefix, i%int64(o.users))
				}
				msgID := strconv.FormatUint(base+uint64(i), 10)
				text := texts[i%int64(len(texts))]
				t0 := time.Now()
				err := send(ctx, client, o, c, user, msgID, text)
				d := time.Since(t0)
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					failN.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				okN.Add(1)
				lat[w] = append(lat[w], d)
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	fmt.Fprintf(out, "loadgen: %s mode=%s concurrency=%d users=%d texts=%d\n", o.url, o.mode, o.conc, o.users, len(texts))
	fmt.Fprintf(out, "sent %d ok, %d failed in %s: %.0f msg/s\n", okN.Load(), failN.Load(), elapsed.Round(time.Millisecond),
		float64(okN.Load())/elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n", pct(0.50).Round(time.Microsecond),
		pct(0.90).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	if e := firstErr.Load(); e != nil {
		fmt.Fprintf(out, "first error: %s\n", e)
		return errors.New("some messages failed")
	}
	return nil
}

func readTexts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("-texts: %w", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" {
			texts = append(texts, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("-texts: %w", err)
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("-texts %s: no messages", path)
	}
	return texts, nil
}

func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// send posts one message as WeChat would and checks the reply.
func send(ctx context.Context, client *http.Client, o options, c *wechat.Crypter, user, msgID, text string) error {
	now := time.Now()
	ts := strconv.FormatInt(now.Unix(), 10)
	nonce := strconv.FormatInt(now.UnixNano()%1_000_000_000, 10)
	plain := "<xml><ToUserName><![CDATA[gh_loadgen]]></ToUserName><FromUserName>" + cdata(user) +
		"</FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>" + cdata(text) +
		"</Content><MsgId>" + msgID + "</MsgId></xml>"
	q := url.Values{"signature": {wechat.Sign(o.token, ts, nonce)}, "timestamp": {ts}, "nonce": {nonce}, "openid": {user}}
	body := plain
	if c != nil {
		enc := c.Encrypt([]byte(plain))
		q.Set("encrypt_type", "aes")
		q.Set("msg_signature", wechat.Sign(o.token, ts, nonce, enc))
		if o.mode == "compat" {
			body = strings.TrimSuffix(plain, "</xml>") + "<Encrypt>" + cdata(enc) + "</Encrypt></xml>"
		} else {
			body = "<xml><ToUserName><![CDATA[gh_loadgen]]></ToUserName><Encrypt>" + cdata(enc) + "</Encrypt></xml>"
		}
	}
	rctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, o.url+"?"+q.Encode(), strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "text/xml")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.80s", resp.StatusCode, raw)
	}
	if !o.check {
		return nil
	}
	return checkReply(o, c, user, raw)
}

type reply struct {
	Encrypt, MsgSignature, TimeStamp, Nonce string
	ToUserName, MsgType, Content            string
}

func checkReply(o options, c *wechat.Crypter, user string, raw []byte) error {
	if string(raw) == "success" || len(raw) == 0 {
		return nil
	}
	var r reply
	if err := xml.Unmarshal(raw, &r); err != nil {
		return fmt.Errorf("reply is not XML: %.80s", raw)
	}
	if r.Encrypt != "" {
		if c == nil {
			return errors.New("encrypted reply in plain mode")
		}
		if wechat.Sign(o.token, r.TimeStamp, r.Nonce, r.Encrypt) != r.MsgSignature {
			return errors.New("reply MsgSignature does not verify")
		}
		plain, err := c.Decrypt(r.Encrypt)
		if err != nil {
			return fmt.Errorf("decrypt reply: %w", err)
		}
		r = reply{}
		if err := xml.Unmarshal(plain, &r); err != nil {
			return fmt.Errorf("decrypted reply is not XML: %.80s", plain)
		}
	} else if o.mode == "safe" {
		return errors.New("plaintext reply in safe mode")
	}
	if r.ToUserName != user || r.MsgType != "text" || r.Content == "" || len(r.Content) > 2048 || bytes.Contains([]byte(r.Content), []byte("\x00")) {
		return fmt.Errorf("bad reply to %s: %+v", user, r)
	}
	return nil
}
