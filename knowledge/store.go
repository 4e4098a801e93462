package knowledge

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot/storage"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Document statuses. Only StatusCurrent documents are used for answers.
const (
	StatusCurrent  = "现行有效"
	StatusRepealed = "已废止"
	StatusAmended  = "已修改"
)

// ErrNotFound is returned for an unknown document id.
var ErrNotFound = errors.New("no such document")

// DocInfo describes one document in the registry.
type DocInfo struct {
	ID          string    `json:"id"`
	Kind        string    `json:"kind"`
	Status      string    `json:"status"`
	Title       string    `json:"title"`
	VersionDate string    `json:"version_date,omitempty"`
	Source      string    `json:"source"`
	Format      string    `json:"format"`
	SHA256      string    `json:"sha256"`
	AddedAt     time.Time `json:"added_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Chunks      int       `json:"chunks"`
}

// docRecord is a document about to be written, with the identity of its
// source and its header lines.
type docRecord struct {
	DocInfo
	SourceKey string
	Header    string
}

// chunkRecord is one chunk about to be written, with its vector.
type chunkRecord struct {
	Seq        int
	Law        string
	Article    string
	ArticleNum int
	Chapter    string
	Title      string
	Text       string
	NormText   string
	Vector     []float32
}

// storedChunk is a chunk as read back for building the index or for
// showing a result.
type storedChunk struct {
	ID         int64
	DocID      string
	Kind       string
	Status     string
	DocTitle   string
	Source     string
	Seq        int
	Law        string
	Article    string
	ArticleNum int
	Chapter    string
	Title      string
	Text       string
	NormText   string
	Vector     []float32
}

// store is what Base needs of the database. sqlStore implements it over
// database/sql with portable SQL, so a PostgreSQL implementation can follow.
type store interface {
	// documentBySource returns the document loaded from sourceKey, if any.
	documentBySource(ctx context.Context, sourceKey string) (DocInfo, bool, error)
	// documentByContent returns a document with this content hash, if any.
	documentByContent(ctx context.Context, sha256 string) (DocInfo, bool, error)
	// putDocument writes a document and replaces all its chunks and vectors
	// in one transaction, returning the new chunk ids in chunk order and
	// the generation the write bumped the knowledge base to.
	putDocument(ctx context.Context, d docRecord, chunks []chunkRecord, embedderID string) ([]int64, int64, error)
	listDocuments(ctx context.Context) ([]DocInfo, error)
	document(ctx context.Context, id string) (DocInfo, error)
	// removeDocument and setStatus return the generation they bumped the
	// knowledge base to.
	removeDocument(ctx context.Context, id string) (int64, error)
	setStatus(ctx context.Context, id, status string, now time.Time) (int64, error)
	// generation returns the knowledge base's change counter: every write
	// above bumps it in its own transaction.
	generation(ctx context.Context) (int64, error)
	// docStates returns what the in-memory document table holds of every
	// document.
	docStates(ctx context.Context) ([]docState, error)
	// scanDocIndexRows is scanIndexRows limited to the chunks of docIDs.
	scanDocIndexRows(ctx context.Context, embedderID string, docIDs []string, fn func(r indexRow, vec []byte) error) error
	// chunks returns the chunks with these ids (any order, unknown ids skipped).
	chunks(ctx context.Context, ids []int64) (map[int64]storedChunk, error)
	// scanChunks calls fn for every chunk with its vector by embedderID
	// (nil when it has none by that embedder).
	scanChunks(ctx context.Context, embedderID string, withText bool, fn func(storedChunk) error) error
	// scanIndexRows calls fn for every chunk, in id order, with what the
	// index needs of it; vec is its vector by embedderID as stored (nil
	// when it has none) and is only valid until fn returns.
	scanIndexRows(ctx context.Context, embedderID string, fn func(r indexRow, vec []byte) error) error
	// countStale counts chunks lacking a vector by embedderID.
	countStale(ctx context.Context, embedderID string) (int, error)
	// putVectors stores vectors by embedderID for chunks, in one transaction.
	putVectors(ctx context.Context, embedderID string, vecs map[int64][]float32) error
}

type sqlStore struct {
	db *sql.DB
}

var _ store = (*sqlStore)(nil)

// newSQLStore applies the knowledge base's migrations and returns its store.
func newSQLStore(ctx context.Context, db *sql.DB) (*sqlStore, error) {
	sub, err := fsSub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := storage.Migrate(ctx, db, "knowledge", sub); err != nil {
		return nil, err
	}
	return &sqlStore{db: db}, nil
}

const docColumns = `id, kind, status, title, version_date, source, format, sha256, added_at, updated_at, chunk_count`

func scanDoc(row interface{ Scan(...any) error }) (DocInfo, error) {
	var d DocInfo
	var added, updated string
	err := row.Scan(&d.ID, &d.Kind, &d.Status, &d.Title, &d.VersionDate, &d.Source, &d.Format, &d.SHA256,
		&added, &updated, &d.Chunks)
	if err != nil {
		return d, err
	}
	d.AddedAt, _ = time.Parse(time.RFC3339Nano, added)
	d.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return d, nil
}

func (s *sqlStore) documentBySource(ctx context.Context, key string) (DocInfo, bool, error) {
	d, err := scanDoc(s.db.QueryRowContext(ctx, `SELECT `+docColumns+` FROM kb_documents WHERE source_key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("look up document %s: %w", key, err)
	}
	return d, true, nil
}

