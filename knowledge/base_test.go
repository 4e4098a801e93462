package knowledge

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge/embed"
	"github.com/pufabot/pufabot/knowledge/faq"
	"github.com/pufabot/pufabot/knowledge/loader"
)

// countingEmbedder wraps the local embedder, counts texts embedded and can
// fail once it has embedded failAfter texts (failAfter < 0: never).
type countingEmbedder struct {
	*embed.Local
	id        string
	texts     atomic.Int64
	failAfter int64
}

var _ embed.Embedder = (*countingEmbedder)(nil)

func newCounting(id string) *countingEmbedder {
	return &countingEmbedder{Local: embed.NewLocal(64), id: id, failAfter: -1}
}

func (c *countingEmbedder) ID() string { return c.id }

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	n := c.texts.Add(int64(len(texts)))
	if c.failAfter >= 0 && n > c.failAfter {
		return nil, errors.New("embedding service unavailable (test)")
	}
	return c.Local.Embed(ctx, texts)
}

const testLaw = `# 中华人民共和国乡村测试法

2020年5月28日第十三届全国人民代表大会第三次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了保护农村村民的宅基地权益，制定本法。

第二条 禁止家庭暴力。家庭成员之间应当互相帮助。

## 第二章 借款

第三条 借款人应当按照约定的期限返还借款。

第四条 出借人可以催告借款人在合理期限内返还。
`

