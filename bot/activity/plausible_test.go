package activity

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCheckCounts(t *testing.T) {
	tests := []struct {
		name  string
		f     Fields
		field string // "" = plausible
	}{
		{"ordinary", Fields{Participants: 120, Materials: 300, Mediations: 2, MediationsResolved: 1}, ""},
		{"at the cap", Fields{Participants: MaxCount, Materials: MaxCount}, ""},
		{"participants", Fields{Participants: 99999999999}, "参与人数"},
		{"materials", Fields{Participants: 80, Materials: MaxCount + 1}, "资料份数"},
		{"consultations", Fields{Consultations: 200000}, "咨询人次"},
		{"households", Fields{Households: 1e9}, "入户户数"},
		{"mediations", Fields{Mediations: 1e6}, "调解件数"},
		{"negative", Fields{Materials: -1}, "资料份数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCounts(tt.f)
			var e *ImplausibleError
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("err = %v, want none", err)
			case tt.field != "" && (!errors.As(err, &e) || e.Field != tt.field || !errors.Is(err, ErrImplausible)):
				t.Fatalf("err = %v, want an ImplausibleError naming %s", err, tt.field)
			}
		})
	}
}

func TestStoreRefusesImplausibleCounts(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 16, 10, 0, 0, 0, shanghai)
	if _, _, err := s.Add(ctx, rec("u", "2025-03-16", TypePublicity, 99999999999, "a"), at); !errors.Is(err, ErrImplausible) {
		t.Fatalf("Add: err = %v, want ErrImplausible", err)
	}
	r, _, err := s.Add(ctx, rec("u", "2025-03-16", TypePublicity, 80, "b"), at)
	if err != nil {
		t.Fatal(err)
	}
	f := r.Fields
	f.Materials = 1e10
	if err := s.Update(ctx, r.ID, f, at); !errors.Is(err, ErrImplausible) {
		t.Fatalf("Update: err = %v, want ErrImplausible", err)
	}
	if got, _ := s.Get(ctx, r.ID); got.Materials != 0 {
		t.Fatalf("refused update stored materials %d", got.Materials)
	}
}

// A long digit run before a count unit is read as that count (for the clerk
// to name it), while phone numbers and ids stay ignored.
func TestParseKeepsMistypedCounts(t *testing.T) {
	now := time.Date(2025, 3, 16, 10, 0, 0, 0, shanghai)
	tests := []struct {
		name, text              string
		participants, materials int
	}{
		{"long run before 人", "今天在王家村开展法治讲座，参加群众99999999999人，发放资料200份", 99999999999, 200},
		{"long run before 份", "今天在王家村开展宣传，参加群众80人，发放资料12000000份", 80, 12000000},
		{"Chinese numerals", "今天在王家村开展宣传，参加群众一百亿人", 1e10, 0},
		{"phone number", "今天在王家村开展宣传，参加群众80人，联系电话13812345678", 80, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse(tt.text, now, shanghai)
			if f.Participants != tt.participants || f.Materials != tt.materials {
				t.Fatalf("participants %d materials %d, want %d and %d", f.Participants, f.Materials, tt.participants, tt.materials)
			}
		})
	}
}
