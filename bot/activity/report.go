package activity

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Report is the statistics paragraph of a year-end 法治建设工作报告 for the
// records dated in [from, to), in the style of the township reports it
// replaces. The numbers are those of Totals' methods (one definition for
// every view of the ledger); 调解成功率 is 调解成功 / 调解矛盾纠纷, one
// decimal.
func (s *Store) Report(ctx context.Context, from, to time.Time) (string, error) {
	total, err := s.Totals(ctx, from, to)
	if err != nil {
		return "", err
	}
	byType, err := s.ByType(ctx, from, to)
	if err != nil {
		return "", err
	}
	// Villages' lines count 群众 work only, so they add up to the headline.
	byVillage, err := s.byVillage(ctx, "type <> ?", from, to, TypeTraining)
	if err != nil {
		return "", err
	}
	return ReportText(from.In(s.loc), to.In(s.loc).AddDate(0, 0, -1), total, byType, byVillage), nil
}

// ReportText writes the paragraph from totals already computed; first and
// last are the first and last days of the period, byVillage the villages'
// totals without 学习培训 records.
func ReportText(first, last time.Time, total Totals, byType, byVillage []Group) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s至%s，", cnDate(first), cnDate(last))
	if total.Sessions == 0 {
		b.WriteString("台账中没有活动记录。")
		return b.String()
	}
	fmt.Fprintf(&b, "全镇共开展普法宣传活动%d场次、参与群众%d人次、发放宣传资料%d份、解答法律咨询%d人次、入户走访%d户、调解矛盾纠纷%d件、调解成功%d件",
		total.PublicitySessions(), total.PublicParticipants(), total.Materials, total.Consultations,
		total.Households, total.Mediations, total.MediationsResolved)
	if rate, ok := total.SuccessRate(); ok {
		fmt.Fprintf(&b, "、调解成功率%.1f%%", rate)
	}
	b.WriteString("。")
	if n := total.TrainingSessions(); n > 0 {
		fmt.Fprintf(&b, "组织干部学法培训%d场次、参训%d人次。", n, total.TrainingParticipants)
	}

	var parts []string
	for _, g := range byType {
		switch g.Name {
		case TypeMediation:
			parts = append(parts, fmt.Sprintf("%s%d件、成功%d件", g.Name, g.Mediations, g.MediationsResolved))
		case TypeTraining:
			continue
		default:
			p := fmt.Sprintf("%s%d场次", g.Name, g.Sessions)
			if g.Participants > 0 {
				p += fmt.Sprintf("、%d人次", g.Participants)
			}
			parts = append(parts, p)
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, "按类型分，%s。", strings.Join(parts, "；"))
	}

	parts = parts[:0]
	for _, g := range byVillage {
		p := fmt.Sprintf("%s开展普法活动%d场次", g.Name, g.PublicitySessions())
		if n := g.PublicParticipants(); n > 0 {
			p += fmt.Sprintf("、参与%d人次", n)
		}
		if g.Mediations > 0 {
			p += fmt.Sprintf("、调解纠纷%d件（成功%d件）", g.Mediations, g.MediationsResolved)
		}
		parts = append(parts, p)
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, "分村看，%s。", strings.Join(parts, "；"))
	}
	return b.String()
}

func cnDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