const testMaterial = `关于开展民法典宣传月活动的通知

各村：为做好民法典宣传月工作，请各村在五月组织法治讲座，发放宣传资料，宣传养犬管理规定。

联系人：张三。
`

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func openTest(t *testing.T, db *sql.DB, emb embed.Embedder, noStarter bool) *Base {
	t.Helper()
	// A ticking clock, safe for the base's concurrent loads.
	var mu sync.Mutex
	clock := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	b, err := Open(context.Background(), db, DefaultConfig(), DefaultEmbeddingConfig(),
		Options{Embedder: emb, NoStarter: noStarter, Now: now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return b
}

func search(t *testing.T, b *Base, q string, opts SearchOptions) []Result {
	t.Helper()
	rs, err := b.Search(context.Background(), q, opts)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return rs
}

func hasArticle(rs []Result, article string) bool {
	for _, r := range rs {
		if r.Article == article {
			return true
		}
	}
	return false
}

func TestOpenEmptyLoadsStarterFAQ(t *testing.T) {
	db := storage.MustOpenTemp(t)
	b := openTest(t, db, newCounting("c/64"), false)
	st, err := b.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 || st.Chunks != len(faq.Entries()) || st.ByKind["faq"] != 1 {
		t.Fatalf("stats = %+v, want one FAQ document with %d chunks", st, len(faq.Entries()))
	}
	rs := search(t, b, "老公打我怎么办", SearchOptions{K: 3})
	if len(rs) == 0 || rs[0].Kind != "faq" || !strings.Contains(rs[0].Text, "家庭暴力") {
		t.Fatalf("top result = %+v, want the FAQ on 家暴", rs)
	}
	if rs[0].Law != "" || rs[0].Article != "" || rs[0].Source != faq.SourceName(faq.Version) {
		t.Errorf("FAQ result law/article/source = %q/%q/%q", rs[0].Law, rs[0].Article, rs[0].Source)
	}
	// A second open of a non-empty base does not load it again.
	b2 := openTest(t, db, newCounting("c/64"), false)
	if docs, _ := b2.List(context.Background()); len(docs) != 1 {
		t.Fatalf("documents after reopen = %d, want 1", len(docs))
	}
}

// TestRefreshStarterReplacesAnOlderVersion: a data directory holding the
// starter FAQ of an older version gets this version's, keeping its status
// (an admin who retired it does not see it back in answers); the same
// version and a newer one are left alone, and a failed refresh keeps the
// stored one.
func TestRefreshStarterReplacesAnOlderVersion(t *testing.T) {
	ctx := context.Background()
	all := faq.Entries()
	oldStarter := func(t *testing.T, retire bool) *sql.DB {
		db := storage.MustOpenTemp(t)
		old := openTest(t, db, newCounting("c/64"), true)
		p, err := old.prepareFAQ(ctx, starterKey, faq.Title, faq.Source, "md", all[:10])
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := old.commit(ctx, p); err != nil {
			t.Fatal(err)
		}
		if retire {
			if err := old.Retire(ctx, docID(starterKey), StatusRepealed); err != nil {
				t.Fatal(err)
			}
		}
		return db
	}
	for _, retire := range []bool{false, true} {
		db := oldStarter(t, retire)
		b := openTest(t, db, newCounting("c/64"), false)
		if d, _ := b.Document(ctx, docID(starterKey)); d.Chunks != 10 {
			t.Fatalf("Open alone changed the stored starter FAQ: %d entries, want 10", d.Chunks)
		}
		if ok, err := b.RefreshStarter(ctx); !ok || err != nil {
			t.Fatalf("retired %v: RefreshStarter = %v, %v; want true, nil", retire, ok, err)
		}
		d, err := b.Document(ctx, docID(starterKey))
		if err != nil {
			t.Fatal(err)
		}
		wantStatus := StatusCurrent
		if retire {
			wantStatus = StatusRepealed
		}
		if d.Chunks != len(all) || d.Status != wantStatus || d.Source != faq.SourceName(faq.Version) {
			t.Errorf("retired %v: starter FAQ after the refresh has %d entries, status %s, source %q; want %d, %s, %q",
				retire, d.Chunks, d.Status, d.Source, len(all), wantStatus, faq.SourceName(faq.Version))
		}
		rs := search(t, b, all[len(all)-1].Question, SearchOptions{K: 3})
		found := len(rs) > 0 && rs[0].Title == all[len(all)-1].Question
		if found == retire {
			t.Errorf("retired %v: newest entry found in search = %v (results %+v)", retire, found, rs)
		}
		// The same version again: nothing to do, nothing embedded.
		emb := newCounting("c/64")
		b2 := openTest(t, db, emb, false)
		if ok, err := b2.RefreshStarter(ctx); ok || err != nil || emb.texts.Load() != 0 {
			t.Errorf("retired %v: refresh of the same version = %v, %v with %d texts embedded; want false, nil, 0", retire, ok, err, emb.texts.Load())
		}
	}

	// A newer version, stored by a later build before going back to this
	// one, is kept: going back does not take entries away.
	db := storage.MustOpenTemp(t)
	later := openTest(t, db, newCounting("c/64"), true)
	p, err := later.prepareFAQ(ctx, starterKey, faq.Title, faq.SourceName(faq.Version+1), "md", all[:10])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := later.commit(ctx, p); err != nil {
		t.Fatal(err)
	}
	emb := newCounting("c/64")
	b := openTest(t, db, emb, false)
	if ok, err := b.RefreshStarter(ctx); ok || err != nil || emb.texts.Load() != 0 {
		t.Errorf("refresh over a newer version = %v, %v with %d texts embedded; want false, nil, 0", ok, err, emb.texts.Load())
	}
	if d, _ := b.Document(ctx, docID(starterKey)); d.Chunks != 10 || d.Source != faq.SourceName(faq.Version+1) {
		t.Errorf("a newer starter FAQ was replaced: %d entries, source %q; want 10, %q", d.Chunks, d.Source, faq.SourceName(faq.Version+1))
	}

	// The embedding endpoint down: an error, and the stored version stays.
	db = oldStarter(t, false)
	down := newCounting("c/64")
	down.failAfter = 0
	b = openTest(t, db, down, false)
	if ok, err := b.RefreshStarter(ctx); ok || err == nil {
		t.Errorf("refresh with the embedder down = %v, %v; want false and an error", ok, err)
	}
	if d, _ := b.Document(ctx, docID(starterKey)); d.Chunks != 10 {
		t.Errorf("after a failed refresh the starter FAQ has %d entries, want the stored 10", d.Chunks)
	}

	// A base without a starter FAQ (an admin removed it) stays without.
	db = storage.MustOpenTemp(t)
	nb := openTest(t, db, newCounting("c/64"), true)
	if ok, err := nb.RefreshStarter(ctx); ok || err != nil {
		t.Errorf("refresh with no starter FAQ stored = %v, %v; want false, nil", ok, err)
	}
}

func TestAddPathsLoadsGoodFilesAndReportsBadOnes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"laws/乡村测试法.md":    testLaw,
		"material/通知.txt":  testMaterial,
		"material/表格.xls":  "not a supported format",
		"material/坏的.docx": "this is not a zip file",
	})
	b := openTest(t, storage.MustOpenTemp(t), newCounting("c/64"), true)
	sum, err := b.AddPaths(ctx, []string{dir}, nil)
	if err == nil {
		t.Fatal("AddPaths with bad files returned no error")
	}
	if sum.Added != 2 || len(sum.Failed) != 2 {
		t.Fatalf("summary = %+v, want 2 added, 2 failed", sum)
	}
	for _, f := range sum.Failed {
		if !strings.Contains(f.Err.Error(), filepath.Base(f.Path)) {
			t.Errorf("error %q does not name the file %s", f.Err, f.Path)
		}
	}
	docs, _ := b.List(ctx)
	if len(docs) != 2 {
		t.Fatalf("documents = %d, want 2 (nothing of the bad files)", len(docs))
	}
	var law DocInfo
	for _, d := range docs {
		if d.Kind == "law" {
			law = d
		}
	}
	if law.Title != "中华人民共和国乡村测试法" || law.Chunks != 4 || law.Status != StatusCurrent || !strings.HasPrefix(law.ID, "d-") {
		t.Fatalf("law document = %+v", law)
	}
	rs := search(t, b, "借的钱要按约定的期限还吗", SearchOptions{K: 2, Kinds: []string{"law"}})
	if len(rs) == 0 || rs[0].Law != "中华人民共和国乡村测试法" || rs[0].Article != "第三条" || rs[0].DocID != law.ID {
		t.Fatalf("search = %+v, want 第三条 of the test law", rs)
	}
	if rs[0].Source != "乡村测试法.md" || rs[0].ChunkID == 0 || rs[0].Chapter == "" {
		t.Errorf("result metadata = %+v", rs[0])
	}
	// Non-law chunks carry no law or article.
	rs = search(t, b, "民法典宣传月", SearchOptions{K: 1, Kinds: []string{"material"}})
	if len(rs) != 1 || rs[0].Law != "" || rs[0].Article != "" {
		t.Fatalf("material result = %+v", rs)
	}
}

