package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/wechat"
	"github.com/pufabot/pufabot/internal/sharedtest"
)

var owedMsgID atomic.Int64

// sayAs sends text to a running serve's /wechat (plain mode) from user and
// returns the passive reply's text.
func sayAs(t *testing.T, base, user, text string) string {
	t.Helper()
	return postWeChatText(t, base, user, text, 8100000000000000000+owedMsgID.Add(1))
}

// postWeChatText sends one plain-mode text message from user to a running
// serve's /wechat and returns the passive reply's text.
func postWeChatText(t *testing.T, base, user, text string, msgID int64) string {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	msg := "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[" + user + "]]></FromUserName><CreateTime>" + ts +
		"</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text + "]]></Content><MsgId>" +
		strconv.FormatInt(msgID, 10) + "</MsgId></xml>"
	q := url.Values{"signature": {wechat.Sign(serveToken, ts, "5")}, "timestamp": {ts}, "nonce": {"5"}, "openid": {user}}
	resp, err := http.Post(base+"/wechat?"+q.Encode(), "text/xml", strings.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var reply serveReply
	if resp.StatusCode != http.StatusOK || xml.Unmarshal(raw, &reply) != nil {
		t.Fatalf("reply to %q: status %d: %s", text, resp.StatusCode, raw)
	}
	return reply.Content
}

// TestStaffAnswerOutside48hComesWithNextMessage runs the whole loop against
// the fake WeChat API, which answers 45015 for the resident: the admin is
// told why in Chinese, and the resident's next message (to the running
// serve, the answer given by another process) brings the answer first.
func TestStaffAnswerOutside48hComesWithNextMessage(t *testing.T) {
	api := sharedtest.FakeWeChatAPI(t, "-inactive-users", "oOwed1")
	data := dataWithLaw(t)
	wx := fmt.Sprintf("[wechat]\ntoken = %q\nrate_limit = 0\napp_id = \"wxFAKEAPPID0000001\"\napp_secret = \"FAKE_APP_SECRET\"\n"+
		"customer_service = true\napi_base_url = %q\n", serveToken, api)
	base, _, _ := startServeIn(t, data, wx)

	const question, staff = "林权证丢了怎么补办", "带身份证到镇林业站申请补办。"
	if reply := sayAs(t, base, "oOwed1", question); !strings.Contains(reply, "12348") {
		t.Fatalf("want a referral first, got:\n%s", reply)
	}
	id := regexp.MustCompile(`(?m)^(\d+)\s.*林权证`).FindStringSubmatch(mustRun(t, "questions", "list", "--data-dir", data))
	if id == nil {
		t.Fatal("question not logged")
	}
	code, out, errOut := run(t, "", "questions", "answer", "--config", writeConfig(t, wx), "--data-dir", data, id[1], staff)
	if code != 0 || !strings.Contains(out, "居民超过48小时没有发消息") || !strings.Contains(out, "他下次发消息时会先收到这条答复") ||
		strings.Contains(out, "errcode") || strings.Contains(out, "push via") {
		t.Fatalf("answer: exit %d\n%s%s\nwant the plain 48 h explanation", code, out, errOut)
	}

	reply := sayAs(t, base, "oOwed1", "你好")
	if !strings.HasPrefix(reply, "您之前问的\""+question+"\"") || !strings.Contains(reply, staff) || !strings.Contains(reply, "【这条消息的回复】") {
		t.Fatalf("next message's reply:\n%s\nwant the staff answer first, then the reply to 你好", reply)
	}
	if again := sayAs(t, base, "oOwed1", "谢谢"); strings.Contains(again, staff) {
		t.Errorf("the answer came twice:\n%s", again)
	}
	var list struct{ Delivery string }
	out = mustRun(t, "questions", "list", "--json", "--data-dir", data)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, question) {
			json.Unmarshal([]byte(line), &list)
		}
	}
	if list.Delivery != "delivered" {
		t.Errorf("delivery = %q, want delivered:\n%s", list.Delivery, out)
	}

	resp, err := http.Get(api + "/_fake/calls?api=oa.custom_send")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var calls []map[string]any
	json.NewDecoder(resp.Body).Decode(&calls)
	if len(calls) != 1 {
		t.Errorf("custom_send calls = %d, want the one refused push", len(calls))
	}
}
