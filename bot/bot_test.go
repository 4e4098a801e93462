package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pufabot/pufabot/bot/storage"
)

type fakeAnswerer struct {
	answer func(q Question) (string, error)
	got    []Question
}

var _ Answerer = (*fakeAnswerer)(nil)

func (f *fakeAnswerer) AnswerText(ctx context.Context, q Question) (string, error) {
	f.got = append(f.got, q)
	return f.answer(q)
}

type fakeRoute struct {
	name string
	take func(p Person, m Message) (Reply, bool, error)
}

var _ Route = fakeRoute{}

func (f fakeRoute) Name() string { return f.name }
func (f fakeRoute) Take(ctx context.Context, p Person, m Message) (Reply, bool, error) {
	return f.take(p, m)
}

type fakeDirectory map[string]Person

func (d fakeDirectory) Lookup(ctx context.Context, ch Channel, id string) (Person, bool, error) {
	p, ok := d[id]
	return p, ok, nil
}

func newTestBot(t *testing.T, deps Deps) *Bot {
	t.Helper()
	store, err := NewSQLStore(context.Background(), storage.MustOpenTemp(t))
	if err != nil {
		t.Fatal(err)
	}
	deps.Store = store
	b, err := New(Config{}, deps)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func text(user, s string) Message {
	return Message{Channel: ChannelWeChat, UserID: user, Kind: KindText, Text: s, At: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
}

func TestHelpDependsOnRole(t *testing.T) {
	b := newTestBot(t, Deps{
		Admins:    []string{"admin1"},
		Directory: fakeDirectory{"cadre1": {Role: RoleCadre, Name: "张三", Village: "李家庄村"}},
	})
	tests := []struct {
		user, input string
		want        string
		notWant     string
	}{
		{"res1", "帮助", "解答日常法律问题", "记台账"},
		{"res1", " 菜单。", "解答日常法律问题", "记台账"},
		{"res1", "?", "解答日常法律问题", ""},
		{"res1", "？", "解答日常法律问题", ""},
		{"cadre1", "帮助", "记台账", "邀请"},
		{"admin1", "帮助", "邀请", ""},
	}
	for _, tt := range tests {
		t.Run(tt.user+" "+tt.input, func(t *testing.T) {
			r := b.Handle(context.Background(), text(tt.user, tt.input))
			if r.Route != "help" {
				t.Fatalf("route = %q, want help", r.Route)
			}
			if !strings.Contains(r.Text, tt.want) {
				t.Errorf("help for %s lacks %q:\n%s", tt.user, tt.want, r.Text)
			}
			if tt.notWant != "" && strings.Contains(r.Text, tt.notWant) {
				t.Errorf("help for %s should not mention %q", tt.user, tt.notWant)
			}
		})
	}
}

func TestQuestionGoesToAnswerer(t *testing.T) {
	ans := &fakeAnswerer{answer: func(q Question) (string, error) { return "答：" + q.Text, nil }}
	b := newTestBot(t, Deps{Answerer: ans})
	r := b.Handle(context.Background(), text("u1", "欠钱不还怎么办"))
	if r.Text != "答：欠钱不还怎么办" || r.Route != "question" {
		t.Fatalf("reply = %+v", r)
	}
	if len(ans.got) != 1 || ans.got[0].UserID != "u1" || ans.got[0].Channel != ChannelWeChat {
		t.Fatalf("answerer got %+v", ans.got)
	}
}

func TestNoAnswererSaysSoPlainly(t *testing.T) {
	b := newTestBot(t, Deps{})
	r := b.Handle(context.Background(), text("u1", "欠钱不还怎么办"))
	if !strings.Contains(r.Text, "12348") {
		t.Fatalf("reply without a knowledge base should refer to 12348: %q", r.Text)
	}
}

func TestAnswererErrorGivesApologyNotError(t *testing.T) {
	ans := &fakeAnswerer{answer: func(q Question) (string, error) { return "", errors.New("db: disk I/O error at 0x42") }}
	b := newTestBot(t, Deps{Answerer: ans})
	r := b.Handle(context.Background(), text("u1", "问题"))
	if strings.Contains(r.Text, "disk") || !strings.Contains(r.Text, "抱歉") {
		t.Fatalf("user saw %q", r.Text)
	}
}

func TestRoutesRunBeforeAnswererInOrder(t *testing.T) {
	ans := &fakeAnswerer{answer: func(q Question) (string, error) { return "answer", nil }}
	var seen []string
	b := newTestBot(t, Deps{
		Answerer:  ans,
		Directory: fakeDirectory{"c": {Role: RoleCadre}},
		Routes: []Route{
			fakeRoute{"first", func(p Person, m Message) (Reply, bool, error) {
				seen = append(seen, "first:"+string(p.Role))
				return Reply{}, false, nil
			}},
			fakeRoute{"ledger", func(p Person, m Message) (Reply, bool, error) {
				seen = append(seen, "ledger")
				return Reply{Text: "已记录"}, strings.Contains(m.Text, "开展"), nil
			}},
		},
	})
	r := b.Handle(context.Background(), text("c", "今天开展宣传"))
	if r.Text != "已记录" || r.Route != "ledger" {
		t.Fatalf("reply = %+v", r)
	}
	r = b.Handle(context.Background(), text("c", "欠钱不还"))
	if r.Text != "answer" {
		t.Fatalf("reply = %+v", r)
	}
	want := "first:cadre ledger first:cadre ledger"
	if got := strings.Join(seen, " "); got != want {
		t.Fatalf("routes ran %q, want %q", got, want)
	}
}

func TestEvents(t *testing.T) {
	b := newTestBot(t, Deps{})
	sub := Message{Channel: ChannelWeChat, UserID: "u", Kind: KindEvent, Event: EventSubscribe}
	if r := b.Handle(context.Background(), sub); r.Route != "welcome" || !strings.Contains(r.Text, "欢迎") {
		t.Fatalf("subscribe → %+v", r)
	}
	unsub := Message{Channel: ChannelWeChat, UserID: "u", Kind: KindEvent, Event: EventUnsubscribe}
	if r := b.Handle(context.Background(), unsub); r.Text != "" {
		t.Fatalf("unsubscribe should need no reply, got %q", r.Text)
	}

	store, _ := NewSQLStore(context.Background(), storage.MustOpenTemp(t))
	custom, _ := New(Config{Welcome: "欢迎来到某某镇普法号"}, Deps{Store: store})
	if r := custom.Handle(context.Background(), sub); r.Text != "欢迎来到某某镇普法号" {
		t.Fatalf("configured welcome not used: %q", r.Text)
	}
}

func TestLongReplyIsSplitAndMoreServesTheRest(t *testing.T) {
	var long strings.Builder
	for i := 0; long.Len() < 5000; i++ {
		long.WriteString("这是一句很长的解释，讲的是法律上的道理。")
	}
	full := long.String()
	ans := &fakeAnswerer{answer: func(q Question) (string, error) { return full, nil }}
	b := newTestBot(t, Deps{Answerer: ans})
	ctx := context.Background()

	var parts []string
	r := b.Handle(ctx, text("u", "问题"))
	for i := 0; ; i++ {
		if len(r.Text) > MaxReplyBytes {
			t.Fatalf("part %d is %d bytes, over the limit", i, len(r.Text))
		}
		if !utf8.ValidString(r.Text) {
			t.Fatalf("part %d is not valid UTF-8", i)
		}
		if !strings.Contains(r.Text, "更多") {
			parts = append(parts, r.Text)
			break
		}
		body := strings.TrimSuffix(r.Text, textMoreHint)
		if !strings.HasSuffix(body, "。") {
			t.Fatalf("part %d not cut at a sentence end: ...%q", i, body[len(body)-20:])
		}
		parts = append(parts, body)
		r = b.Handle(ctx, text("u", "更多"))
		if i > 10 {
			t.Fatal("更多 never ends")
		}
	}
	if got := strings.Join(parts, ""); got != full {
		t.Fatalf("parts joined differ from the answer (%d vs %d bytes)", len(got), len(full))
	}
	if r := b.Handle(ctx, text("u", "更多")); r.Text != textNoMore {
		t.Fatalf("after the end 更多 → %q", r.Text)
	}
}

func TestSplitReply(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		limit int
	}{
		{"short", "你好。", 100},
		{"no punctuation", strings.Repeat("字", 1000), 2048},
		{"commas only", strings.Repeat("一句话，", 600), 2048},
		{"ascii", strings.Repeat("a", 5000), 2048},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, rest := SplitReply(tt.text, tt.limit)
			if len(first) > tt.limit {
				t.Fatalf("first part %d bytes > %d", len(first), tt.limit)
			}
			if !utf8.ValidString(first) || !utf8.ValidString(rest) {
				t.Fatal("split inside a character")
			}
			if rest == "" && first != tt.text {
				t.Fatalf("text fits but changed: %q", first)
			}
			if rest != "" && strings.TrimSuffix(first, textMoreHint)+rest != tt.text {
				t.Fatal("split lost or added text")
			}
		})
	}
}

