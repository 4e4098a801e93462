package activity

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in     string
		want   int
		wantOK bool
	}{
		{"120", 120, true},
		{"1,200", 1200, true},
		{"１２０", 120, true},
		{"一百二十", 120, true},
		{"两百", 200, true},
		{"二百", 200, true},
		{"三千五", 3500, true},
		{"三千五百", 3500, true},
		{"一千二", 1200, true},
		{"一百二", 120, true},
		{"一千零五", 1005, true},
		{"一百零八", 108, true},
		{"十五", 15, true},
		{"十", 10, true},
		{"二十", 20, true},
		{"廿三", 23, true},
		{"1.2万", 12000, true},
		{"2.6万", 26000, true},
		{"一万二", 12000, true},
		{"三万五千", 35000, true},
		{"两万", 20000, true},
		{"3千", 3000, true},
		{"3千5百", 3500, true},
		{"二百来", 200, true},
		{"50余", 50, true},
		{"八十多", 80, true},
		{"百余", 100, true},
		{"约100", 100, true},
		{"近百", 100, true},
		{"100左右", 100, true},
		{"共计300", 300, true},
		{"", 0, false},
		{"三八", 0, false},
		{"八五", 0, false},
		{"abc", 0, false},
		{"3.5", 0, false},
		{"多", 0, false},
		{"百千", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseNumber(tc.in)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