func TestReaddUnchangedDoesNothingAndChangedReplaces(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw})
	emb := newCounting("c/64")
	b := openTest(t, storage.MustOpenTemp(t), emb, true)
	if _, err := b.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := b.List(ctx)
	embedded := emb.texts.Load()

	sum, err := b.AddPaths(ctx, []string{dir}, nil)
	if err != nil || sum.Unchanged != 1 || sum.Added+sum.Replaced != 0 {
		t.Fatalf("re-add: %+v, %v; want 1 unchanged", sum, err)
	}
	if emb.texts.Load() != embedded {
		t.Error("re-adding an unchanged file embedded again")
	}
	after, _ := b.List(ctx)
	if after[0].UpdatedAt != before[0].UpdatedAt {
		t.Error("re-adding an unchanged file touched the document")
	}

	changed := strings.Replace(testLaw, "第四条 出借人可以催告借款人在合理期限内返还。", "第四条 耕地的承包期为三十年。\n\n第五条 新增的一条。", 1)
	writeFiles(t, dir, map[string]string{"乡村测试法.md": changed})
	if err := b.Retire(ctx, before[0].ID, StatusAmended); err != nil {
		t.Fatal(err)
	}
	sum, err = b.AddPaths(ctx, []string{dir}, nil)
	if err != nil || sum.Replaced != 1 {
		t.Fatalf("changed: %+v, %v; want 1 replaced", sum, err)
	}
	docs, _ := b.List(ctx)
	if len(docs) != 1 || docs[0].ID != before[0].ID || docs[0].Chunks != 5 || docs[0].Status != StatusAmended {
		t.Fatalf("after replace: %+v, want same id, 5 chunks, status kept", docs)
	}
	b.Retire(ctx, docs[0].ID, StatusCurrent)
	rs := search(t, b, "耕地承包期多久", SearchOptions{K: 3})
	if !hasArticle(rs, "第四条") || strings.Contains(rs[0].Text, "催告") {
		t.Fatalf("search after replace = %+v", rs)
	}
	if rs := search(t, b, "出借人催告", SearchOptions{K: 5}); len(rs) > 0 && strings.Contains(rs[0].Text, "催告") {
		t.Fatalf("old text still found: %+v", rs)
	}
	assertCount(t, b, "SELECT count(*) FROM kb_chunks", 5)
	assertCount(t, b, "SELECT count(*) FROM kb_embeddings", 5)
}

