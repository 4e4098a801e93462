package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pufabot/pufabot/bot"
)

// runAsk answers questions from the command line as a resident would see
// them: one question from the arguments, or one a line from stdin.
func runAsk(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("ask", "[\"问题\"]   (no question: one a line from stdin)")
	asJSON := fs.Bool("json", false, "print one JSON object per question: question, mode, covered, text, citations, latency_ms")
	user := fs.String("user", "", "user `id` whose conversation the questions continue (default: terminal; from stdin: none, every line stands alone)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	ans, err := a.knowledgeAnswerer(ctx, m)
	if err != nil {
		return err
	}
	// Build the index now, so that latency_ms is the answer path a
	// resident waits for, as in serve (which builds it before listening).
	if err := a.kb.BuildIndex(ctx); err != nil {
		return err
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	ask := func(text, userID string) error {
		res, err := ans.Answer(ctx, bot.Question{Channel: bot.ChannelTerminal, UserID: userID, Text: text, At: m.Now()})
		if err != nil {
			a.Logger.Error("answer", "err", err)
		}
		if *asJSON {
			return enc.Encode(res)
		}
		_, err = fmt.Fprintln(m.Stdout, res.Text)
		return err
	}

	if len(pos) > 0 {
		q := strings.TrimSpace(strings.Join(pos, " "))
		if q == "" {
			return usagef("empty question")
		}
		if *user == "" {
			*user = "terminal"
		}
		return ask(q, *user)
	}
	sc := bufio.NewScanner(m.Stdin)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	first := true
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		if q == "" {
			continue
		}
		if !*asJSON && !first {
			fmt.Fprintln(m.Stdout)
		}
		first = false
		if err := ask(q, *user); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}
