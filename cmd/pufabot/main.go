// Command pufabot is the legal-publicity chat bot for township WeChat
// Official Accounts and WeCom apps. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main is the whole program with its outside world injected, so a test can
// run any subcommand end to end.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	// StdinIsTerminal overrides terminal detection (tests); nil detects.
	StdinIsTerminal func() bool
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

// commands lists every subcommand; help prints them in this order.
func commands() []command {
	return []command{
		{"serve", "运行机器人服务（HTTP：/wechat /wecom /healthz /admin）", runServe},
		{"chat", "在终端里和机器人对话（与微信同一处理流程）", runChat},
		{"ask", "问一个法律问题，打印居民看到的回答", runAsk},
		{"kb", "管理知识库：add list remove retire stats search", runKB},
		{"questions", "查看和答复居民提问：list answer", runQuestions},
		{"activity", "活动台账：parse export report", runActivity},
		{"users", "管理村干部和法律明白人：invite list remove", runUsers},
		{"jobs", "定时任务：list run", runJobs},
		{"version", "打印版本", runVersion},
		{"help", "列出所有子命令", nil},
	}
}

// Run runs one subcommand and returns the process exit code: 0 done, 1
// failed, 2 bad usage.
func (m *Main) Run(ctx context.Context, args []string) int {
	if m.Getenv == nil {
		m.Getenv = os.Getenv
	}
	if m.Now == nil {
		m.Now = time.Now
	}
	if len(args) == 0 {
		m.usage(m.Stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		m.usage(m.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name || c.run == nil {
			continue
		}
		err := c.run(ctx, m, rest)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(*usageError)):
			fmt.Fprintf(m.Stderr, "pufabot %s: %v\n", name, err)
			return 2
		default:
			fmt.Fprintf(m.Stderr, "pufabot %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(m.Stderr, "pufabot: unknown command %q\n\n", name)
	m.usage(m.Stderr)
	return 2
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintf(w, "pufabot — 乡镇普法机器人 (%s)\n\nUsage: pufabot COMMAND [--config FILE] [--data-dir DIR] [options]\n\nCommands:\n", version)
	cs := commands()
	width := 0
	for _, c := range cs {
		width = max(width, len(c.name))
	}
	for _, c := range cs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(w, "\nEvery command accepts --config FILE (or PUFABOT_CONFIG) and --data-dir DIR.\nRun \"pufabot COMMAND -h\" for a command's options.\n")
}

// usageError is a mistake in how a command was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// commonFlags are accepted by every subcommand.
type commonFlags struct {
	config  string
	dataDir string
}

// newFlagSet returns a flag set with the common flags registered.
func (m *Main) newFlagSet(name, argsUsage string) (*flag.FlagSet, *commonFlags) {
	fs := flag.NewFlagSet("pufabot "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	cf := &commonFlags{}
	fs.StringVar(&cf.config, "config", "", "TOML config `file` (default: $PUFABOT_CONFIG, else embedded defaults)")
	fs.StringVar(&cf.dataDir, "data-dir", "", "data `directory` (overrides [storage] data_dir)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: pufabot %s [options] %s\n\nOptions:\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs, cf
}

// parseFlags parses args, allowing flags after positional arguments too
// (pufabot kb search "问题" --json), and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// loadConfig loads the config the common flags point at.
func (m *Main) loadConfig(cf *commonFlags) (Config, error) {
	path := cf.config
	if path == "" {
		path = m.Getenv("PUFABOT_CONFIG")
	}
	cfg, err := LoadConfig(path, m.Getenv)
	if err != nil {
		return cfg, err
	}
	if cf.dataDir != "" {
		cfg.Storage.DataDir = cf.dataDir
	}
	return cfg, nil
}

func runVersion(ctx context.Context, m *Main, args []string) error {
	fs, _ := m.newFlagSet("version", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "pufabot %s\n", version)
	return nil
}

// subcommand dispatches "pufabot NAME SUB …" to one of subs.
func subcommand(ctx context.Context, m *Main, name string, args []string,
	subs map[string]func(context.Context, *Main, []string) error) error {
	var names []string
	for k := range subs {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(m.Stderr, "Usage: pufabot %s %s [options]\n", name, strings.Join(names, "|"))
		if len(args) == 0 {
			return usagef("missing subcommand")
		}
		return flag.ErrHelp
	}
	f, ok := subs[args[0]]
	if !ok {
		return usagef("unknown subcommand %q (want one of: %s)", args[0], strings.Join(names, ", "))
	}
	return f(ctx, m, args[1:])
}
