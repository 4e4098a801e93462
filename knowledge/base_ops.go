package knowledge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pufabot/pufabot/knowledge/chunk"
	"github.com/pufabot/pufabot/knowledge/faq"
	"github.com/pufabot/pufabot/knowledge/index"
	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// ErrBadKind is returned for a document kind other than law, material, faq.
var ErrBadKind = errors.New("kind must be law, material or faq")

// ErrBadStatus is returned for a retire status other than 已废止 or 已修改.
var ErrBadStatus = errors.New("status must be 已废止 or 已修改")

// AddFile loads one uploaded file. name is reduced to its base name (a
// path in it is never used); kind is law, material, faq or empty to guess.
// Nothing is stored when the file cannot be loaded; the error is then a
// *loader.FileError saying why. A file whose content is already stored
// (under any name) returns that document.
func (b *Base) AddFile(ctx context.Context, name string, data []byte, kind string) (DocInfo, error) {
	base := SafeName(name)
	if kind != "" && kind != chunk.KindLaw && kind != chunk.KindMaterial && kind != chunk.KindFAQ {
		return DocInfo{}, fmt.Errorf("add %s: %w", base, ErrBadKind)
	}
	p, err := b.prepare(ctx, "upload:"+base, base, base, data, kind)
	if err != nil {
		return DocInfo{}, err
	}
	info, _, err := b.commit(ctx, p)
	return info, err
}

// SafeName reduces an uploaded file name to its base name, whatever the
// client's path separators ("../../x.docx", `C:\a\b.docx`).
func SafeName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = filepath.Base("/" + name)
	if name == "/" || name == "." || name == ".." {
		return "upload"
	}
	return name
}

// AddFAQ stores one question and its answer as a FAQ document (an admin
// answering a resident's question) and returns the document id. Adding the
// same question again replaces its answer.
func (b *Base) AddFAQ(ctx context.Context, question, answer, source string) (string, error) {
	question, answer = strings.TrimSpace(question), strings.TrimSpace(answer)
	if question == "" || answer == "" {
		return "", errors.New("add faq: question and answer must not be empty")
	}
	if source == "" {
		source = "管理员答复"
	}
	key := "faq:" + textnorm.Normalize(question)
	p, err := b.prepareFAQ(ctx, key, question, source, "faq", []faq.Entry{{Question: question, Answer: answer}})
	if err != nil {
		return "", err
	}
	info, _, err := b.commit(ctx, p)
	if err != nil {
		return "", err
	}
	return info.ID, nil
}

// starterKey is the source key of the starter FAQ.
const starterKey = "starter:faq"

// loadStarter stores the starter FAQ shipped with pufabot.
func (b *Base) loadStarter(ctx context.Context) error {
	p, err := b.prepareFAQ(ctx, starterKey, faq.Title, faq.SourceName(faq.Version), "md", faq.Entries())
	if err != nil {
		return fmt.Errorf("load starter FAQ: %w", err)
	}
	if _, _, err := b.commit(ctx, p); err != nil {
		return fmt.Errorf("load starter FAQ: %w", err)
	}
	b.log.Info("knowledge base was empty: loaded the starter FAQ", "questions", len(p.chunks))
	return nil
}

// RefreshStarter replaces a stored starter FAQ whose content differs from
// the one this build ships (an upgrade brought new or corrected entries)
// and reports whether it did. One of a newer version (stored by a later
// build, before going back to this one) is kept. The stored document keeps its status, so a
// retired starter FAQ stays out of answers; one an admin removed is not
// brought back. It embeds the entries (with a remote embedder, a call to
// the endpoint), so serve runs it in the background; on failure the stored
// version stays.
func (b *Base) RefreshStarter(ctx context.Context) (bool, error) {
	stored, err := b.store.document(ctx, docID(starterKey))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("refresh starter FAQ: %w", err)
	}
	if v := faq.VersionOf(stored.Source); v > faq.Version {
		b.log.Info("starter FAQ stored by a later version kept", "stored_version", v, "this_version", faq.Version)
		return false, nil
	}
	entries := faq.Entries()
	if stored.SHA256 == faqHash(entries) {
		return false, nil
	}
	p, err := b.prepareFAQ(ctx, starterKey, faq.Title, faq.SourceName(faq.Version), "md", entries)
	if err == nil {
		_, _, err = b.commit(ctx, p)
	}
	if err != nil {
		return false, fmt.Errorf("refresh starter FAQ: %w", err)
	}
	b.log.Info("starter FAQ updated to this version's", "version", faq.Version, "questions", len(entries), "before", stored.Chunks, "status", stored.Status)
	return true, nil
}

