package chunk

import "testing"

func TestFormatArticle(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "第一条"}, {10, "第十条"}, {11, "第十一条"}, {20, "第二十条"}, {100, "第一百条"},
		{101, "第一百零一条"}, {110, "第一百一十条"}, {119, "第一百一十九条"}, {1000, "第一千条"},
		{1001, "第一千零一条"}, {1010, "第一千零一十条"}, {1079, "第一千零七十九条"},
		{1260, "第一千二百六十条"}, {10010, "第一万零一十条"},
	}
	for _, tt := range tests {
		if got := FormatArticle(tt.n); got != tt.want {
			t.Errorf("FormatArticle(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestParseArticleNumber(t *testing.T) {
	tests := []struct {
		in  string
		num int
		sub int
		ok  bool
	}{
		{"第一千零七十九条", 1079, 0, true},
		{"第1079条", 1079, 0, true},
		{"第１０７９条", 1079, 0, true},
		{"一千零七十九", 1079, 0, true},
		{"第十条", 10, 0, true},
		{"第十条之一", 10, 1, true},
		{"第一百二十条之二", 120, 2, true},
		{"第两百条", 200, 0, true},
		{"第〇条", 0, 0, false},
		{"第条", 0, 0, false},
		{"第十条规定", 0, 0, false},
		{"第A条", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		num, sub, ok := ParseArticle(tt.in)
		if num != tt.num || sub != tt.sub || ok != tt.ok {
			t.Errorf("ParseArticle(%q) = %d, %d, %v; want %d, %d, %v", tt.in, num, sub, ok, tt.num, tt.sub, tt.ok)
		}
		if n, ok := ParseArticleNumber(tt.in); n != tt.num || ok != tt.ok {
			t.Errorf("ParseArticleNumber(%q) = %d, %v", tt.in, n, ok)
		}
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	for n := 1; n <= 3000; n++ {
		got, ok := ParseArticleNumber(FormatArticle(n))
		if !ok || got != n {
			t.Fatalf("round trip %d: %s → %d, %v", n, FormatArticle(n), got, ok)
		}
	}
}