func assertCount(t *testing.T, b *Base, q string, want int) {
	t.Helper()
	var n int
	if err := b.store.(*sqlStore).db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("%s = %d, want %d", q, n, want)
	}
}

// TestFailedReplaceKeepsOldVersion fails the embedder while a changed file
// is being replaced: the old version must stay whole and searchable.
func TestFailedReplaceKeepsOldVersion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw})
	emb := newCounting("c/64")
	b := openTest(t, storage.MustOpenTemp(t), emb, true)
	if _, err := b.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"乡村测试法.md": strings.ReplaceAll(testLaw, "借款", "租金")})
	emb.failAfter = emb.texts.Load() // the next embedding fails
	sum, err := b.AddPaths(ctx, []string{dir}, nil)
	if err == nil || !strings.Contains(err.Error(), "embedding") || !strings.Contains(err.Error(), "re-run") {
		t.Fatalf("err = %v, want a clear embedding error", err)
	}
	if sum.Replaced != 0 {
		t.Fatalf("summary = %+v, want nothing replaced", sum)
	}
	emb.failAfter = -1
	rs := search(t, b, "借款人返还借款", SearchOptions{K: 1})
	if len(rs) != 1 || rs[0].Article != "第三条" || !strings.Contains(rs[0].Text, "借款") {
		t.Fatalf("old version not searchable: %+v", rs)
	}
	assertCount(t, b, "SELECT count(*) FROM kb_chunks WHERE text LIKE '%租金%'", 0)
	assertCount(t, b, "SELECT count(*) FROM kb_chunks", 4)
	// The re-run, with the service back, replaces it.
	if sum, err := b.AddPaths(ctx, []string{dir}, nil); err != nil || sum.Replaced != 1 {
		t.Fatalf("re-run: %+v, %v", sum, err)
	}
}

