package jobs

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/wechat"
	"github.com/pufabot/pufabot/internal/sharedtest"
)

// fakeWeChat starts wxclient's fake WeChat/WeCom API and returns its base
// URL. args are extra fake-api flags.
func fakeWeChat(t *testing.T, args ...string) string {
	t.Helper()
	return sharedtest.FakeWeChatAPI(t, args...)
}

// fakeCall is the part of wxclient's call log the test reads.
type fakeCall struct {
	API      string         `json:"api"`
	Request  map[string]any `json:"request"`
	Response map[string]any `json:"response"`
}

func fakeCalls(t *testing.T, base, api string) []fakeCall {
	t.Helper()
	resp, err := http.Get(base + "/_fake/calls?api=" + api)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var calls []fakeCall
	if err := json.NewDecoder(resp.Body).Decode(&calls); err != nil {
		t.Fatal(err)
	}
	return calls
}

func (c fakeCall) to() string {
	return str(c.Request, "touser")
}

func (c fakeCall) code() float64 {
	f, _ := c.Response["errcode"].(float64)
	return f
}

func (c fakeCall) text() string {
	if t, ok := c.Request["text"].(map[string]any); ok {
		return str(t, "content")
	}
	if d, ok := c.Request["data"].(map[string]any); ok {
		if v, ok := d["content"].(map[string]any); ok {
			return str(v, "value")
		}
	}
	return ""
}

func str(m map[string]any, k string) string { s, _ := m[k].(string); return s }

func fakeRouter(base, templateID string) *Router {
	oa := wechat.DefaultConfig()
	oa.Enabled, oa.APIBaseURL, oa.AppID, oa.AppSecret = true, base, "wxFAKEAPPID0000001", "FAKE_APP_SECRET"
	wc := wechat.DefaultWeComConfig()
	wc.Enabled, wc.APIBaseURL, wc.CorpID, wc.Secret, wc.AgentID = true, base, "wwFAKECORPID00001", "FAKE_CORP_SECRET", 1000002
	return &Router{
		WeChat:     wechat.NewClient(oa, nil, nil),
		WeCom:      wechat.NewWeComClient(wc, nil, nil),
		TemplateID: templateID,
		ErrCode:    wechat.ErrorCode,
	}
}

