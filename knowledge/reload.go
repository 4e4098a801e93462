package knowledge

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pufabot/pufabot/knowledge/index"
)

// SyncSummary is what one Sync brought over from the database.
type SyncSummary struct {
	// Generation is the database generation the Base now reflects.
	Generation int64
	// Added and Changed count documents whose chunks were (re)indexed;
	// Removed counts documents dropped; StatusChanged counts documents whose
	// status (retired, amended, back in use) or name alone changed.
	Added, Changed, Removed, StatusChanged int
	// Chunks is the number of chunks (re)indexed.
	Chunks int
	// Took is how long the Sync ran.
	Took time.Duration
}

// Empty reports whether the Sync found nothing to change.
func (s SyncSummary) Empty() bool { return s.Added+s.Changed+s.Removed+s.StatusChanged == 0 }

// Sync brings the document table and the in-memory index up to date with
// the database, for writes made by another process on the same database:
// `pufabot kb add / retire / remove` and `pufabot questions answer` run
// beside a serve that would otherwise answer from what it read at start.
// Every write bumps a generation counter in its own transaction; when it
// has not moved since the last Sync, Sync costs one small query. Otherwise
// it compares the stored documents with its table and re-reads the chunks
// of only the documents added or stored anew since; a removed document
// leaves the index, a retired one stays in it but out of answers (as
// Retire does). Searches go on meanwhile; each document changes in the
// index at once. Writers wait for a running Sync. When removed and
// replaced chunks come to outnumber the live ones, Sync also rebuilds the
// index without them (see compact).
func (b *Base) Sync(ctx context.Context) (SyncSummary, error) {
	start := time.Now()
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	sum, err := b.syncLocked(ctx)
	sum.Took = time.Since(start)
	if err != nil {
		return sum, fmt.Errorf("sync knowledge base: %w", err)
	}
	if !sum.Empty() {
		b.log.Info("knowledge base reloaded: changes by another process", "added", sum.Added, "changed", sum.Changed,
			"removed", sum.Removed, "status_changed", sum.StatusChanged, "chunks", sum.Chunks, "generation", sum.Generation,
			"took", sum.Took.Round(time.Millisecond))
	}
	if err := b.compact(ctx); err != nil {
		return sum, fmt.Errorf("sync knowledge base: %w", err)
	}
	return sum, nil
}

// defaultCompactMin is the fewest tombstones that make Sync rebuild the
// index.
const defaultCompactMin = 4096

// compact rebuilds the index from the database when it holds more chunks
// removed or replaced (tombstones, still taking memory and skipped by every
// search) than live ones, and at least compactMin of them: documents
// replaced over and over by the CLI or uploads. Searches go on with the old
// index while the new one is built; then the new one takes its place and
// the old one is dropped, so the two are in memory together only for the
// build (seconds for laws-all). The caller holds writeMu.
func (b *Base) compact(ctx context.Context) error {
	if b.idx == nil {
		return nil
	}
	live := b.idx.Len()
	if dead := b.slots - live; dead < b.compactMin || dead <= live {
		return nil
	}
	return b.rebuild(ctx)
}

// rebuild builds a new index from the database and puts it in the place
// of the current one. The caller holds writeMu.
func (b *Base) rebuild(ctx context.Context) error {
	dead := b.slots - b.idx.Len()
	start := time.Now()
	idx, err := b.buildIndex(ctx)
	if err != nil {
		return fmt.Errorf("compact index: %w", err)
	}
	b.mu.Lock()
	b.idx = idx
	b.mu.Unlock()
	b.slots = idx.Len()
	b.log.Info("knowledge index rebuilt without removed chunks", "chunks", idx.Len(), "dropped", dead,
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}

// Watch calls Sync every interval until ctx ends (serve runs it in the
// background). A failed Sync is logged and tried again at the next tick.
func (b *Base) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := b.Sync(ctx); err != nil && ctx.Err() == nil {
			b.log.Warn("knowledge base not reloaded; trying again", "err", err, "in", every)
		}
	}
}

// wrote records the generation a write of this Base bumped the database
// to: when no other process wrote in between, the Base is current with it
// and the next Sync has nothing to compare. The caller holds writeMu.
func (b *Base) wrote(gen int64) {
	if gen == b.gen+1 {
		b.gen = gen
	}
}

