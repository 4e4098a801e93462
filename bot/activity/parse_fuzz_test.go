package activity

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse checks that no text makes the parser panic or return an
// impossible record. Seeds: the table cases here and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, tc := range reportCases {
		f.Add(tc.text, int64(1710585000))
	}
	f.Add("", int64(0))
	f.Add("调解纠纷一起，成功三起", int64(1710585000))
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		f.Fatalf("load zone: %v", err)
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		if unix < 0 || unix > 4102444800 { // keep to 1970–2100
			unix %= 4102444800
			if unix < 0 {
				unix = -unix
			}
		}
		now := time.Unix(unix, 0)
		got, found := ParseDetailed(text, now, loc)
		if got.Note != text {
			t.Fatalf("Note = %q, want the input", got.Note)
		}
		if got.Topics == nil {
			t.Fatalf("Topics is nil")
		}
		if _, err := time.Parse(time.DateOnly, got.Date); err != nil {
			t.Fatalf("Date %q: %v", got.Date, err)
		}
		if d, _ := time.ParseInLocation(time.DateOnly, got.Date, loc); !found.Date && got.Date != now.In(loc).Format(time.DateOnly) {
			t.Fatalf("no date found but Date = %v, want the message day", d)
		}
		if !slices.Contains(Types, got.Type) {
			t.Fatalf("Type %q is not one of %v", got.Type, Types)
		}
		for name, n := range map[string]int{"participants": got.Participants, "materials": got.Materials,
			"consultations": got.Consultations, "households": got.Households, "mediations": got.Mediations,
			"mediations_resolved": got.MediationsResolved} {
			if n < 0 {
				t.Fatalf("%s = %d < 0", name, n)
			}
		}
		if got.MediationsResolved > got.Mediations {
			t.Fatalf("resolved %d > mediations %d", got.MediationsResolved, got.Mediations)
		}
		if got.Place != "" && got.Place != "集市" && !utf8.ValidString(got.Place) {
			t.Fatalf("Place %q is not valid text", got.Place)
		}
		if got.Place != "" && got.Place != "集市" && !strings.Contains(normalizeText(text), strings.TrimSuffix(got.Place, "村")) {
			t.Fatalf("Place %q is not in the text", got.Place)
		}
	})
}

// BenchmarkParse measures one typical report; the bot parses every
// cadre's message, so this must stay far below a millisecond.
func BenchmarkParse(b *testing.B) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatalf("load zone: %v", err)
	}
	now := time.Date(2024, 3, 16, 18, 30, 0, 0, loc)
	text := "3月15日在李家庄村文化广场开展消费者权益保护法宣传，参加群众120人，发放资料300份，解答咨询15人次"
	for b.Loop() {
		Parse(text, now, loc)
	}
}

// BenchmarkParseLong is a 2 KB message (the most WeChat delivers) full of
// numbers, to keep the parser linear.
func BenchmarkParseLong(b *testing.B) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatalf("load zone: %v", err)
	}
	now := time.Date(2024, 3, 16, 18, 30, 0, 0, loc)
	text := strings.Repeat("调解纠纷3起成功2起在李家村发放资料1份法", 40)
	for b.Loop() {
		Parse(text, now, loc)
	}
}