// End to end through bot/wechat's client against the fake WeChat API: the
// reminder reaches the WeCom cadre as an app message, the Official Account
// cadre who has not written in 48 h gets 45015, which is recorded, not
// retried, and reported in Monday's digest to the admin; a restart sends
// nothing twice.
func TestDeliveryThroughFakeWeChatAPI(t *testing.T) {
	base := fakeWeChat(t, "-inactive-users", zhang.UserID)
	e := newEnv(t)
	e.kb = nil
	router := fakeRouter(base, "")
	service := func(owner string) *Service {
		s, err := New(context.Background(), DefaultConfig(), Deps{DB: e.db, People: e.people, Ledger: e.ledger,
			Questions: e.qs, Sender: router, Now: e.clock.Now, Owner: owner})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := service("a")
	e.run(s, JobPublicityCalendar, sh(2026, 3, 12, 8, 30))

	wecom := fakeCalls(t, base, "wecom.message_send")
	if len(wecom) != 1 || wecom[0].to() != li.UserID || wecom[0].code() != 0 {
		t.Fatalf("WeCom app messages = %+v, want one delivered to lisi", wecom)
	}
	content, _ := wecom[0].Request["text"].(map[string]any)
	if !strings.Contains(str(content, "content"), "3月15日") {
		t.Errorf("WeCom reminder text = %q, want it to name 3月15日", str(content, "content"))
	}
	cs := fakeCalls(t, base, "oa.custom_send")
	if len(cs) != 1 || cs[0].to() != zhang.UserID || cs[0].code() != ErrCode45015 {
		t.Fatalf("customer-service sends = %+v, want one to 张三 answered 45015", cs)
	}

	// A restart the same morning sends nothing again.
	e.run(service("b"), JobPublicityCalendar, sh(2026, 3, 12, 9, 0))
	if n := len(fakeCalls(t, base, "oa.custom_send")) + len(fakeCalls(t, base, "wecom.message_send")); n != 2 {
		t.Errorf("after a restart: %d send calls in all, want still 2", n)
	}

	e.run(s, JobWeeklyDigest, sh(2026, 3, 16, 8, 0))
	cs = fakeCalls(t, base, "oa.custom_send")
	if len(cs) != 2 || cs[1].to() != admin.UserID || cs[1].code() != 0 {
		t.Fatalf("customer-service sends = %+v, want the digest delivered to the admin", cs)
	}
	digest := cs[1].text()
	for _, want := range []string{"张三（李家庄村）", "45015", "3月9日—3月15日"} {
		if !strings.Contains(digest, want) {
			t.Errorf("digest lacks %q:\n%s", want, digest)
		}
	}
	if len(digest) > MaxMessageBytes {
		t.Errorf("digest is %d bytes, over %d", len(digest), MaxMessageBytes)
	}
}

// With a template id configured, Official Account followers get template
// messages, which reach them outside the 48-hour window.
func TestTemplateDeliveryThroughFakeWeChatAPI(t *testing.T) {
	base := fakeWeChat(t, "-inactive-users", zhang.UserID, "-template-ids", "TPL_REMINDER")
	e := newEnv(t)
	s, err := New(context.Background(), DefaultConfig(), Deps{DB: e.db, People: e.people,
		Sender: fakeRouter(base, "TPL_REMINDER"), Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e.run(s, JobPublicityCalendar, sh(2026, 3, 12, 8, 30))
	tpl := fakeCalls(t, base, "oa.template_send")
	if len(tpl) != 1 || tpl[0].to() != zhang.UserID || tpl[0].code() != 0 {
		t.Fatalf("template sends = %+v, want one delivered to 张三", tpl)
	}
	if !strings.Contains(tpl[0].text(), "3月15日") {
		t.Errorf("template content = %q", tpl[0].text())
	}
	if n := len(fakeCalls(t, base, "oa.custom_send")); n != 0 {
		t.Errorf("%d customer-service sends, want 0 with a template configured", n)
	}
	sends, _ := s.Sends(context.Background(), "")
	for _, x := range sends {
		if x.Status != statusSent {
			t.Errorf("send to %s: %s, want sent", x.Name, x.Status)
		}
	}
}

// The digest chart goes through the real clients: uploaded once per
// product (Official Account and WeCom media are separate), then sent as an
// image message to each admin after the text.
func TestDigestChartThroughFakeWeChatAPI(t *testing.T) {
	chartFontOrSkip(t)
	base := fakeWeChat(t)
	e := newEnv(t)
	wecomAdmin := Person{Channel: ChannelWeCom, UserID: "wangsuo", Name: "王所长", Role: RoleAdmin}
	e.people.list = []Person{zhang, admin, wecomAdmin}
	e.ledger.byFrom[sh(2026, 3, 9, 0, 0).Format(time.RFC3339)] = LedgerSummary{
		Activities: 3, ByType: []Count{{"普法宣传", 2}, {"矛盾调解", 1}}, Reporters: []string{zhang.Key()}}
	cfg := DefaultConfig()
	cfg.WeeklyDigest.Chart = true
	s, err := New(context.Background(), cfg, Deps{DB: e.db, People: e.people, Ledger: e.ledger,
		Sender: fakeRouter(base, ""), Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e.run(s, JobWeeklyDigest, sh(2026, 3, 16, 8, 0))

	uploads := fakeCalls(t, base, "media.upload")
	if len(uploads) != 2 {
		t.Fatalf("%d uploads, want 2 (one per product): %+v", len(uploads), uploads)
	}
	ids := map[string]bool{}
	for _, u := range uploads {
		ids[str(u.Response, "media_id")] = true
	}
	var oaImage, wcImage bool
	for _, c := range fakeCalls(t, base, "oa.custom_send") {
		if str(c.Request, "msgtype") == "image" && c.to() == admin.UserID && c.code() == 0 {
			m, _ := c.Request["image"].(map[string]any)
			oaImage = ids[str(m, "media_id")]
		}
	}
	for _, c := range fakeCalls(t, base, "wecom.message_send") {
		if str(c.Request, "msgtype") == "image" && c.to() == wecomAdmin.UserID && c.code() == 0 {
			m, _ := c.Request["image"].(map[string]any)
			wcImage = ids[str(m, "media_id")]
		}
	}
	if !oaImage || !wcImage {
		t.Errorf("chart image delivered: Official Account %v, WeCom %v; want both with an uploaded media id", oaImage, wcImage)
	}
	sends, _ := s.Sends(context.Background(), JobWeeklyDigest)
	if len(sends) != 4 {
		t.Errorf("%d recorded sends, want 4 (text and image to 2 admins): %+v", len(sends), sends)
	}
}
