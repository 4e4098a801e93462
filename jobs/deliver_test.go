package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// apiCall is one call a fake client received.
type apiCall struct{ method, to, arg string }

// fakeClient stands in for either bot/wechat client.
type fakeClient struct {
	calls []apiCall
	code  int // errcode every send fails with; 0 = success
}

var (
	_ WeChatAPI = (*fakeClient)(nil)
	_ WeComAPI  = (*fakeClient)(nil)
	_ ImageAPI  = (*fakeClient)(nil)
)

type codedErr struct{ code int }

func (e *codedErr) Error() string { return fmt.Sprintf("errcode %d", e.code) }

func (f *fakeClient) fail() error {
	if f.code != 0 {
		return &codedErr{f.code}
	}
	return nil
}

func (f *fakeClient) SendText(ctx context.Context, to, text string) error {
	f.calls = append(f.calls, apiCall{"text", to, text})
	return f.fail()
}

func (f *fakeClient) SendTemplate(ctx context.Context, to, tid, url string, data map[string]string) error {
	f.calls = append(f.calls, apiCall{"template", to, tid + "|" + data["title"] + "|" + data["content"]})
	return f.fail()
}

func (f *fakeClient) UploadMedia(ctx context.Context, kind, name string, data []byte) (string, error) {
	f.calls = append(f.calls, apiCall{"upload", "", kind})
	return fmt.Sprintf("MEDIA%d", len(f.calls)), nil
}

func (f *fakeClient) SendImage(ctx context.Context, to, mediaID string) error {
	f.calls = append(f.calls, apiCall{"image", to, mediaID})
	return f.fail()
}

func TestRouterPicksChannel(t *testing.T) {
	oaUser := Person{Channel: ChannelWeChat, UserID: "oX"}
	wcUser := Person{Channel: ChannelWeCom, UserID: "zhangsan"}
	tests := []struct {
		name       string
		to         Person
		template   string
		noWeCom    bool
		wantClient string // "oa" or "wc"
		wantCall   apiCall
		wantErr    bool
	}{
		{"WeCom user gets an app message", wcUser, "TPL", false, "wc", apiCall{"text", "zhangsan", "正文"}, false},
		{"follower gets a template when configured", oaUser, "TPL", false, "oa", apiCall{"template", "oX", "TPL|标题|正文"}, false},
		{"follower gets customer service otherwise", oaUser, "", false, "oa", apiCall{"text", "oX", "正文"}, false},
		{"WeCom user without WeCom configured", wcUser, "", true, "", apiCall{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oa, wc := &fakeClient{}, &fakeClient{}
			r := &Router{WeChat: oa, WeCom: wc, TemplateID: tt.template}
			if tt.noWeCom {
				r.WeCom = nil
			}
			err := r.Send(context.Background(), tt.to, Message{Title: "标题", Text: "正文"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Send = %v, want error %v", err, tt.wantErr)
			}
			calls := map[string][]apiCall{"oa": oa.calls, "wc": wc.calls}
			for name, cs := range calls {
				if name == tt.wantClient {
					if len(cs) != 1 || cs[0] != tt.wantCall {
						t.Errorf("%s calls = %+v, want [%+v]", name, cs, tt.wantCall)
					}
				} else if len(cs) != 0 {
					t.Errorf("%s called: %+v", name, cs)
				}
			}
		})
	}
}

func TestRouterErrCodeAndImages(t *testing.T) {
	oa := &fakeClient{code: ErrCode45015}
	r := &Router{WeChat: oa, ErrCode: func(err error) int {
		var c *codedErr
		if errors.As(err, &c) {
			return c.code
		}
		return 0
	}}
	err := r.Send(context.Background(), Person{Channel: ChannelWeChat, UserID: "oX"}, Message{Text: "hi"})
	if errCode(err) != ErrCode45015 || !strings.Contains(err.Error(), "customer_service") {
		t.Errorf("err = %v (code %d), want a customer_service 45015", err, errCode(err))
	}
	oa.code = 0
	img := []byte("\x89PNG fake")
	for _, u := range []string{"oA", "oB"} {
		if err := r.Send(context.Background(), Person{Channel: ChannelWeChat, UserID: u}, Message{Image: img}); err != nil {
			t.Fatal(err)
		}
	}
	var uploads, images int
	for _, c := range oa.calls {
		switch c.method {
		case "upload":
			uploads++
		case "image":
			images++
		}
	}
	if uploads != 1 || images != 2 {
		t.Errorf("%d uploads, %d image sends, want 1 upload reused for 2 sends: %+v", uploads, images, oa.calls)
	}
}
