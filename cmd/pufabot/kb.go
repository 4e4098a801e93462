package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/chunk"
)

// runKB is "pufabot kb": manage the knowledge base.
func runKB(ctx context.Context, m *Main, args []string) error {
	return subcommand(ctx, m, "kb", args, map[string]func(context.Context, *Main, []string) error{
		"add":    runKBAdd,
		"list":   runKBList,
		"remove": runKBRemove,
		"retire": runKBRetire,
		"stats":  runKBStats,
		"search": runKBSearch,
	})
}

// openKB opens the app and its knowledge base.
func (m *Main) openKB(ctx context.Context, cf *commonFlags) (*App, error) {
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return nil, err
	}
	if err := a.wireKnowledge(ctx, m); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func runKBAdd(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("kb add", "PATH...")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("kb add needs at least one file or directory")
	}
	a, err := m.openKB(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	sum, err := a.kb.AddPaths(ctx, paths, m.progress())
	for _, f := range sum.Failed {
		fmt.Fprintf(m.Stderr, "失败 %v\n", f.Err)
	}
	dup := ""
	if sum.Duplicates > 0 {
		dup = fmt.Sprintf("，与已有文档内容相同而跳过 %d 个", sum.Duplicates)
	}
	fmt.Fprintf(m.Stdout, "新增 %d 个文件，更新 %d 个，未变 %d 个%s，失败 %d 个；写入 %d 条。\n",
		sum.Added, sum.Replaced, sum.Unchanged, dup, len(sum.Failed), sum.Chunks)
	return err
}

func runKBList(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("kb list", "")
	asJSON := fs.Bool("json", false, "print one JSON object per document")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := m.openKB(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	docs, err := a.kb.List(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		for _, d := range docs {
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\t类型\t状态\t条数\t标题\t来源")
	for _, d := range docs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.Kind, d.Status, d.Chunks, d.Title, d.Source)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "共 %d 个文档。\n", len(docs))
	return nil
}

func runKBRemove(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("kb remove", "ID")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("kb remove needs exactly one document ID (see kb list)")
	}
	a, err := m.openKB(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	d, err := a.kb.Document(ctx, pos[0])
	if err != nil {
		return err
	}
	if err := a.kb.Remove(ctx, d.ID); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "已删除 %s 《%s》（%d 条）。\n", d.ID, d.Title, d.Chunks)
	return nil
}

func runKBRetire(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("kb retire", "ID")
	status := fs.String("status", knowledge.StatusRepealed, "new `status`: 已废止 or 已修改 (现行有效 puts it back in use)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("kb retire needs exactly one document ID (see kb list)")
	}
	switch *status {
	case knowledge.StatusRepealed, knowledge.StatusAmended, knowledge.StatusCurrent:
	default:
		return usagef("--status must be 已废止, 已修改 or 现行有效, got %q", *status)
	}
	a, err := m.openKB(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.kb.Retire(ctx, pos[0], *status); err != nil {
		return err
	}
	d, err := a.kb.Document(ctx, pos[0])
	if err != nil {
		return err
	}
	if d.Status == knowledge.StatusCurrent {
		fmt.Fprintf(m.Stdout, "%s 《%s》恢复为现行有效，重新用于回答。\n", d.ID, d.Title)
		return nil
	}
	fmt.Fprintf(m.Stdout, "%s 《%s》已标记为%s：保留在文档列表中，不再用于回答。\n", d.ID, d.Title, d.Status)
	return nil
}

func runKBStats(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("kb stats", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := m.openKB(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	s, err := a.kb.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(s)
	}
	fmt.Fprintf(m.Stdout, "文档 %d 个，共 %d 条（索引中 %d 条）\n", s.Documents, s.Chunks, s.Indexed)
	fmt.Fprintf(m.Stdout, "按类型：法律 %d，资料 %d，问答 %d\n", s.ByKind["law"], s.ByKind["material"], s.ByKind["faq"])
	fmt.Fprintf(m.Stdout, "按状态：现行有效 %d，已废止 %d，已修改 %d\n",
		s.ByStatus[knowledge.StatusCurrent], s.ByStatus[knowledge.StatusRepealed], s.ByStatus[knowledge.StatusAmended])
	fmt.Fprintf(m.Stdout, "向量：%s（%d 维）\n", s.Embedder, s.Dim)
	return nil
}

// searchOutput is one line of "kb search --json".
type searchOutput struct {
	Query   string             `json:"query"`
	Results []knowledge.Result `json:"results"`
}

func runKBSearch(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("kb search", "[QUESTION]")
	asJSON := fs.Bool("json", false, `print {"query": …, "results": […]} as one JSON line per question`)
	k := fs.Int("k", 5, "number of results")
	kind := fs.String("kind", "", "only chunks of this `kind` (law, material, faq); default all")
	retired := fs.Bool("include-retired", false, "also search retired documents")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *k <= 0 {
		return usagef("-k must be positive")
	}
	opts := knowledge.SearchOptions{K: *k, IncludeRetired: *retired}
	if *kind != "" {
		for _, kd := range strings.Split(*kind, ",") {
			kd = strings.TrimSpace(kd)
			if kd != chunk.KindLaw && kd != chunk.KindMaterial && kd != chunk.KindFAQ {
				return usagef("--kind %q: want law, material or faq (several separated by commas)", kd)
			}
			opts.Kinds = append(opts.Kinds, kd)
		}
	}
	a, err := m.openKB(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	one := func(q string) error {
		rs, err := a.kb.Search(ctx, q, opts)
		if err != nil {
			return err
		}
		if rs == nil {
			rs = []knowledge.Result{}
		}
		if *asJSON {
			return json.NewEncoder(m.Stdout).Encode(searchOutput{Query: q, Results: rs})
		}
		printResults(m.Stdout, q, rs)
		return nil
	}
	if len(pos) > 0 {
		return one(strings.Join(pos, " "))
	}
	// No question: one per line from stdin, answered in order, one output
	// per input line (empty lines give empty results) so callers can pair
	// them up.
	sc := bufio.NewScanner(m.Stdin)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		if err := one(strings.TrimSpace(sc.Text())); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

// printResults shows results for a person.
func printResults(w io.Writer, q string, rs []knowledge.Result) {
	fmt.Fprintf(w, "问：%s\n", q)
	if len(rs) == 0 {
		fmt.Fprintln(w, "  （没有找到相关内容）")
		return
	}
	for i, r := range rs {
		head := r.Title
		if r.Law != "" {
			head = "《" + r.Law + "》" + r.Article
		}
		fmt.Fprintf(w, "%2d. %s  [%s %s, %.3f]\n", i+1, head, r.Kind, r.DocID, r.Score)
		if r.Chapter != "" {
			fmt.Fprintf(w, "    %s\n", r.Chapter)
		}
		text := strings.Join(strings.Fields(r.Text), " ")
		if rs := []rune(text); len(rs) > 120 {
			text = string(rs[:120]) + "…"
		}
		fmt.Fprintf(w, "    %s\n", text)
	}
	fmt.Fprintln(w)
}
