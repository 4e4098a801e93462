package knowledge

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/pufabot/pufabot/knowledge/chunk"
	"github.com/pufabot/pufabot/knowledge/embed"
	"github.com/pufabot/pufabot/knowledge/index"
	"github.com/pufabot/pufabot/knowledge/loader"
	"github.com/pufabot/pufabot/knowledge/textnorm"
	"github.com/pufabot/pufabot/knowledge/vocab"
)

// Progress shows how far a long job has come (knowledge/progress has a
// terminal bar and a plain-lines implementation). Implementations must be
// safe for concurrent use.
type Progress interface {
	// Start begins a job of total steps.
	Start(label string, total int)
	// Step records one finished step; item names it (a file).
	Step(item string)
	// Done ends the job.
	Done()
}

// Options are the Base's outside world, injectable for tests.
type Options struct {
	// Logger gets operational messages; nil discards them.
	Logger *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Embedder replaces the one EmbeddingConfig describes (tests).
	Embedder embed.Embedder
	// HTTPClient is used by the OpenAI-compatible embedder (nil: a default
	// client with a timeout).
	HTTPClient *http.Client
	// Progress shows re-embedding at start-up; nil shows nothing.
	Progress Progress
	// NoStarter keeps an empty knowledge base empty instead of loading the
	// starter FAQ.
	NoStarter bool
	// DeferIndex leaves building the in-memory index to the first search
	// (or BuildIndex, or Stats) instead of Open: commands that only add,
	// list or retire documents then skip it (seconds for laws-all).
	DeferIndex bool
}

// Base is the knowledge base: documents and chunks in SQL (the source of
// truth) and the in-memory hybrid index built from them. It is safe for
// concurrent use; writes are serialised.
type Base struct {
	store store
	emb   embed.Embedder
	dim   int
	// idx is nil until built (Options.DeferIndex); it is set under writeMu
	// and mu, so either lock makes reading it safe.
	idx   *index.Index
	vocab *vocab.Vocab
	log   *slog.Logger
	now   func() time.Time

	// writeMu serialises writers so that the database and the index change
	// in the same order.
	writeMu sync.Mutex
	mu      sync.RWMutex
	docs    map[string]docMeta
	// gen is the database generation that docs and idx reflect (see
	// Sync), -1 before the first read; it is read and set under writeMu.
	gen int64
	// slots counts the chunks put in idx since it was built, removed ones
	// included (they stay as tombstones); compactMin is how many
	// tombstones, at least, make Sync rebuild the index (see compact).
	// Both under writeMu.
	slots, compactMin int
}

// docMeta is what a search result needs of its document.
type docMeta struct {
	title, source, status, kind string
	chunks                      int
	// gen is the generation of the write that stored the chunks indexed.
	gen int64
}

// Open migrates the knowledge base's tables, chooses the embedder, brings
// stored vectors up to date with it (re-embedding everything when the
// embedder changed, never mixing vectors of two embedders), builds the
// in-memory index from the database (unless Options.DeferIndex) and, when
// the knowledge base is empty, loads the starter FAQ (see also
// RefreshStarter).
func Open(ctx context.Context, db *sql.DB, cfg Config, ecfg EmbeddingConfig, opts Options) (*Base, error) {
	st, err := newSQLStore(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("knowledge base: %w", err)
	}
	return open(ctx, st, cfg, ecfg, opts)
}

