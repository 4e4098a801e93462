package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// runQuestions is `pufabot questions list|answer`: the question log.
func runQuestions(ctx context.Context, m *Main, args []string) error {
	return subcommand(ctx, m, "questions", args, map[string]func(context.Context, *Main, []string) error{
		"list":   runQuestionsList,
		"answer": runQuestionsAnswer,
	})
}

func runQuestionsList(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("questions list", "")
	unanswered := fs.Bool("unanswered", false, "only questions waiting for an answer (referred, or judged 没用, and not yet answered)")
	since := fs.String("since", "", "only questions asked on or after `DATE` (YYYY-MM-DD, in the [jobs] time zone)")
	limit := fs.Int("limit", 100, "at most `N` questions, newest first")
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *limit <= 0 {
		return usagef("--limit must be a positive number, got %d", *limit)
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	loc, err := time.LoadLocation(a.Config.Jobs.TimeZone)
	if err != nil {
		loc = time.Local
	}
	f := questions.Filter{Unanswered: *unanswered, Limit: *limit}
	if *since != "" {
		t, err := time.ParseInLocation("2006-01-02", *since, loc)
		if err != nil {
			return usagef("--since must be a date like 2026-03-01, got %q", *since)
		}
		f.Since = t
	}
	log, err := questions.Open(ctx, a.DB)
	if err != nil {
		return err
	}
	list, err := log.List(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		for _, e := range list {
			if err := enc.Encode(questionJSON(e, loc)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(list) == 0 {
		fmt.Fprintln(m.Stdout, "没有符合条件的提问。")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\t时间\t渠道\t方式\t反馈\t答复\t问题")
	for _, e := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.At.In(loc).Format("2006-01-02 15:04"), e.Channel,
			e.Mode, orDash(e.Feedback), replyState(e), oneLine(e.Question, 40))
	}
	return tw.Flush()
}

// questionJSON is one logged question as `questions list --json` prints
// it; the user appears only as its hash.
func questionJSON(e questions.Entry, loc *time.Location) map[string]any {
	return map[string]any{
		"id": e.ID, "asked_at": e.At.In(loc).Format(time.RFC3339), "channel": e.Channel, "user": e.UserHash,
		"question": e.Question, "mode": e.Mode, "covered": e.Covered, "sources": e.Sources,
		"latency_ms": e.LatencyMS, "feedback": e.Feedback, "reply": e.Reply, "delivery": e.Delivery,
		"unanswered": e.Unanswered(),
	}
}

func replyState(e questions.Entry) string {
	switch {
	case e.Reply != "" && e.Delivery == questions.Delivered:
		return "已答复·已送达"
	case e.Reply != "":
		return "已答复·未送达"
	case e.Unanswered():
		return "待答复"
	}
	return "-"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func runQuestionsAnswer(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("questions answer", "ID \"答复\"")
	force := fs.Bool("force", false, "replace an earlier answer to this question (its FAQ entry too) and send the resident the new one")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("want a question ID and the answer text, e.g. pufabot questions answer 12 \"可以……\"")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("question ID must be a positive number, got %q", pos[0])
	}
	text := strings.TrimSpace(strings.Join(pos[1:], " "))
	if text == "" {
		return usagef("empty answer")
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
	res, err := ans.ReplyWith(ctx, id, text, "cli", knowledge.ReplyOptions{Force: *force})
	switch {
	case errors.Is(err, questions.ErrNotFound):
		return fmt.Errorf("question %d not found (see pufabot questions list)", id)
	case errors.Is(err, knowledge.ErrAnswered):
		return fmt.Errorf("question %d was already answered (%s): %q; nothing was changed. "+
			"To replace that answer and send the resident the new one, run again with --force",
			id, replyState(res.Question), oneLine(res.Question.Reply, 60))
	case errors.Is(err, knowledge.ErrNotQuestion):
		return fmt.Errorf("question %d is not a resident's legal question (%q, %s); it needs no answer and no FAQ entry",
			id, oneLine(res.Question.Question, 30), knowledge.ModeName(res.Question.Mode))
	case err != nil:
		return err
	}
	fmt.Fprintln(m.Stdout, knowledge.ReplySummary(res))
	return nil
}