func TestRetireAndRemove(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw})
	b := openTest(t, storage.MustOpenTemp(t), newCounting("c/64"), true)
	sum, err := b.AddPaths(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := sum.Docs[0].ID
	if err := b.Retire(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	if rs := search(t, b, "家庭暴力", SearchOptions{K: 5}); len(rs) != 0 {
		t.Fatalf("retired document still answers: %+v", rs)
	}
	if rs := search(t, b, "家庭暴力", SearchOptions{K: 5, IncludeRetired: true}); !hasArticle(rs, "第二条") {
		t.Fatalf("IncludeRetired did not find it: %+v", rs)
	}
	if d, err := b.Document(ctx, id); err != nil || d.Status != StatusRepealed {
		t.Fatalf("document = %+v, %v; want status 已废止", d, err)
	}
	// Retirement survives a restart.
	b2 := openTest(t, b.store.(*sqlStore).db, newCounting("c/64"), true)
	if rs := search(t, b2, "家庭暴力", SearchOptions{K: 5}); len(rs) != 0 {
		t.Fatalf("retired document answers after restart: %+v", rs)
	}
	if err := b.Retire(ctx, id, "作废"); !errors.Is(err, ErrBadStatus) {
		t.Errorf("bad status err = %v", err)
	}
	if err := b.Retire(ctx, "d-nope", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id err = %v", err)
	}
	if err := b.Remove(ctx, id); err != nil {
		t.Fatal(err)
	}
	if rs := search(t, b, "家庭暴力", SearchOptions{K: 5, IncludeRetired: true}); len(rs) != 0 {
		t.Fatalf("removed document still found: %+v", rs)
	}
	assertCount(t, b, "SELECT count(*) FROM kb_embeddings", 0)
	if err := b.Remove(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("second remove err = %v", err)
	}
}

func TestReopenUsesStoredVectorsAndReembedsOnEmbedderChange(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"乡村测试法.md": testLaw, "通知.txt": testMaterial})
	db := storage.MustOpenTemp(t)
	b := openTest(t, db, newCounting("c/64"), true)
	if _, err := b.AddPaths(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	want := search(t, b, "宅基地", SearchOptions{K: 3})

	same := newCounting("c/64")
	b2 := openTest(t, db, same, true)
	if n := same.texts.Load(); n != 0 {
		t.Fatalf("reopen embedded %d texts, want 0 (vectors are stored)", n)
	}
	got := search(t, b2, "宅基地", SearchOptions{K: 3})
	if len(got) != len(want) || got[0].ChunkID != want[0].ChunkID || math.Abs(got[0].Score-want[0].Score) > 1e-6 {
		t.Fatalf("after reopen %+v, want %+v", got, want)
	}

	other := newCounting("other/64")
	other.failAfter = 2 // the first re-embedding attempt dies half-way
	if _, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{Embedder: other, NoStarter: true}); err == nil {
		t.Fatal("Open with a failing embedder returned no error")
	}
	other = newCounting("other/64")
	var prog fakeProgress
	b3, err := Open(ctx, db, DefaultConfig(), DefaultEmbeddingConfig(), Options{Embedder: other, NoStarter: true, Progress: &prog})
	if err != nil {
		t.Fatal(err)
	}
	chunks := 0
	for _, d := range mustList(t, b3) {
		chunks += d.Chunks
	}
	if prog.total != chunks || prog.steps != chunks || !prog.done {
		t.Errorf("progress = %+v, want %d steps", prog, chunks)
	}
	assertCount(t, b3, "SELECT count(*) FROM kb_embeddings WHERE embedder_id <> 'other/64'", 0)
	assertCount(t, b3, "SELECT count(*) FROM kb_embeddings WHERE embedder_id = 'other/64'", chunks)
	if rs := search(t, b3, "宅基地", SearchOptions{K: 1}); len(rs) != 1 || rs[0].Article != "第一条" {
		t.Fatalf("search after re-embed = %+v", rs)
	}
}

type fakeProgress struct {
	total, steps int
	done         bool
}

func (p *fakeProgress) Start(_ string, total int) { p.total = total }
func (p *fakeProgress) Step(string)               { p.steps++ }
func (p *fakeProgress) Done()                     { p.done = true }

