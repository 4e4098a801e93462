package activity

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// seedLedger fills a store with n pseudo-random records (fixed seed) in
// 2024 and a few outside it, some withdrawn, and returns the live ones of
// 2024 as the test's own independent truth.
func seedLedger(t testing.TB, s *Store, n int) []Record {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	villages := []string{"李家庄村", "王家村", "东风社区", ""}
	var live []Record
	for i := range n {
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai).AddDate(0, 0, rng.IntN(366))
		if i%17 == 0 {
			day = time.Date(2023, 12, 31, 0, 0, 0, 0, shanghai) // outside the period
		}
		if i%19 == 0 {
			day = time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai) // outside too
		}
		r := Record{Fields: Fields{
			Date: day.Format(dateLayout), Type: Types[rng.IntN(len(Types))], Place: "某地",
			Participants: rng.IntN(200), Materials: rng.IntN(500), Consultations: rng.IntN(30),
			Households: rng.IntN(20), Note: fmt.Sprintf("记录%d", i)},
			Channel: "wechat", UserID: fmt.Sprintf("u%d", i%7), Reporter: "某人", Village: villages[rng.IntN(len(villages))]}
		if r.Type == TypeMediation {
			r.Mediations = 1 + rng.IntN(3)
			r.MediationsResolved = rng.IntN(r.Mediations + 1)
		}
		saved, _, err := s.Add(ctx, r, day.Add(20*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if i%11 == 0 {
			if err := s.Delete(ctx, saved.ID, day); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if day.Year() == 2024 {
			live = append(live, saved)
		}
	}
	return live
}

func TestReportNumbersEqualLedgerSums(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	live := seedLedger(t, s, 300)
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai)

	// The expected numbers, summed here from the seeded records.
	var sessions, people, materials, consult, households, med, ok, trainS, trainP int
	type vsum struct{ sessions, people, med int }
	byVillage := map[string]*vsum{}
	for _, r := range live {
		materials += r.Materials
		consult += r.Consultations
		households += r.Households
		med += r.Mediations
		ok += r.MediationsResolved
		if r.Type == TypeTraining {
			trainS++
			trainP += r.Participants
			continue
		}
		people += r.Participants
		v := r.Village
		if v == "" {
			v = NoVillage
		}
		if byVillage[v] == nil {
			byVillage[v] = &vsum{}
		}
		byVillage[v].people += r.Participants
		byVillage[v].med += r.Mediations
		if r.Type != TypeMediation {
			sessions++
			byVillage[v].sessions++
		}
	}
	text, err := s.Report(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(text)
	want := fmt.Sprintf("2024年1月1日至2024年12月31日，全镇共开展普法宣传活动%d场次、参与群众%d人次、发放宣传资料%d份、"+
		"解答法律咨询%d人次、入户走访%d户、调解矛盾纠纷%d件、调解成功%d件、调解成功率%.1f%%。组织干部学法培训%d场次、参训%d人次。",
		sessions, people, materials, consult, households, med, ok, 100*float64(ok)/float64(med), trainS, trainP)
	if !strings.HasPrefix(text, want) {
		t.Fatalf("report starts\n%s\nwant\n%s", text[:min(len(text), len(want)+40)], want)
	}
	for v, sum := range byVillage {
		p := fmt.Sprintf("%s开展普法活动%d场次、参与%d人次", v, sum.sessions, sum.people)
		if sum.med > 0 {
			p += fmt.Sprintf("、调解纠纷%d件", sum.med)
		}
		if !strings.Contains(text, p) {
			t.Errorf("report lacks %q", p)
		}
	}

	tot, err := s.Totals(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if tot.Sessions != len(live) || tot.Materials != materials || tot.Participants != people+trainP {
		t.Fatalf("Totals = %+v, want %d sessions, %d materials", tot, len(live), materials)
	}
}

func TestReportEmptyPeriod(t *testing.T) {
	s := newStore(t)
	text, err := s.Report(context.Background(), time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai), time.Date(2024, 2, 1, 0, 0, 0, 0, shanghai))
	if err != nil {
		t.Fatal(err)
	}
	if text != "2024年1月1日至2024年1月31日，台账中没有活动记录。" {
		t.Fatalf("empty report = %q", text)
	}
}

func TestExportCSVAndXLSX(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at := time.Date(2025, 3, 15, 9, 0, 0, 0, shanghai)
	r1, _, _ := s.Add(ctx, Record{Fields: Fields{Date: "2025-03-15", Type: TypePublicity, Place: "李家庄村",
		Topics: []string{"民法典", "反诈"}, Participants: 120, Materials: 300, Note: "=HYPERLINK(\"x\") 3月15日宣传"},
		Channel: "wechat", UserID: "u1", Reporter: "张三", Village: "李家庄村"}, at)
	if _, err := s.AddPhoto(ctx, r1.ID, []byte("a"), "jpg", "m1", at); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPhoto(ctx, r1.ID, []byte("b"), "png", "m2", at); err != nil {
		t.Fatal(err)
	}
	s.Add(ctx, Record{Fields: Fields{Date: "2025-03-01", Type: TypeMediation, Mediations: 2, MediationsResolved: 1, Note: "调解"},
		Channel: "wechat", UserID: "u2", Reporter: "李四"}, at)
	s.Add(ctx, Record{Fields: Fields{Date: "2025-04-01", Type: TypeLecture, Note: "outside"}, Channel: "wechat", UserID: "u2"}, at)
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2025, 4, 1, 0, 0, 0, 0, shanghai)

	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, FormatCSV, from, to); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("csv has no UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(ExportHeader, ",") {
		t.Fatalf("csv rows = %q", rows)
	}
	// Ordered by date: the mediation of 3月1日 first.
	if rows[1][0] != "2025-03-01" || rows[1][8] != "2" || rows[1][9] != "1" {
		t.Fatalf("csv row 1 = %q", rows[1])
	}
	wantPhotos := fmt.Sprintf("2025-03/%d-1.jpg; 2025-03/%d-2.png", r1.ID, r1.ID)
	if got := rows[2]; got[3] != "民法典、反诈" || got[4] != "120" || got[12] != wantPhotos || !strings.HasPrefix(got[13], "'=") {
		t.Fatalf("csv row 2 = %q", got)
	}

	buf.Reset()
	if err := s.Export(ctx, &buf, FormatXLSX, from, to); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("台账")
	if err != nil {
		t.Fatal(err)
	}
	if len(xrows) != 3 || xrows[0][0] != "日期" || xrows[0][13] != "原文" {
		t.Fatalf("xlsx rows = %q", xrows)
	}
	if xrows[2][12] != wantPhotos || xrows[2][4] != "120" {
		t.Fatalf("xlsx row 2 = %q", xrows[2])
	}
	if typ, _ := f.GetCellType("台账", "E3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("participants cell is text (%v), want a number", typ)
	}

	if err := s.Export(ctx, &buf, "pdf", from, to); err == nil {
		t.Fatal("unknown format accepted")
	}
}

func TestParseDay(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2025-03-15", "2025-03-15", true},
		{"2025/3/5", "2025-03-05", true},
		{"2025.3.15", "2025-03-15", true},
		{"20250315", "2025-03-15", true},
		{"2025年3月15日", "2025-03-15", true},
		{"2025-02-30", "", false},
		{"3月15日", "", false},
		{"yesterday", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDay(tt.in, shanghai)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if tt.ok && got.Format(dateLayout) != tt.want {
				t.Fatalf("got %s, want %s", got.Format(dateLayout), tt.want)
			}
		})
	}
}

func BenchmarkReport10k(b *testing.B) {
	s := newStore(b)
	seedLedger(b, s, 10000)
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai)
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Report(context.Background(), from, to); err != nil {
			b.Fatal(err)
		}
	}
}