func (s *sqlStore) documentByContent(ctx context.Context, hash string) (DocInfo, bool, error) {
	d, err := scanDoc(s.db.QueryRowContext(ctx, `SELECT `+docColumns+` FROM kb_documents WHERE sha256 = ? ORDER BY added_at LIMIT 1`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("look up content %s: %w", hash[:min(12, len(hash))], err)
	}
	return d, true, nil
}

func (s *sqlStore) document(ctx context.Context, id string) (DocInfo, error) {
	d, err := scanDoc(s.db.QueryRowContext(ctx, `SELECT `+docColumns+` FROM kb_documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("document %s: %w", id, err)
	}
	return d, nil
}

func (s *sqlStore) putDocument(ctx context.Context, d docRecord, chunks []chunkRecord, embedderID string) (ids []int64, gen int64, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: begin: %w", d.Source, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if gen, err = bumpGeneration(ctx, tx); err != nil {
		return nil, 0, fmt.Errorf("store %s: %w", d.Source, err)
	}
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	// Upsert keeps the id, the status an admin set and the first added_at.
	if _, err = tx.ExecContext(ctx, `INSERT INTO kb_documents
		(id, kind, status, title, version_date, header, source, source_key, sha256, format, added_at, updated_at, chunk_count, content_gen)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
		version_date = excluded.version_date, header = excluded.header, source = excluded.source,
		sha256 = excluded.sha256, format = excluded.format, updated_at = excluded.updated_at,
		chunk_count = excluded.chunk_count, content_gen = excluded.content_gen`,
		d.ID, d.Kind, d.Status, d.Title, d.VersionDate, d.Header, d.Source, d.SourceKey, d.SHA256, d.Format,
		ts(d.AddedAt), ts(d.UpdatedAt), len(chunks), gen); err != nil {
		return nil, 0, fmt.Errorf("store %s: document: %w", d.Source, err)
	}
	if _, err = tx.ExecContext(ctx, `DELETE FROM kb_chunks WHERE doc_id = ?`, d.ID); err != nil {
		return nil, 0, fmt.Errorf("store %s: drop old chunks: %w", d.Source, err)
	}
	insChunk, err := tx.PrepareContext(ctx, `INSERT INTO kb_chunks
		(doc_id, seq, law, article, article_num, chapter, title, text, norm_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: %w", d.Source, err)
	}
	defer insChunk.Close()
	insVec, err := tx.PrepareContext(ctx, `INSERT INTO kb_embeddings (chunk_id, embedder_id, dim, vector) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return nil, 0, fmt.Errorf("store %s: %w", d.Source, err)
	}
	defer insVec.Close()
	ids = make([]int64, len(chunks))
	for i, c := range chunks {
		res, err := insChunk.ExecContext(ctx, d.ID, c.Seq, c.Law, c.Article, c.ArticleNum, c.Chapter, c.Title, c.Text, c.NormText)
		if err != nil {
			return nil, 0, fmt.Errorf("store %s: chunk %d: %w", d.Source, c.Seq, err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			return nil, 0, fmt.Errorf("store %s: chunk %d: %w", d.Source, c.Seq, err)
		}
		if c.Vector != nil {
			if _, err := insVec.ExecContext(ctx, ids[i], embedderID, len(c.Vector), encodeVector(c.Vector)); err != nil {
				return nil, 0, fmt.Errorf("store %s: vector %d: %w", d.Source, c.Seq, err)
			}
		}
	}
	if err = tx.Commit(); err != nil {
		return nil, 0, fmt.Errorf("store %s: commit: %w", d.Source, err)
	}
	return ids, gen, nil
}

// bumpGeneration advances the knowledge base's change counter inside a
// write's transaction and returns the new value.
func bumpGeneration(ctx context.Context, tx *sql.Tx) (int64, error) {
	var gen int64
	if err := tx.QueryRowContext(ctx, `UPDATE kb_generation SET generation = generation + 1 WHERE id = 1
		RETURNING generation`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("bump generation: %w", err)
	}
	return gen, nil
}

func (s *sqlStore) generation(ctx context.Context) (int64, error) {
	var gen int64
	if err := s.db.QueryRowContext(ctx, `SELECT generation FROM kb_generation WHERE id = 1`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("read generation: %w", err)
	}
	return gen, nil
}

// docState is what the in-memory document table holds of a document.
type docState struct {
	ID, Kind, Status, Title, Source string
	Chunks                          int
	// ContentGen is the generation of the write that stored its chunks.
	ContentGen int64
}

func (s *sqlStore) docStates(ctx context.Context) ([]docState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, status, title, source, chunk_count, content_gen FROM kb_documents`)
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	var out []docState
	for rows.Next() {
		var d docState
		if err := rows.Scan(&d.ID, &d.Kind, &d.Status, &d.Title, &d.Source, &d.Chunks, &d.ContentGen); err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	return out, nil
}

func (s *sqlStore) listDocuments(ctx context.Context) ([]DocInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+docColumns+` FROM kb_documents ORDER BY kind, title, id`)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var out []DocInfo
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return out, nil
}

func (s *sqlStore) removeDocument(ctx context.Context, id string) (int64, error) {
	gen, err := s.changeOne(ctx, `DELETE FROM kb_documents WHERE id = ?`, id)
	if err != nil {
		return 0, fmt.Errorf("remove %s: %w", id, err)
	}
	return gen, nil
}

func (s *sqlStore) setStatus(ctx context.Context, id, status string, now time.Time) (int64, error) {
	gen, err := s.changeOne(ctx, `UPDATE kb_documents SET status = ?, updated_at = ? WHERE id = ?`,
		status, now.UTC().Format(time.RFC3339Nano), id)
	if err != nil {
		return 0, fmt.Errorf("set status of %s: %w", id, err)
	}
	return gen, nil
}

// changeOne runs a statement that must change one document, and bumps the
// generation with it in one transaction. No row changed is ErrNotFound
// (and bumps nothing).
func (s *sqlStore) changeOne(ctx context.Context, query string, args ...any) (gen int64, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, ErrNotFound
	}
	if gen, err = bumpGeneration(ctx, tx); err != nil {
		return 0, err
	}
	return gen, tx.Commit()
}

const chunkColumns = `c.id, c.doc_id, d.kind, d.status, d.title, d.source, c.seq, c.law, c.article, c.article_num, c.chapter, c.title`

func (s *sqlStore) chunks(ctx context.Context, ids []int64) (map[int64]storedChunk, error) {
	out := make(map[int64]storedChunk, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	q := `SELECT ` + chunkColumns + `, c.text, c.norm_text FROM kb_chunks c JOIN kb_documents d ON d.id = c.doc_id
		WHERE c.id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c storedChunk
		if err := rows.Scan(&c.ID, &c.DocID, &c.Kind, &c.Status, &c.DocTitle, &c.Source, &c.Seq, &c.Law, &c.Article,
			&c.ArticleNum, &c.Chapter, &c.Title, &c.Text, &c.NormText); err != nil {
			return nil, fmt.Errorf("read chunks: %w", err)
		}
		out[c.ID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read chunks: %w", err)
	}
	return out, nil
}

func (s *sqlStore) scanChunks(ctx context.Context, embedderID string, withText bool, fn func(storedChunk) error) error {
	text := `'', ''`
	if withText {
		text = `c.text, c.norm_text`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+chunkColumns+`, `+text+`, e.vector
		FROM kb_chunks c JOIN kb_documents d ON d.id = c.doc_id
		LEFT JOIN kb_embeddings e ON e.chunk_id = c.id AND e.embedder_id = ?
		ORDER BY c.id`, embedderID)
	if err != nil {
		return fmt.Errorf("read chunks: %w", err)
	}
	defer rows.Close()
	// RawBytes: the vector is decoded straight from the driver's buffer,
	// without a copy per row.
	var vec sql.RawBytes
	for rows.Next() {
		var c storedChunk
		if err := rows.Scan(&c.ID, &c.DocID, &c.Kind, &c.Status, &c.DocTitle, &c.Source, &c.Seq, &c.Law, &c.Article,
			&c.ArticleNum, &c.Chapter, &c.Title, &c.Text, &c.NormText, &vec); err != nil {
			return fmt.Errorf("read chunks: %w", err)
		}
		if len(vec) > 0 {
			c.Vector = decodeVector(vec)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read chunks: %w", err)
	}
	return nil
}

// indexRow is a chunk as the index is built from it: no document columns
// (Base.docs has them) and no normalised text (the index normalises).
type indexRow struct {
	ID                                        int64
	DocID, Law, Article, Chapter, Title, Text string
}

const indexRowQuery = `SELECT c.id, c.doc_id, c.law, c.article, c.chapter, c.title, c.text, e.vector
		FROM kb_chunks c LEFT JOIN kb_embeddings e ON e.chunk_id = c.id AND e.embedder_id = ?`

func (s *sqlStore) scanIndexRows(ctx context.Context, embedderID string, fn func(indexRow, []byte) error) error {
	return s.scanRows(ctx, indexRowQuery+` ORDER BY c.id`, []any{embedderID}, fn)
}

// docIDsPerQuery bounds the parameters of one scanDocIndexRows query.
const docIDsPerQuery = 500

func (s *sqlStore) scanDocIndexRows(ctx context.Context, embedderID string, docIDs []string, fn func(indexRow, []byte) error) error {
	for len(docIDs) > 0 {
		n := min(len(docIDs), docIDsPerQuery)
		args := make([]any, 0, n+1)
		args = append(args, embedderID)
		for _, id := range docIDs[:n] {
			args = append(args, id)
		}
		q := indexRowQuery + ` WHERE c.doc_id IN (?` + strings.Repeat(", ?", n-1) + `) ORDER BY c.id`
		if err := s.scanRows(ctx, q, args, fn); err != nil {
			return err
		}
		docIDs = docIDs[n:]
	}
	return nil
}

// scanRows runs an indexRowQuery and calls fn for each row.
func (s *sqlStore) scanRows(ctx context.Context, query string, args []any, fn func(indexRow, []byte) error) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read chunks: %w", err)
	}
	defer rows.Close()
	var vec sql.RawBytes
	for rows.Next() {
		var r indexRow
		if err := rows.Scan(&r.ID, &r.DocID, &r.Law, &r.Article, &r.Chapter, &r.Title, &r.Text, &vec); err != nil {
			return fmt.Errorf("read chunks: %w", err)
		}
		if len(vec) == 0 {
			vec = nil
		}
		if err := fn(r, vec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read chunks: %w", err)
	}
	return nil
}

func (s *sqlStore) countStale(ctx context.Context, embedderID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM kb_chunks c
		LEFT JOIN kb_embeddings e ON e.chunk_id = c.id AND e.embedder_id = ?
		WHERE e.chunk_id IS NULL`, embedderID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count stale vectors: %w", err)
	}
	return n, nil
}

func (s *sqlStore) putVectors(ctx context.Context, embedderID string, vecs map[int64][]float32) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store vectors: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	st, err := tx.PrepareContext(ctx, `INSERT INTO kb_embeddings (chunk_id, embedder_id, dim, vector) VALUES (?, ?, ?, ?)
		ON CONFLICT (chunk_id) DO UPDATE SET embedder_id = excluded.embedder_id, dim = excluded.dim, vector = excluded.vector`)
	if err != nil {
		return fmt.Errorf("store vectors: %w", err)
	}
	defer st.Close()
	for id, v := range vecs {
		if _, err = st.ExecContext(ctx, id, embedderID, len(v), encodeVector(v)); err != nil {
			return fmt.Errorf("store vector of chunk %d: %w", id, err)
		}
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("store vectors: %w", err)
	}
	return nil
}

// encodeVector writes v as little-endian float32s.
func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

// decodeVector reads little-endian float32s.
func decodeVector(b []byte) []float32 {
	return decodeVectorInto(make([]float32, len(b)/4), b)
}

// decodeVectorInto reads little-endian float32s into v (len(b)/4 long).
func decodeVectorInto(v []float32, b []byte) []float32 {
	v = v[:len(b)/4]
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}
