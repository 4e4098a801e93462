package wechat

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// DedupeRetention is how long a handled message's record is kept. WeChat
// retries a message for about 15 seconds; a week also covers a server that
// was down for days and is sent old messages again when it comes back.
const DedupeRetention = 7 * 24 * time.Hour

// pruneBatch bounds one delete, so that pruning a large backlog never
// holds SQLite's write lock for long while messages are being answered.
const pruneBatch = 5000

// Prune deletes the records of messages handled before cutoff and returns
// how many it deleted.
func (s *SQLStore) Prune(ctx context.Context, cutoff time.Time) (int64, error) {
	var total int64
	for {
		res, err := s.db.ExecContext(ctx, `DELETE FROM processed_messages WHERE (channel, msg_key) IN
			(SELECT channel, msg_key FROM processed_messages WHERE handled_at < ? LIMIT ?)`,
			cutoff.UTC().Format(time.RFC3339Nano), pruneBatch)
		if err != nil {
			return total, fmt.Errorf("prune processed messages: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("prune processed messages: %w", err)
		}
		total += n
		if n < pruneBatch {
			return total, nil
		}
	}
}

// PruneLoop prunes records older than DedupeRetention now and then every
// interval until ctx ends. Failures are logged and retried at the next
// tick: a missed prune only costs disk space.
func (s *SQLStore) PruneLoop(ctx context.Context, interval time.Duration, now func() time.Time, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := s.Prune(ctx, now().Add(-DedupeRetention))
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("prune dedupe records", "err", err)
		case n > 0:
			log.Info("pruned dedupe records", "deleted", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