func open(ctx context.Context, st store, cfg Config, ecfg EmbeddingConfig, opts Options) (*Base, error) {
	// gen -1: nothing read yet (a database from before generations were
	// counted is at 0).
	b := &Base{store: st, log: opts.Logger, now: opts.Now, docs: map[string]docMeta{}, gen: -1,
		compactMin: defaultCompactMin}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	b.emb = opts.Embedder
	if b.emb == nil {
		var err error
		if b.emb, err = newEmbedder(ecfg, opts.HTTPClient); err != nil {
			return nil, err
		}
	}
	v, err := vocab.Load(cfg.VocabFile)
	if err != nil {
		return nil, fmt.Errorf("knowledge base: %w", err)
	}
	b.vocab = v
	dim := b.emb.Dim()
	if dim <= 0 {
		// The model's default size: ask once. (Setting [embedding]
		// dimensions spares this call, so start-up does not need the
		// endpoint.)
		vs, err := b.emb.Embed(ctx, []string{"测试"})
		if err == nil && (len(vs) != 1 || len(vs[0]) == 0) {
			err = errors.New("no vector returned")
		}
		if err != nil {
			return nil, fmt.Errorf("knowledge base: probe embedding size of %s: %w", b.emb.ID(), err)
		}
		dim = len(vs[0])
	}
	b.dim = dim
	if err := b.reembed(ctx, opts.Progress); err != nil {
		return nil, err
	}
	// The document table, as of the generation read first: a write that
	// lands meanwhile is caught up by the next Sync.
	b.writeMu.Lock()
	_, err = b.syncLocked(ctx)
	b.writeMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("knowledge base: %w", err)
	}
	b.log.Info("knowledge base opened", "documents", len(b.docs), "embedder", b.emb.ID(), "index_deferred", opts.DeferIndex)
	if !opts.DeferIndex {
		if err := b.BuildIndex(ctx); err != nil {
			return nil, err
		}
	}
	if len(b.docs) == 0 && !opts.NoStarter {
		if err := b.loadStarter(ctx); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// newEmbedder builds the embedder the [embedding] section describes.
func newEmbedder(c EmbeddingConfig, hc *http.Client) (embed.Embedder, error) {
	switch c.Provider {
	case "", "local":
		return embed.NewLocal(c.Dimensions), nil
	case "openai":
		return embed.NewOpenAI(embed.OpenAIConfig{
			BaseURL: c.BaseURL, APIKey: c.APIKey, Model: c.Model, Dimensions: c.Dimensions, HTTPClient: hc,
		})
	default:
		return nil, fmt.Errorf("embedding.provider: unknown provider %q", c.Provider)
	}
}

// reembedBatch is how many chunks are re-embedded and stored per transaction.
const reembedBatch = 256

// reembed gives every chunk a vector by the current embedder. Each batch
// is stored in its own transaction, so an interrupted run resumes where it
// stopped; the index is only built once every vector is current.
func (b *Base) reembed(ctx context.Context, p Progress) error {
	id := b.emb.ID()
	n, err := b.store.countStale(ctx, id)
	if err != nil || n == 0 {
		return err
	}
	b.log.Info("re-embedding the knowledge base", "chunks", n, "embedder", id)
	if p != nil {
		p.Start("重新计算向量 "+id, n)
		defer p.Done()
	}
	var (
		ids   []int64
		texts []string
	)
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		vecs, err := b.emb.Embed(ctx, texts)
		if err != nil {
			return fmt.Errorf("re-embed with %s: %w", id, err)
		}
		if len(vecs) != len(ids) {
			return fmt.Errorf("re-embed with %s: got %d vectors for %d texts", id, len(vecs), len(ids))
		}
		m := make(map[int64][]float32, len(ids))
		for i, cid := range ids {
			m[cid] = vecs[i]
		}
		if err := b.store.putVectors(ctx, id, m); err != nil {
			return err
		}
		if p != nil {
			for range ids {
				p.Step("")
			}
		}
		ids, texts = ids[:0], texts[:0]
		return nil
	}
	// Collect first: writing while a read cursor is open would deadlock a
	// single-connection database.
	type stale struct {
		id   int64
		text string
	}
	var todo []stale
	err = b.store.scanChunks(ctx, id, true, func(c storedChunk) error {
		if c.Vector == nil {
			todo = append(todo, stale{c.ID, embedText(c.Text)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range todo {
		ids = append(ids, s.id)
		texts = append(texts, s.text)
		if len(ids) == reembedBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// indexBatch is how many chunks go to the index in one Add at start-up.
// The index's BM25 length norms depend on the batches (index.Add keeps
// them within 1% of the average), so changing it moves scores slightly.
const indexBatch = 8192

// buildGCPercent is the GOGC in force while the index is built.
const buildGCPercent = 25

// indexBuf is one batch of chunks on its way from the database to the
// index, with room for their vectors. The index copies what it keeps, so
// the buffers are reused: reading the rows then makes little garbage, and
// garbage (the GC letting the heap grow to twice what is live) was what
// set the start-up peak of resident memory.
type indexBuf struct {
	entries []index.Entry
	vecs    []float32 // indexBatch × dim
}

// BuildIndex builds the in-memory index from the database now, unless it
// is built already (Open builds it unless Options.DeferIndex). A server
// calls it before it takes questions.
func (b *Base) BuildIndex(ctx context.Context) error {
	_, err := b.index(ctx)
	return err
}

// index returns the in-memory index, building it first if need be.
func (b *Base) index(ctx context.Context) (*index.Index, error) {
	b.mu.RLock()
	idx := b.idx
	b.mu.RUnlock()
	if idx != nil {
		return idx, nil
	}
	// Writers wait: the index must see every row, and no write may miss it.
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	if b.idx != nil {
		return b.idx, nil
	}
	start := time.Now()
	// Another process may have written since Open read the document table
	// (the index reads the chunks as they are now).
	if _, err := b.syncLocked(ctx); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	idx, err := b.buildIndex(ctx)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.idx = idx
	b.mu.Unlock()
	b.slots = idx.Len()
	b.log.Info("knowledge index built", "documents", len(b.docs), "chunks", idx.Len(),
		"embedder", b.emb.ID(), "took", time.Since(start).Round(time.Millisecond))
	return idx, nil
}

// buildIndex reads every chunk with its vector into a fresh index. The
// caller holds writeMu.
func (b *Base) buildIndex(ctx context.Context) (*index.Index, error) {
	idx := index.New(b.dim)
	total := 0
	for _, d := range b.docs {
		total += d.chunks
	}
	idx.Grow(total)
	// The heap grows to the index's size while the build leaves garbage
	// behind (database rows, grown postings): with the default GOGC=100 the
	// GC lets the heap reach twice what is live before collecting, and that
	// was the start-up peak of resident memory (750 MB for laws-all, the
	// index itself 355 MB). Collect at a quarter over live while building:
	// the index is mostly pointer-free arrays, cheap to mark, so this
	// costs little CPU. A lower GOGC of the operator's (or off) stays.
	defer lowerGC()()
	// Reading rows, tokenising and inserting overlap: one goroutine scans
	// into a free buffer, the index tokenises one full buffer while it
	// inserts the one before, and hands each back when done with it.
	dim := b.dim
	const nbufs = 3
	free := make(chan *indexBuf, nbufs)
	for range nbufs {
		free <- &indexBuf{entries: make([]index.Entry, 0, indexBatch), vecs: make([]float32, indexBatch*dim)}
	}
	full := make(chan []index.Entry)
	sent := make(chan *indexBuf, nbufs) // the buffers in the index's hands, in order
	scanErr := make(chan error, 1)
	go func() {
		defer close(full)
		// Law names and chapter paths repeat across thousands of chunks:
		// keep one copy of each.
		strs := map[string]string{}
		intern := func(s string) string {
			if v, ok := strs[s]; ok {
				return v
			}
			strs[s] = s
			return s
		}
		var buf *indexBuf
		send := func() {
			sent <- buf
			full <- buf.entries
			buf = nil
		}
		err := b.store.scanIndexRows(ctx, b.emb.ID(), func(r indexRow, vec []byte) error {
			if buf == nil {
				buf = <-free
				buf.entries = buf.entries[:0]
			}
			e := index.Entry{ChunkID: r.ID, DocID: r.DocID, Kind: b.docs[r.DocID].kind, Law: intern(r.Law),
				Article: r.Article, Chapter: intern(r.Chapter), Title: r.Title, Text: r.Text}
			switch {
			case vec == nil:
			case len(vec) == 4*dim:
				n := len(buf.entries)
				e.Vector = decodeVectorInto(buf.vecs[n*dim:(n+1)*dim:(n+1)*dim], vec)
			default:
				e.Vector = decodeVector(vec) // the wrong size: Add says so
			}
			buf.entries = append(buf.entries, e)
			if len(buf.entries) == indexBatch {
				send()
			}
			return nil
		})
		if err == nil && buf != nil && len(buf.entries) > 0 {
			send()
		}
		scanErr <- err
	}()
	addErr := idx.AddAll(full, func([]index.Entry) { free <- <-sent })
	if err := errors.Join(<-scanErr, addErr); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	if idx.Len() > 20000 {
		// Hand what the build left over back to the OS now rather than
		// carry it as resident memory.
		debug.FreeOSMemory()
	}
	return idx, nil
}

// embedText is what the embedder reads of a chunk: its text, as the
// retrieval evaluation measured it (knowledge/index/eval_test.go).
func embedText(text string) string { return text }

// AddSummary reports what one AddPaths run did.
type AddSummary struct {
	// Added and Replaced count new documents and changed ones; Unchanged
	// counts files already loaded with the same content (skipped).
	Added, Replaced, Unchanged int
	// Duplicates counts new files whose content is already stored under
	// another name or place (skipped, not stored twice).
	Duplicates int
	// Chunks is the number of chunks written.
	Chunks int
	// Docs lists the documents written, in the order they were stored.
	Docs []DocInfo
	// Failed lists the files that could not be loaded; nothing of them
	// was stored.
	Failed []FileFailure
}

// FileFailure is one file that could not be loaded.
type FileFailure struct {
	Path string
	Err  error
}

// Outcome of adding one file.
const (
	outcomeAdded     = "added"
	outcomeReplaced  = "replaced"
	outcomeUnchanged = "unchanged"
	outcomeDuplicate = "duplicate"
)

// AddPaths loads files and directories (recursively). A file that cannot
// be loaded is reported in the summary and leaves nothing behind; the other
// files still load. The returned error is non-nil when any file failed or
// when the run stopped early (an embedding service failing, ctx cancelled):
// documents stored before the stop stay, and a re-run skips them as
// unchanged.
func (b *Base) AddPaths(ctx context.Context, paths []string, p Progress) (AddSummary, error) {
	var sum AddSummary
	var files []string
	for _, path := range paths {
		fi, err := os.Stat(path)
		if err != nil {
			sum.Failed = append(sum.Failed, FileFailure{path, fmt.Errorf("%s: %w", path, err)})
			continue
		}
		if !fi.IsDir() {
			files = append(files, path)
			continue
		}
		ok, bad, err := loader.Files(path)
		if err != nil {
			sum.Failed = append(sum.Failed, FileFailure{path, fmt.Errorf("%s: %w", path, err)})
			continue
		}
		files = append(files, ok...)
		for _, f := range bad {
			sum.Failed = append(sum.Failed, FileFailure{f, &loader.FileError{Path: f, Reason: "unsupported file type", Err: loader.ErrUnsupported}})
		}
	}
	total := len(files) + len(sum.Failed)
	if p != nil {
		p.Start("加载文件", len(files))
		defer p.Done()
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		path string
		prep *prepared
		err  error
	}
	jobs := make(chan string)
	results := make(chan result, 4)
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				prep, err := b.prepareFile(ctx, path)
				select {
				case results <- result{path, prep, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var fatal error
	for r := range results {
		if fatal != nil {
			continue // drain
		}
		if p != nil {
			p.Step(filepath.Base(r.path))
		}
		if r.err != nil {
			var ee *embedError
			if errors.As(r.err, &ee) || ctx.Err() != nil {
				fatal = r.err
				cancel()
				continue
			}
			sum.Failed = append(sum.Failed, FileFailure{r.path, r.err})
			continue
		}
		info, outcome, err := b.commit(ctx, r.prep)
		if err != nil {
			fatal = err
			cancel()
			continue
		}
		switch outcome {
		case outcomeUnchanged:
			sum.Unchanged++
			continue
		case outcomeDuplicate:
			sum.Duplicates++
			continue
		case outcomeAdded:
			sum.Added++
		case outcomeReplaced:
			sum.Replaced++
		}
		sum.Chunks += info.Chunks
		sum.Docs = append(sum.Docs, info)
	}
	if fatal != nil {
		return sum, fmt.Errorf("load stopped after %d new, %d changed and %d unchanged files (a re-run resumes): %w",
			sum.Added, sum.Replaced, sum.Unchanged, fatal)
	}
	if len(sum.Failed) > 0 {
		return sum, fmt.Errorf("%d of %d files could not be loaded", len(sum.Failed), total)
	}
	return sum, nil
}

// embedError marks a failure of the embedding service, which stops a load
// (every further file would fail the same way).
type embedError struct{ err error }

func (e *embedError) Error() string { return "embedding: " + e.err.Error() }
func (e *embedError) Unwrap() error { return e.err }

// prepared is a file loaded, chunked and embedded, ready to store. A nil
// chunks with unchanged set means the stored copy is current.
type prepared struct {
	rec       docRecord
	chunks    []chunkRecord
	unchanged bool
	// duplicate: the same content is stored under another source (rec).
	duplicate bool
}

// maxFileSize caps one file read from disk.
const maxFileSize = loader.MaxFileSize

func (b *Base) prepareFile(ctx context.Context, path string) (*prepared, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &loader.FileError{Path: path, Reason: "cannot read", Err: err}
	}
	if fi.Size() > maxFileSize {
		return nil, &loader.FileError{Path: path, Reason: fmt.Sprintf("larger than %d MB", maxFileSize>>20), Err: loader.ErrTooLarge}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &loader.FileError{Path: path, Reason: "cannot read", Err: err}
	}
	key := "file:" + path
	if abs, err := filepath.Abs(path); err == nil {
		key = "file:" + abs
	}
	return b.prepare(ctx, key, path, filepath.Base(path), data, "")
}

// prepare hashes, loads, chunks and embeds one file. A file whose source
// and content are already stored is returned as unchanged without parsing.
func (b *Base) prepare(ctx context.Context, key, path, source string, data []byte, kind string) (*prepared, error) {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	old, ok, err := b.store.documentBySource(ctx, key)
	if err != nil {
		return nil, err
	}
	if ok && old.SHA256 == hash {
		return &prepared{rec: docRecord{DocInfo: old, SourceKey: key}, unchanged: true}, nil
	}
	if !ok {
		// The same file already loaded from elsewhere (laws/ and laws-all/,
		// an upload of a file also added from disk) is not stored twice.
		if same, found, err := b.store.documentByContent(ctx, hash); err != nil {
			return nil, err
		} else if found {
			return &prepared{rec: docRecord{DocInfo: same}, duplicate: true}, nil
		}
	}
	doc, err := loader.LoadBytes(path, data)
	if err != nil {
		return nil, err
	}
	if kind == "" {
		kind = chunk.Detect(doc)
	}
	meta, chunks := chunk.Split(doc, kind)
	if len(chunks) == 0 {
		return nil, &loader.FileError{Path: path, Reason: "no text", Err: loader.ErrEmpty}
	}
	if meta.Kind != "" {
		kind = meta.Kind
	}
	title := meta.Title
	if title == "" {
		title = doc.Title
	}
	now := b.now()
	rec := docRecord{
		DocInfo: DocInfo{ID: docID(key), Kind: kind, Status: StatusCurrent, Title: title, VersionDate: meta.VersionDate,
			Source: source, Format: doc.Format, SHA256: hash, AddedAt: now, UpdatedAt: now, Chunks: len(chunks)},
		SourceKey: key,
		Header:    strings.Join(meta.Header, "\n"),
	}
	recs := make([]chunkRecord, len(chunks))
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		recs[i] = chunkRecord{Seq: c.Seq, Law: c.Law, Article: c.Article, ArticleNum: c.ArticleNum, Chapter: c.Chapter,
			Title: c.Title, Text: c.Text, NormText: textnorm.Normalize(c.Text)}
		texts[i] = embedText(c.Text)
	}
	if err := b.embedInto(ctx, recs, texts); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &prepared{rec: rec, chunks: recs}, nil
}

// embedBatch is how many texts go to the embedder in one call.
const embedBatch = 64

func (b *Base) embedInto(ctx context.Context, recs []chunkRecord, texts []string) error {
	for i := 0; i < len(texts); i += embedBatch {
		j := min(len(texts), i+embedBatch)
		vecs, err := b.emb.Embed(ctx, texts[i:j])
		if err != nil {
			return &embedError{err}
		}
		if len(vecs) != j-i {
			return &embedError{fmt.Errorf("got %d vectors for %d texts", len(vecs), j-i)}
		}
		for k, v := range vecs {
			recs[i+k].Vector = v
		}
	}
	return nil
}

// commit stores a prepared document in one transaction and then brings the
// index in step. The document's status and first-added time survive a
// replacement.
func (b *Base) commit(ctx context.Context, p *prepared) (DocInfo, string, error) {
	if p.unchanged {
		return p.rec.DocInfo, outcomeUnchanged, nil
	}
	if p.duplicate {
		return p.rec.DocInfo, outcomeDuplicate, nil
	}
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	outcome := outcomeAdded
	old, ok, err := b.store.documentBySource(ctx, p.rec.SourceKey)
	if err != nil {
		return DocInfo{}, "", err
	}
	if ok {
		if old.SHA256 == p.rec.SHA256 {
			return old, outcomeUnchanged, nil
		}
		outcome = outcomeReplaced
		p.rec.ID, p.rec.Status, p.rec.AddedAt = old.ID, old.Status, old.AddedAt
	} else {
		// Two copies of one file prepared side by side: store the first.
		same, found, err := b.store.documentByContent(ctx, p.rec.SHA256)
		if err != nil {
			return DocInfo{}, "", err
		}
		if found {
			return same, outcomeDuplicate, nil
		}
	}
	ids, gen, err := b.store.putDocument(ctx, p.rec, p.chunks, b.emb.ID())
	if err != nil {
		return DocInfo{}, "", err
	}
	var entries []index.Entry
	if b.idx != nil { // else it is built from the database when first needed
		entries = make([]index.Entry, len(p.chunks))
		for i, c := range p.chunks {
			entries[i] = index.Entry{ChunkID: ids[i], DocID: p.rec.ID, Kind: p.rec.Kind, Law: c.Law, Article: c.Article,
				Chapter: c.Chapter, Title: c.Title, Text: c.Text, Vector: c.Vector}
		}
	}
	b.mu.Lock()
	if b.idx != nil {
		b.idx.RemoveDoc(p.rec.ID)
		err = b.idx.Add(entries)
		b.slots += len(entries)
	}
	b.docs[p.rec.ID] = docMeta{title: p.rec.Title, source: p.rec.Source, status: p.rec.Status, kind: p.rec.Kind,
		chunks: len(p.chunks), gen: gen}
	b.mu.Unlock()
	if err != nil {
		return DocInfo{}, "", fmt.Errorf("index %s: %w", p.rec.Source, err)
	}
	b.wrote(gen)
	b.log.Debug("knowledge document stored", "id", p.rec.ID, "source", p.rec.Source, "chunks", len(p.chunks), "outcome", outcome)
	return p.rec.DocInfo, outcome, nil
}

// docID derives a document's id from the identity of its source, so a
// changed file keeps its id.
func docID(sourceKey string) string {
	s := sha256.Sum256([]byte(sourceKey))
	return "d-" + hex.EncodeToString(s[:5])
}

// fsSub returns the migrations directory of an embedded FS.
func fsSub(f fs.FS, dir string) (fs.FS, error) {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		return nil, fmt.Errorf("knowledge migrations: %w", err)
	}
	return sub, nil
}

// gcMu serialises lowerGC: GOGC is process-wide, and two builds that
// overlapped would otherwise restore each other's setting.
var gcMu sync.Mutex

// lowerGC sets GOGC to buildGCPercent for an index build, unless the
// operator's setting is already lower (or off), and returns the function
// that restores it. Overlapping builds wait for each other.
func lowerGC() (restore func()) {
	gcMu.Lock()
	old := debug.SetGCPercent(buildGCPercent)
	if old < buildGCPercent {
		debug.SetGCPercent(old)
	}
	return func() {
		debug.SetGCPercent(old)
		gcMu.Unlock()
	}
}
