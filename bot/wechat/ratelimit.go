package wechat

import (
	"sync"
	"time"
)

// rateLimiter is an in-memory token bucket per user: perMinute messages a
// minute on average, bursts up to perMinute. Idle buckets are dropped so the
// map does not grow with every user ever seen.
type rateLimiter struct {
	perMinute float64
	now       func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// newRateLimiter returns nil (no limit) when perMinute <= 0.
func newRateLimiter(perMinute int, now func() time.Time) *rateLimiter {
	if perMinute <= 0 {
		return nil
	}
	return &rateLimiter{perMinute: float64(perMinute), now: now, buckets: map[string]*bucket{}, lastSweep: now()}
}

// allow takes one token from user's bucket.
func (l *rateLimiter) allow(user string) bool {
	if l == nil {
		return true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > time.Minute {
		for u, b := range l.buckets {
			if now.Sub(b.at) > time.Minute { // refilled to full: forget it
				delete(l.buckets, u)
			}
		}
		l.lastSweep = now
	}
	b := l.buckets[user]
	if b == nil {
		b = &bucket{tokens: l.perMinute, at: now}
		l.buckets[user] = b
	}
	b.tokens += now.Sub(b.at).Minutes() * l.perMinute
	if b.tokens > l.perMinute {
		b.tokens = l.perMinute
	}
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