// faqHash identifies the content of a FAQ document.
func faqHash(entries []faq.Entry) string {
	h := sha256.New()
	for _, e := range entries {
		fmt.Fprintf(h, "%s\x00%s\x00", e.Question, e.Answer)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// prepareFAQ builds a FAQ document of whole question/answer chunks.
func (b *Base) prepareFAQ(ctx context.Context, key, title, source, format string, entries []faq.Entry) (*prepared, error) {
	hash := faqHash(entries)
	now := b.now()
	rec := docRecord{
		DocInfo: DocInfo{ID: docID(key), Kind: chunk.KindFAQ, Status: StatusCurrent, Title: title, Source: source,
			Format: format, SHA256: hash, AddedAt: now, UpdatedAt: now, Chunks: len(entries)},
		SourceKey: key,
	}
	recs := make([]chunkRecord, len(entries))
	texts := make([]string, len(entries))
	for i, e := range entries {
		text := "问：" + e.Question + "\n答：" + e.Answer
		recs[i] = chunkRecord{Seq: i, Title: e.Question, Text: text, NormText: textnorm.Normalize(text)}
		texts[i] = text
	}
	if err := b.embedInto(ctx, recs, texts); err != nil {
		return nil, err
	}
	return &prepared{rec: rec, chunks: recs}, nil
}

// List returns every document in the registry, retired ones included.
func (b *Base) List(ctx context.Context) ([]DocInfo, error) { return b.store.listDocuments(ctx) }

// Document returns one document.
func (b *Base) Document(ctx context.Context, id string) (DocInfo, error) {
	return b.store.document(ctx, id)
}

// Remove deletes a document, its chunks and vectors.
func (b *Base) Remove(ctx context.Context, id string) error {
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	gen, err := b.store.removeDocument(ctx, id)
	if err != nil {
		return err
	}
	b.mu.Lock()
	if b.idx != nil {
		b.idx.RemoveDoc(id)
	}
	delete(b.docs, id)
	b.mu.Unlock()
	b.wrote(gen)
	return nil
}

// Retire marks a document 已废止 or 已修改 (empty means 已废止): it stays in
// the registry but is never used for answers. Retire with StatusCurrent
// puts it back in use.
func (b *Base) Retire(ctx context.Context, id, status string) error {
	if status == "" {
		status = StatusRepealed
	}
	if status != StatusRepealed && status != StatusAmended && status != StatusCurrent {
		return fmt.Errorf("retire %s: %w", id, ErrBadStatus)
	}
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	gen, err := b.store.setStatus(ctx, id, status, b.now())
	if err != nil {
		return err
	}
	b.mu.Lock()
	if m, ok := b.docs[id]; ok {
		m.status = status
		b.docs[id] = m
	}
	b.mu.Unlock()
	b.wrote(gen)
	return nil
}

// Stats summarises the knowledge base.
type Stats struct {
	Documents int            `json:"documents"`
	Chunks    int            `json:"chunks"`
	ByKind    map[string]int `json:"by_kind"`
	ByStatus  map[string]int `json:"by_status"`
	Indexed   int            `json:"indexed"`
	Embedder  string         `json:"embedder"`
	Dim       int            `json:"dim"`
}

// Stats counts documents by kind and status, and chunks.
func (b *Base) Stats(ctx context.Context) (Stats, error) {
	idx, err := b.index(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	docs, err := b.store.listDocuments(ctx)
	if err != nil {
		return Stats{}, err
	}
	s := Stats{ByKind: map[string]int{}, ByStatus: map[string]int{}, Indexed: idx.Len(), Embedder: b.emb.ID(), Dim: b.dim}
	for _, d := range docs {
		s.Documents++
		s.Chunks += d.Chunks
		s.ByKind[d.Kind]++
		s.ByStatus[d.Status]++
	}
	return s, nil
}

// Embedder returns the embedder in use.
func (b *Base) Embedder() string { return b.emb.ID() }

// Search finds the chunks that best answer a question in everyday words.
// The question is normalised (script, width, spoken forms: 咋 → 怎么) and
// expanded with the colloquial → statute vocabulary. Chunks of retired
// documents are left out unless opts.IncludeRetired.
func (b *Base) Search(ctx context.Context, query string, opts SearchOptions) ([]Result, error) {
	k := opts.K
	if k <= 0 {
		k = 5
	}
	q := strings.TrimSpace(textnorm.Question(query))
	if q == "" {
		return nil, nil
	}
	idx, err := b.index(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	// The lexical side weighs the statute words for everyday ones below the
	// question's own words; the vector side reads the expanded question.
	// An embedding service that is down degrades search to lexical only
	// instead of failing it.
	var vec []float32
	vecs, err := b.emb.Embed(ctx, []string{b.vocab.Expand(q)})
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("search: %w", ctx.Err())
	case err != nil:
		b.log.Warn("search without vectors: embedding the question failed", "embedder", b.emb.ID(), "err", err)
	case len(vecs) == 1 && len(vecs[0]) == b.dim:
		vec = vecs[0]
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	hits, err := idx.Search(ctx, index.Query{Text: q, Expansion: b.vocab.Words(q), Vector: vec, K: k, Kinds: opts.Kinds,
		Exclude: func(docID string) bool {
			// A document not in the table yet (Sync puts its chunks in
			// the index first) is left out even with IncludeRetired.
			d, ok := b.docs[docID]
			return !ok || (!opts.IncludeRetired && d.status != StatusCurrent)
		}})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make([]Result, 0, len(hits))
	for _, h := range hits {
		d := b.docs[h.DocID]
		title := h.Title
		if title == "" {
			title = d.title
		}
		out = append(out, Result{DocID: h.DocID, Law: h.Law, Article: h.Article, Title: title, Source: d.source,
			Kind: h.Kind, Score: h.Score, Text: h.Text, Chapter: h.Chapter, ChunkID: h.ChunkID})
	}
	return out, nil
}
