package jobs

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkReminderRun measures one publicity reminder run to 500 cadres
// with the exactly-once bookkeeping (claim, then per message: lease
// renewal, pending row, outcome) on a real SQLite database; sending itself
// is a no-op fake. It reports the cost per recipient.
func BenchmarkReminderRun(b *testing.B) {
	const cadres = 500
	e := newEnv(b)
	e.people.list = nil
	for i := 0; i < cadres; i++ {
		e.people.list = append(e.people.list, Person{Channel: ChannelWeChat, UserID: fmt.Sprintf("oBENCH%022d", i),
			Name: fmt.Sprintf("干部%d", i), Village: "李家庄村", Role: RoleCadre})
	}
	s := e.service("bench")
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		at := sh(2026+i, 3, 12, 8, 30) // a new year: a new period
		e.clock.Set(at)
		res, err := s.Run(ctx, JobPublicityCalendar, at, RunOptions{})
		if err != nil || res.Batches[0].Sent != cadres {
			b.Fatalf("run: %+v %v", res, err)
		}
		e.sender.reset()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*cadres), "µs/recipient")
}
