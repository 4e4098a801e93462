package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/gin-gonic/gin"
)

// debugRoutes adds /metrics and /debug/pprof to r, each behind guard
// (the admin token on the main listener; nothing on a private metrics
// listener). Without Deps.Metrics there are no such routes.
func (s *Server) debugRoutes(r gin.IRoutes, guard ...gin.HandlerFunc) {
	if s.deps.Metrics == nil {
		return
	}
	with := func(h http.Handler) []gin.HandlerFunc { return append(guard[:len(guard):len(guard)], gin.WrapH(h)) }
	r.GET("/metrics", with(s.deps.Metrics)...)
	r.GET("/debug/pprof/", with(http.HandlerFunc(pprof.Index))...)
	r.GET("/debug/pprof/cmdline", with(http.HandlerFunc(pprof.Cmdline))...)
	r.GET("/debug/pprof/profile", with(http.HandlerFunc(pprof.Profile))...)
	r.GET("/debug/pprof/symbol", with(http.HandlerFunc(pprof.Symbol))...)
	r.GET("/debug/pprof/trace", with(http.HandlerFunc(pprof.Trace))...)
	for _, name := range []string{"allocs", "block", "goroutine", "heap", "mutex", "threadcreate"} {
		r.GET("/debug/pprof/"+name, with(pprof.Handler(name))...)
	}
}

// MetricsHandler is the handler of the separate [server] metrics_listen
// address: /metrics and /debug/pprof with no token. nil when
// metrics_listen is empty or there are no metrics.
func (s *Server) MetricsHandler() http.Handler {
	if s.cfg.MetricsListen == "" || s.deps.Metrics == nil {
		return nil
	}
	e := gin.New()
	e.Use(s.recoverer())
	s.debugRoutes(e)
	return e
}

// RunMetrics serves MetricsHandler on ln until ctx is cancelled.
func (s *Server) RunMetrics(ctx context.Context, ln net.Listener) error {
	h := s.MetricsHandler()
	if h == nil {
		return errors.New("no metrics to serve (server.metrics_listen empty)")
	}
	// A CPU profile runs 30 s by default; allow it.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(s.deps.Logger.Handler(), slog.LevelDebug)}
	stop := context.AfterFunc(ctx, func() { srv.Close() })
	defer stop()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("metrics server: %w", err)
	}
	return nil
}
