// Package httpapi is pufabot's HTTP surface on gin: the WeChat and WeCom
// callbacks, health, and the token-protected /admin API. Routes are declared
// in one place (routes); handlers are methods on Server holding their
// dependencies.
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pufabot/pufabot/bot/confval"
)

// Config is the [server] section.
type Config struct {
	// Listen is the host:port the HTTP server binds.
	Listen string `toml:"listen"`
	// BodyLimit caps a callback request body, in bytes.
	BodyLimit int64 `toml:"body_limit"`
	// ShutdownTimeout bounds the wait for in-flight messages on SIGTERM.
	ShutdownTimeout confval.Duration `toml:"shutdown_timeout"`
	// MetricsListen, when set, serves /metrics and /debug/pprof on this
	// separate host:port without the admin token (keep it private);
	// empty: they are on Listen behind the admin token.
	MetricsListen string `toml:"metrics_listen"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config {
	return Config{Listen: "127.0.0.1:8080", BodyLimit: 256 << 10, ShutdownTimeout: confval.D(20 * time.Second)}
}

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	host, port, err := net.SplitHostPort(c.Listen)
	if err != nil || port == "" {
		return confval.Errorf("server.listen", "must be host:port such as \"127.0.0.1:8080\", got %q", c.Listen)
	}
	if host != "" && net.ParseIP(host) == nil && strings.ContainsAny(host, " /") {
		return confval.Errorf("server.listen", "bad host in %q", c.Listen)
	}
	if c.BodyLimit < 4<<10 {
		return confval.Errorf("server.body_limit", "must be at least 4096 bytes, got %d", c.BodyLimit)
	}
	if c.ShutdownTimeout.Duration <= 0 {
		return confval.Errorf("server.shutdown_timeout", "must be positive")
	}
	if c.MetricsListen != "" {
		if _, port, err := net.SplitHostPort(c.MetricsListen); err != nil || port == "" || c.MetricsListen == c.Listen {
			return confval.Errorf("server.metrics_listen", "must be empty or a host:port other than server.listen, got %q", c.MetricsListen)
		}
	}
	return nil
}

// AdminConfig is the [admin] section.
type AdminConfig struct {
	// Token is the bearer token of the /admin API; empty disables /admin.
	Token string `toml:"token"`
	// Users are the OpenIDs / WeCom UserIDs of administrators.
	Users []string `toml:"users"`
	// UploadLimit caps one uploaded file, in bytes.
	UploadLimit int64 `toml:"upload_limit"`
}

// DefaultAdminConfig returns the embedded defaults.
func DefaultAdminConfig() AdminConfig { return AdminConfig{UploadLimit: 20 << 20} }

// Validate reports a setting that cannot work.
func (c AdminConfig) Validate() error {
	if c.Token != "" && len(c.Token) < 16 {
		return confval.Errorf("admin.token", "must be at least 16 characters")
	}
	if c.UploadLimit <= 0 {
		return confval.Errorf("admin.upload_limit", "must be positive")
	}
	return nil
}

// Deps are what the routes serve. A nil channel handler means that channel
// is not configured and its route does not exist.
type Deps struct {
	WeChat http.Handler
	WeCom  http.Handler
	Logger *slog.Logger
	// Ready reports whether the service can take messages (for /healthz).
	Ready func(ctx context.Context) error
	// Ledger serves /admin/activities (the 台账 export); nil leaves it out.
	Ledger Ledger
	// KB serves /admin/kb; nil leaves those routes out.
	KB KnowledgeBase
	// Metrics serves /metrics (Prometheus text format) behind the admin
	// token, with /debug/pprof; nil leaves both out (debug.go).
	Metrics http.Handler
}

// Server is the HTTP server.
type Server struct {
	cfg    Config
	admin  AdminConfig
	deps   Deps
	engine *gin.Engine
	// uploadMu makes an upload's name check and its store one step, so two
	// uploads of one name cannot both pass the check.
	uploadMu sync.Mutex
}

// New builds the server and its routes.
func New(cfg Config, admin AdminConfig, deps Deps) *Server {
	gin.SetMode(gin.ReleaseMode)
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, admin: admin, deps: deps, engine: gin.New()}
	s.engine.Use(s.recoverer())
	s.routes()
	return s
}

// Handler returns the HTTP handler, for tests and benchmarks.
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() {
	limited := s.engine.Group("/", s.bodyLimit(s.cfg.BodyLimit))
	if s.deps.WeChat != nil {
		limited.GET("/wechat", gin.WrapH(s.deps.WeChat))
		limited.POST("/wechat", gin.WrapH(s.deps.WeChat))
	}
	if s.deps.WeCom != nil {
		limited.GET("/wecom", gin.WrapH(s.deps.WeCom))
		limited.POST("/wecom", gin.WrapH(s.deps.WeCom))
	}
	s.engine.GET("/healthz", s.healthz)

	admin := s.engine.Group("/admin", s.adminAuth())
	admin.GET("/ping", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"ok": true}) })
	// Admin routes of the knowledge base and the ledger are added here.
	s.activityRoutes(admin)
	s.kbRoutes(admin)
	if s.cfg.MetricsListen == "" {
		s.debugRoutes(s.engine, s.adminAuth())
	}
}

func (s *Server) healthz(c *gin.Context) {
	if s.deps.Ready != nil {
		if err := s.deps.Ready(c.Request.Context()); err != nil {
			s.deps.Logger.Warn("health check failed", "err", err)
			c.String(http.StatusServiceUnavailable, "unavailable\n")
			return
		}
	}
	c.String(http.StatusOK, "ok\n")
}

// bodyLimit rejects a body over n bytes with 413 before a handler reads it,
// and caps what a handler can read when the length is not declared.
func (s *Server) bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			c.AbortWithStatus(http.StatusRequestEntityTooLarge)
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// recoverer turns a panic into a 500 with no detail for the caller and one
// log line for the operator.
func (s *Server) recoverer() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.deps.Logger.Error("panic in handler", "path", c.Request.URL.Path, "panic", fmt.Sprint(v))
				c.AbortWithStatus(http.StatusInternalServerError)
			}
		}()
		c.Next()
	}
}

// Run serves until ctx is cancelled, then stops accepting connections and
// waits up to ShutdownTimeout for in-flight requests.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.engine,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// WeChat holds a connection up to 5 s; admin uploads take longer.
		WriteTimeout: 5 * time.Minute,
		IdleTimeout:  90 * time.Second,
		ErrorLog:     slog.NewLogLogger(s.deps.Logger.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout.Duration)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http server: %w", err)
	}
	return nil
}