func TestUserHashIsStableAndOpaque(t *testing.T) {
	a, b := UserHash(ChannelWeChat, "oABC"), UserHash(ChannelWeChat, "oABC")
	if a != b || len(a) != 12 || strings.Contains(a, "oABC") {
		t.Fatalf("hash %q / %q", a, b)
	}
	if UserHash(ChannelWeCom, "oABC") == a {
		t.Fatal("channels share a hash")
	}
}

// TestVoiceWithoutRecognitionAsksAgain: a voice message WeChat could not
// turn into text is asked again, not greeted.
func TestVoiceWithoutRecognitionAsksAgain(t *testing.T) {
	ans := &fakeAnswerer{answer: func(q Question) (string, error) { return "答", nil }}
	b := newTestBot(t, Deps{Answerer: ans})
	m := text("u1", "")
	m.Kind = KindVoice
	if r := b.Handle(context.Background(), m); r.Text != textVoiceUnheard {
		t.Errorf("voice without text: %q, want %q", r.Text, textVoiceUnheard)
	}
	if r := b.Handle(context.Background(), text("u1", "")); r.Text != textEmpty {
		t.Errorf("empty text: %q, want %q", r.Text, textEmpty)
	}
	if len(ans.got) != 0 {
		t.Errorf("the answerer got %+v", ans.got)
	}
}