func mustList(t *testing.T, b *Base) []DocInfo {
	t.Helper()
	docs, err := b.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestAddFileAndFAQ(t *testing.T) {
	ctx := context.Background()
	b := openTest(t, storage.MustOpenTemp(t), newCounting("c/64"), true)
	d, err := b.AddFile(ctx, "../../etc/乡村测试法.md", []byte(testLaw), "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "乡村测试法.md" || d.Kind != "law" || d.Chunks != 4 {
		t.Fatalf("doc = %+v", d)
	}
	tests := []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"unsupported", "a.exe", []byte("MZ"), loader.ErrUnsupported},
		{"empty text", "空.txt", []byte("   \n"), loader.ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := b.AddFile(ctx, tc.file, tc.data, ""); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := b.AddFile(ctx, "x.md", []byte(testLaw), "statute"); !errors.Is(err, ErrBadKind) {
		t.Errorf("bad kind err = %v", err)
	}
	if n := len(mustList(t, b)); n != 1 {
		t.Fatalf("documents = %d, want 1 (nothing of the bad uploads)", n)
	}

	id, err := b.AddFAQ(ctx, "村里的路灯坏了找谁？", "找村委会登记报修。", "")
	if err != nil {
		t.Fatal(err)
	}
	rs := search(t, b, "路灯坏了", SearchOptions{K: 1})
	if len(rs) != 1 || rs[0].DocID != id || rs[0].Kind != "faq" || !strings.Contains(rs[0].Text, "村委会") {
		t.Fatalf("FAQ search = %+v", rs)
	}
	// Answering the same question again replaces the answer.
	id2, err := b.AddFAQ(ctx, "村里的路灯坏了找谁？", "拨打镇上的服务热线。", "")
	if err != nil || id2 != id {
		t.Fatalf("second AddFAQ = %s, %v; want same id %s", id2, err, id)
	}
	if rs := search(t, b, "路灯坏了", SearchOptions{K: 1}); !strings.Contains(rs[0].Text, "热线") {
		t.Fatalf("answer not replaced: %+v", rs)
	}
}

func TestTraditionalAndSimplifiedFindTheSame(t *testing.T) {
	ctx := context.Background()
	b := openTest(t, storage.MustOpenTemp(t), newCounting("c/64"), true)
	trad := strings.NewReplacer("禁止家庭暴力", "禁止家庭暴力", "家庭成员之间应当互相帮助", "家庭成員之間應當互相幫助",
		"借款人应当按照约定的期限返还借款", "借款人應當按照約定的期限返還借款").Replace(testLaw)
	if _, err := b.AddFile(ctx, "繁體.md", []byte(trad), "law"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"借款人返还借款", "借款人返還借款"} {
		rs := search(t, b, q, SearchOptions{K: 1})
		if len(rs) != 1 || rs[0].Article != "第三条" || !strings.Contains(rs[0].Text, "返還") {
			t.Errorf("%s: %+v, want 第三条 in its original script", q, rs)
		}
	}
}

func TestSafeName(t *testing.T) {
	tests := map[string]string{
		"../../x.docx":        "x.docx",
		`C:\Users\a\民法典.docx`: "民法典.docx",
		"/etc/passwd":         "passwd",
		"..":                  "upload",
		"":                    "upload",
		"普通.pdf":              "普通.pdf",
	}
	for in, want := range tests {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSameContentElsewhereIsNotStoredTwice(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"laws/乡村测试法.md": testLaw, "laws-all/民事/乡村测试法.md": testLaw})
	b := openTest(t, storage.MustOpenTemp(t), newCounting("c/64"), true)
	sum, err := b.AddPaths(ctx, []string{filepath.Join(dir, "laws")}, nil)
	if err != nil || sum.Added != 1 {
		t.Fatalf("first: %+v, %v", sum, err)
	}
	sum, err = b.AddPaths(ctx, []string{filepath.Join(dir, "laws-all")}, nil)
	if err != nil || sum.Duplicates != 1 || sum.Added != 0 {
		t.Fatalf("second place: %+v, %v; want 1 duplicate", sum, err)
	}
	d, err := b.AddFile(ctx, "副本.md", []byte(testLaw), "")
	if err != nil || d.Source != "乡村测试法.md" {
		t.Fatalf("upload of the same content = %+v, %v; want the stored document", d, err)
	}
	if n := len(mustList(t, b)); n != 1 {
		t.Fatalf("documents = %d, want 1", n)
	}
	n := 0
	for _, r := range search(t, b, "家庭暴力", SearchOptions{K: 10}) {
		if r.Article == "第二条" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("第二条 found %d times, want once", n)
	}
}

func TestTwoCopiesInOneRunStoredOnce(t *testing.T) {
	files := map[string]string{}
	for i := range 8 {
		files[fmt.Sprintf("d%d/乡村测试法.md", i)] = testLaw
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	b := openTest(t, storage.MustOpenTemp(t), newCounting("c/64"), true)
	sum, err := b.AddPaths(context.Background(), []string{dir}, nil)
	if err != nil || sum.Added != 1 || sum.Duplicates != 7 {
		t.Fatalf("summary = %+v, %v; want 1 added, 7 duplicates", sum, err)
	}
}
