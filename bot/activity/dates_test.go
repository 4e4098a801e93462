package activity

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	loc := parseZone(t)
	tests := []struct {
		name string
		now  string
		text string
		want string // "" when no date is found
	}{
		{"today", sat20240316, "今天在李家村宣传", "2024-03-16"},
		{"this morning", sat20240316, "今早走访", "2024-03-16"},
		{"yesterday", sat20240316, "昨天开展宣传", "2024-03-15"},
		{"last night", sat20240316, "昨晚召开院坝会", "2024-03-15"},
		{"day before", sat20240316, "前天调解纠纷", "2024-03-14"},
		{"three days back", sat20240316, "大前天调解纠纷", "2024-03-13"},
		{"weekday today counts", sat20240316, "周六在村里宣传", "2024-03-16"},
		{"weekday before today", sat20240316, "周四开展宣传", "2024-03-14"},
		{"weekday last week when later than today", thu20240627, "星期五开展宣传", "2024-06-21"},
		{"sunday as 天", mon20250512, "礼拜天开展宣传", "2025-05-11"},
		{"this week", sat20240316, "本周三开展宣传", "2024-03-13"},
		{"this week 这周", sat20240316, "这周一开展宣传", "2024-03-11"},
		{"this week future reads last week", mon20250512, "本周五开展宣传", "2025-05-09"},
		{"last week", sat20240316, "上周五开展宣传", "2024-03-08"},
		{"last weekend", mon20250512, "上周末组织旁听庭审", "2025-05-10"},
		{"weekend", thu20240627, "周末在村里宣传", "2024-06-22"},
		{"last week 上个星期", sat20240316, "上个星期一开展宣传", "2024-03-04"},
		{"last week from monday", mon20250512, "上周日开展宣传", "2025-05-11"},
		{"month day", sat20240316, "3月15日开展宣传", "2024-03-15"},
		{"month day 号", sat20240316, "3月15号开展宣传", "2024-03-15"},
		{"chinese month day", sat20240316, "三月十五日开展宣传", "2024-03-15"},
		{"chinese twelfth month", thu20241205, "十二月二日开展宣传", "2024-12-02"},
		{"future month day is last year", sat20240316, "12月4日开展宪法宣传", "2023-12-04"},
		{"full date", sat20240316, "2024年3月8日开展宣传", "2024-03-08"},
		{"full date future stays", sat20240316, "2024年5月8日开展宣传", "2024-05-08"},
		{"dotted full date", sat20240316, "2024.3.8开展宣传", "2024-03-08"},
		{"iso date", sat20240316, "2024-03-08开展宣传", "2024-03-08"},
		{"slash full date", sat20240316, "2024/3/8开展宣传", "2024-03-08"},
		{"dotted month day", sat20240316, "3.15开展宣传", "2024-03-15"},
		{"slash month day", sat20240316, "3/15开展宣传", "2024-03-15"},
		{"dotted future is last year", sat20240316, "12.4宪法日宣传", "2023-12-04"},
		{"range start", thu20241205, "12月2日至4日开展宣传周活动", "2024-12-02"},
		{"range with dash", thu20241205, "12月2日-4日开展宣传", "2024-12-02"},
		{"last month day", mon20250512, "上个月20号开展宣传", "2025-04-20"},
		{"last month in january", fri20250103, "上月28日开展宣传", "2024-12-28"},
		{"this month day", mon20250512, "本月3日开展宣传", "2025-05-03"},
		{"day alone", mon20250512, "8号在村里宣传", "2025-05-08"},
		{"day alone later than today", mon20250512, "20号在村里宣传", "2025-04-20"},
		{"first date wins", mon20250512, "5月7日开展宣传，今天补报", "2025-05-07"},
		{"impossible date", sat20240316, "2月30日开展宣传", ""},
		{"decimal is no date", sat20240316, "赔偿2.6万元", ""},
		{"month only", sat20240316, "3月份开展宣传", ""},
		{"clock time", sat20240316, "上午10:30开展宣传", ""},
		{"house number", sat20240316, "在5号楼开展宣传", ""},
		{"no date", sat20240316, "开展宣传", ""},
		{"count after month", sat20240316, "3月15人参加", ""},
		{"publicity day that day", thu20241205, "国家宪法日当天在红星村开展宪法宣传", "2024-12-04"},
		{"publicity day opening", thu20240627, "国际禁毒日，在镇中学开展禁毒宣传", "2024-06-26"},
		{"publicity day last year", sat20240316, "宪法日当天开展宣传", "2023-12-04"},
		{"before a holiday is no date", thu20241205, "国庆节前在红星村开展宣传", ""},
		{"written date beats publicity day", thu20241205, "国家宪法日当天，也就是12月3日补报", "2024-12-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseDate(tc.text, parseTime(t, tc.now), loc)
			gotS := ""
			if ok {
				gotS = got.Format("2006-01-02")
			}
			if gotS != tc.want {
				t.Errorf("ParseDate(%q) = %q, want %q", tc.text, gotS, tc.want)
			}
			if ok && got.Location() != loc {
				t.Errorf("ParseDate(%q) location = %v, want %v", tc.text, got.Location(), loc)
			}
		})
	}
}

func TestInvalidDate(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		want       BadDate // zero: no invalid date
	}{
		{"November 31", "11月31日在村委会开展宣传", BadDate{"11月31日", 11, 30}},
		{"February 30 with 号", "2月30号调解纠纷", BadDate{"2月30号", 2, 28}},
		{"February 29 in a common year", "2月29日开展宣传", BadDate{"2月29日", 2, 28}},
		{"with its year", "2025年2月29日开展宣传", BadDate{"2025年2月29日", 2, 28}},
		{"Chinese numerals", "十一月三十一日开展宣传", BadDate{"十一月三十一日", 11, 30}},
		{"day 32 with 日", "3月32日开展宣传", BadDate{"3月32日", 3, 31}},
		{"leap day with its year", "2024年2月29日开展宣传", BadDate{}},
		{"real date", "11月30日开展宣传", BadDate{}},
		{"no date", "开展宣传，参加群众80人", BadDate{}},
		{"month and a count", "3月份发放资料40份", BadDate{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := InvalidDate(tt.text, now, time.UTC)
			if ok != (tt.want != BadDate{}) || got != tt.want {
				t.Fatalf("InvalidDate = %+v, %v; want %+v", got, ok, tt.want)
			}
		})
	}
}