// syncLocked is Sync; the caller holds writeMu. With no index built yet
// it only refreshes the document table (the index is built from the
// database when first needed).
func (b *Base) syncLocked(ctx context.Context) (SyncSummary, error) {
	// The generation first: a write after this read moves it past gen, so
	// the next Sync looks again even if this one saw part of that write.
	gen, err := b.store.generation(ctx)
	if err != nil {
		return SyncSummary{Generation: b.gen}, err
	}
	if gen == b.gen {
		return SyncSummary{Generation: gen}, nil
	}
	states, err := b.store.docStates(ctx)
	if err != nil {
		return SyncSummary{Generation: b.gen}, err
	}
	sum := SyncSummary{Generation: gen}
	meta := func(d docState) docMeta {
		return docMeta{title: d.Title, source: d.Source, status: d.Status, kind: d.Kind, chunks: d.Chunks, gen: d.ContentGen}
	}
	var (
		reindex    []docState // added, or stored anew: read their chunks
		statusOnly []docState // only the document row changed
		seen       = make(map[string]bool, len(states))
	)
	for _, d := range states {
		seen[d.ID] = true
		old, ok := b.docs[d.ID]
		switch {
		case !ok:
			sum.Added++
			reindex = append(reindex, d)
		case old.gen != d.ContentGen || old.chunks != d.Chunks:
			sum.Changed++
			reindex = append(reindex, d)
		case old != meta(d):
			sum.StatusChanged++
			statusOnly = append(statusOnly, d)
		}
	}
	var removed []string
	for id := range b.docs {
		if !seen[id] {
			removed = append(removed, id)
		}
	}
	sum.Removed = len(removed)

	b.mu.Lock()
	for _, id := range removed {
		if b.idx != nil {
			b.idx.RemoveDoc(id)
		}
		delete(b.docs, id)
	}
	for _, d := range statusOnly {
		b.docs[d.ID] = meta(d)
	}
	if b.idx == nil {
		for _, d := range reindex {
			b.docs[d.ID] = meta(d)
		}
	}
	b.mu.Unlock()
	if b.idx != nil {
		n, err := b.reindex(ctx, reindex, meta)
		sum.Chunks = n
		if err != nil {
			// b.gen stays: the next Sync tries these documents again.
			return sum, err
		}
	}
	b.gen = gen
	return sum, nil
}

// reindex re-reads the chunks of docs from the database and puts them in
// the index in place of what it held of those documents, a batch of
// documents at a time, and returns the number of chunks indexed. The
// caller holds writeMu; searches run between batches.
func (b *Base) reindex(ctx context.Context, docs []docState, meta func(docState) docMeta) (int, error) {
	// New documents first, then oldest first, so that a large load reaches
	// the index in the order it was stored and batches of new documents
	// need no lock.
	slices.SortFunc(docs, func(x, y docState) int {
		_, xOld := b.docs[x.ID]
		_, yOld := b.docs[y.ID]
		if xOld != yOld {
			if xOld {
				return 1
			}
			return -1
		}
		return cmp.Compare(x.ContentGen, y.ContentGen)
	})
	total := 0
	for len(docs) > 0 {
		n, chunks := 0, 0
		for n < len(docs) && (n == 0 || chunks+docs[n].Chunks <= indexBatch) {
			chunks += docs[n].Chunks
			n++
		}
		batch := docs[:n]
		docs = docs[n:]
		ids := make([]string, len(batch))
		kinds := make(map[string]string, len(batch))
		for i, d := range batch {
			ids[i] = d.ID
			kinds[d.ID] = d.Kind
		}
		entries := make([]index.Entry, 0, chunks)
		err := b.store.scanDocIndexRows(ctx, b.emb.ID(), ids, func(r indexRow, vec []byte) error {
			e := index.Entry{ChunkID: r.ID, DocID: r.DocID, Kind: kinds[r.DocID], Law: r.Law, Article: r.Article,
				Chapter: r.Chapter, Title: r.Title, Text: r.Text}
			if vec != nil {
				e.Vector = decodeVector(vec)
			}
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return total, err
		}
		// A batch of documents new to this Base goes into the index without
		// holding up searches (they leave out documents not in the table
		// until it is updated below). One replacing documents the table
		// has is swapped under the lock, so that no search sees a document
		// half gone.
		swap := slices.ContainsFunc(batch, func(d docState) bool { _, ok := b.docs[d.ID]; return ok })
		if swap {
			b.mu.Lock()
		}
		for _, d := range batch {
			b.idx.RemoveDoc(d.ID) // chunks a deferred build read before the table had the document
		}
		err = b.idx.Add(entries)
		b.slots += len(entries)
		if !swap {
			b.mu.Lock()
		}
		for _, d := range batch {
			if err == nil {
				b.docs[d.ID] = meta(d)
			} else {
				// Out of the table: the next Sync sees it as new and
				// tries again.
				delete(b.docs, d.ID)
			}
		}
		b.mu.Unlock()
		if err != nil {
			return total, fmt.Errorf("index: %w", err)
		}
		total += len(entries)
	}
	return total, nil
}
