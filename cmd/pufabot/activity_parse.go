package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot/activity"
)

// runActivityParse: `pufabot activity parse --json [--now RFC3339] TEXT`.
// It only reads the config (for the time zone); it opens no database.
func runActivityParse(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("activity parse", "TEXT")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a card")
	nowFlag := fs.String("now", "", "when the message was sent, RFC3339 (default: now)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("missing TEXT (the report to parse)")
	}
	text := strings.Join(pos, " ")
	cfg, err := m.loadConfig(cf)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(cfg.Activity.TimeZone)
	if err != nil {
		return fmt.Errorf("activity.time_zone %q: %w", cfg.Activity.TimeZone, err)
	}
	now := m.Now()
	if *nowFlag != "" {
		if now, err = time.Parse(time.RFC3339, *nowFlag); err != nil {
			return usagef("--now %q: want RFC3339 like 2024-03-16T18:30:00+08:00", *nowFlag)
		}
	}
	f, found := activity.ParseDetailed(text, now, loc)
	if *asJSON {
		b, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("encode record: %w", err)
		}
		fmt.Fprintln(m.Stdout, string(b))
		return nil
	}
	printActivityCard(m.Stdout, f, found)
	return nil
}

// printActivityCard prints a parsed report as a readable Chinese card.
func printActivityCard(w io.Writer, f activity.Fields, found activity.Found) {
	guess := func(ok bool) string {
		if ok {
			return ""
		}
		return "（未写明，按默认）"
	}
	fmt.Fprintf(w, "日期：%s%s\n", f.Date, guess(found.Date))
	fmt.Fprintf(w, "类型：%s%s\n", f.Type, guess(found.Type))
	place := f.Place
	if place == "" {
		place = "（未写明）"
	}
	fmt.Fprintf(w, "地点：%s\n", place)
	if len(f.Topics) > 0 {
		fmt.Fprintf(w, "主题：%s\n", strings.Join(f.Topics, "、"))
	}
	for _, c := range []struct {
		label string
		n     int
		unit  string
	}{
		{"参与群众", f.Participants, "人次"},
		{"发放资料", f.Materials, "份"},
		{"解答咨询", f.Consultations, "人次"},
		{"入户走访", f.Households, "户"},
		{"调解纠纷", f.Mediations, "件"},
		{"调解成功", f.MediationsResolved, "件"},
	} {
		if c.n > 0 || c.label == "调解成功" && f.Mediations > 0 {
			fmt.Fprintf(w, "%s：%d %s\n", c.label, c.n, c.unit)
		}
	}
	fmt.Fprintf(w, "原文：%s\n", f.Note)
}
