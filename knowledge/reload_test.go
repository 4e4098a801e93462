package knowledge

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge/questions"
)

// TestSyncPicksUpWritesOfAnotherBase: two Bases on one database stand for
// a running serve (reader) and the `pufabot kb` / `questions answer`
// commands (writer). The reader answers from what it read until Sync
// brings it up to date; each step checks both sides of that.
func TestSyncPicksUpWritesOfAnotherBase(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	writer := openTest(t, db, newCounting("c/64"), true)
	reader := openTest(t, db, newCounting("c/64"), true)
	dir := t.TempDir()
	lawFile := filepath.Join(dir, "乡村测试法.md")
	var lawID string

	// The question loop on the writer's side: an admin's reply to a logged
	// question becomes a FAQ entry.
	qlog, err := questions.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cli, err := NewAnswerer(DefaultAnswerConfig(), LLMConfig{}, AnswererDeps{Search: writer, FAQ: writer, Log: qlog,
		Now: time.Now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	const faqQuestion = "村里的晒谷场被人占了找谁"

	found := func(q string, opts SearchOptions, article string) bool {
		for _, r := range search(t, reader, q, opts) {
			if strings.Contains(r.Text, article) {
				return true
			}
		}
		return false
	}
	all := SearchOptions{K: 10, IncludeRetired: true}
	current := SearchOptions{K: 10}
	steps := []struct {
		name  string
		write func(t *testing.T)
		want  SyncSummary // counts only
		// query must find text in the reader's answers (found) or not,
		// before the Sync (before) and after it (after).
		query         string
		opts          SearchOptions
		text          string
		before, after bool
	}{
		{
			name: "new document",
			write: func(t *testing.T) {
				if err := os.WriteFile(lawFile, []byte(testLaw), 0o644); err != nil {
					t.Fatal(err)
				}
				sum, err := writer.AddPaths(ctx, []string{dir}, nil)
				if err != nil {
					t.Fatal(err)
				}
				lawID = sum.Docs[0].ID
			},
			want:  SyncSummary{Added: 1, Chunks: 4},
			query: "家庭暴力", opts: current, text: "禁止家庭暴力", before: false, after: true,
		},
		{
			name:  "retired",
			write: func(t *testing.T) { mustOK(t, writer.Retire(ctx, lawID, "")) },
			want:  SyncSummary{StatusChanged: 1},
			query: "家庭暴力", opts: current, text: "禁止家庭暴力", before: true, after: false,
		},
		{
			name:  "retired document still listed with IncludeRetired",
			write: func(t *testing.T) {},
			want:  SyncSummary{},
			query: "家庭暴力", opts: all, text: "禁止家庭暴力", before: true, after: true,
		},
		{
			name:  "back in use",
			write: func(t *testing.T) { mustOK(t, writer.Retire(ctx, lawID, StatusCurrent)) },
			want:  SyncSummary{StatusChanged: 1},
			query: "家庭暴力", opts: current, text: "禁止家庭暴力", before: false, after: true,
		},
		{
			name: "changed content",
			write: func(t *testing.T) {
				changed := strings.Replace(testLaw, "禁止家庭暴力。", "禁止虐待老人。", 1)
				if err := os.WriteFile(lawFile, []byte(changed), 0o644); err != nil {
					t.Fatal(err)
				}
				if sum, err := writer.AddPaths(ctx, []string{dir}, nil); err != nil || sum.Replaced != 1 {
					t.Fatalf("replace: %+v, %v", sum, err)
				}
			},
			want:  SyncSummary{Changed: 1, Chunks: 4},
			query: "虐待老人", opts: current, text: "禁止虐待老人", before: false, after: true,
		},
		{
			name:  "old content of a changed document gone",
			write: func(t *testing.T) {},
			want:  SyncSummary{},
			query: "家庭暴力", opts: all, text: "禁止家庭暴力", before: false, after: false,
		},
		{
			name:  "removed",
			write: func(t *testing.T) { mustOK(t, writer.Remove(ctx, lawID)) },
			want:  SyncSummary{Removed: 1},
			query: "虐待老人", opts: all, text: "禁止虐待老人", before: true, after: false,
		},
		{
			name: "FAQ from an admin's reply",
			write: func(t *testing.T) {
				id, err := qlog.Add(ctx, questions.Entry{At: time.Now(), Channel: bot.ChannelWeChat, UserID: "o-resident",
					Question: faqQuestion, Mode: questions.ModeReferral})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := cli.Reply(ctx, id, "晒谷场是村集体的，先找村委会协调。", "admin"); err != nil {
					t.Fatal(err)
				}
			},
			want:  SyncSummary{Added: 1, Chunks: 1},
			query: faqQuestion, opts: current, text: "先找村委会协调", before: false, after: true,
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.write(t)
			if got := found(st.query, st.opts, st.text); got != st.before {
				t.Errorf("before Sync: %q finds %q = %v, want %v", st.query, st.text, got, st.before)
			}
			got, err := reader.Sync(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got.Took, got.Generation = 0, 0
			if got != st.want {
				t.Errorf("Sync = %+v, want %+v", got, st.want)
			}
			if got := found(st.query, st.opts, st.text); got != st.after {
				t.Errorf("after Sync: %q finds %q = %v, want %v", st.query, st.text, got, st.after)
			}
		})
	}
	// Both now hold what the database holds, and a Sync with nothing new
	// changes nothing.
	w, r := writer.docs, reader.docs
	if len(w) != len(r) {
		t.Fatalf("writer has %d documents, reader %d", len(w), len(r))
	}
	for id, m := range w {
		if r[id] != m {
			t.Errorf("document %s: writer %+v, reader %+v", id, m, r[id])
		}
	}
	if sum, err := writer.Sync(ctx); err != nil || !sum.Empty() {
		t.Errorf("writer's Sync after its own writes = %+v, %v; want nothing to do", sum, err)
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeferredIndexSeesWritesBeforeItIsBuilt: a Base opened with
// DeferIndex (serve builds the index after wiring) that another process
// writes to before the index is built uses the new document right away.
func TestDeferredIndexSeesWritesBeforeItIsBuilt(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	writer := openTest(t, db, newCounting("c/64"), true)
	reader, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(),
		Options{Embedder: newCounting("c/64"), NoStarter: true, DeferIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw})
	if _, err := writer.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	if rs := search(t, reader, "家庭暴力", SearchOptions{K: 5}); !hasArticle(rs, "第二条") {
		t.Errorf("first search after another process added the law: %+v, want 第二条", rs)
	}
}

// TestWatchSyncsInTheBackgroundWhileSearching: Watch brings a write of
// another Base over within a few intervals, searches running all along
// keep working, and Watch ends with its context.
func TestWatchSyncsInTheBackgroundWhileSearching(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	writer := openTest(t, db, newCounting("c/64"), true)
	reader := openTest(t, db, newCounting("c/64"), true)
	wctx, cancel := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() { defer close(watched); reader.Watch(wctx, 5*time.Millisecond) }()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var searchErr error
	wg.Add(1)
	go func() { // a resident asking all the time
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := reader.Search(ctx, "借款不还怎么办", SearchOptions{K: 5}); err != nil {
				searchErr = err
				return
			}
		}
	}()

	dir := t.TempDir()
	for i := range 5 {
		law := strings.ReplaceAll(testLaw, "乡村测试法", "乡村测试法"+strings.Repeat("甲", i+1))
		writeFiles(t, dir, map[string]string{"law" + string(rune('a'+i)) + ".md": law})
	}
	if _, err := writer.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if rs := search(t, reader, "借款人返还借款", SearchOptions{K: 10}); len(rs) >= 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Watch did not bring the new laws over within 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if searchErr != nil {
		t.Errorf("search during reloads: %v", searchErr)
	}
	cancel()
	select {
	case <-watched:
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not end with its context")
	}
}

// TestSyncCompactsAnIndexOfMostlyTombstones: a document replaced over and
// over leaves its old chunks in the index as tombstones; once they
// outnumber the live chunks (and reach compactMin), Sync rebuilds the
// index without them, and searches find the current text only.
func TestSyncCompactsAnIndexOfMostlyTombstones(t *testing.T) {
	ctx := context.Background()
	db := storage.MustOpenTemp(t)
	writer := openTest(t, db, newCounting("c/64"), true)
	reader := openTest(t, db, newCounting("c/64"), true)
	reader.compactMin = 4
	dir := t.TempDir()
	versions := []struct {
		name     string
		text     string // the second article's new words
		rebuilt  bool   // Sync rebuilds the index
		wantDead int    // tombstones after Sync
	}{
		{"first version", "禁止家庭暴力。", false, 0},
		{"replaced once: as many dead as live", "禁止虐待老人。", false, 4},
		{"replaced twice: more dead than live", "禁止遗弃儿童。", true, 0},
	}
	for _, v := range versions {
		t.Run(v.name, func(t *testing.T) {
			writeFiles(t, dir, map[string]string{"乡村测试法.md": strings.Replace(testLaw, "禁止家庭暴力。", v.text, 1)})
			if _, err := writer.AddPaths(ctx, []string{dir}, nil); err != nil {
				t.Fatal(err)
			}
			before := reader.idx
			if _, err := reader.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			if rebuilt := reader.idx != before; rebuilt != v.rebuilt {
				t.Errorf("index rebuilt = %v, want %v", rebuilt, v.rebuilt)
			}
			if dead := reader.slots - reader.idx.Len(); dead != v.wantDead || reader.idx.Len() != 4 {
				t.Errorf("index: %d live, %d dead; want 4 live, %d dead", reader.idx.Len(), dead, v.wantDead)
			}
			rs := search(t, reader, strings.TrimSuffix(v.text, "。"), SearchOptions{K: 5, IncludeRetired: true})
			if !hasArticle(rs, "第二条") {
				t.Errorf("the current text %q is not found: %+v", v.text, rs)
			}
			for _, r := range search(t, reader, "家庭暴力 虐待老人 遗弃儿童", SearchOptions{K: 10, IncludeRetired: true}) {
				if r.Article == "第二条" && !strings.Contains(r.Text, v.text) {
					t.Errorf("an old version is still found: %q", r.Text)
				}
			}
		})
	}
}
