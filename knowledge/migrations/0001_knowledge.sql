-- The knowledge base: the database is the source of truth; the in-memory
-- index is rebuilt from these rows at start-up.
CREATE TABLE kb_documents (
    id           TEXT PRIMARY KEY,            -- "d-" + short hash of source_key, stable across versions
    kind         TEXT NOT NULL,               -- law, material, faq
    status       TEXT NOT NULL DEFAULT '现行有效', -- 现行有效, 已废止, 已修改
    title        TEXT NOT NULL,               -- law's full name or material title
    version_date TEXT NOT NULL DEFAULT '',    -- YYYY-MM-DD when known
    header       TEXT NOT NULL DEFAULT '',    -- adoption / amendment lines, one a line
    source       TEXT NOT NULL,               -- file name or path as shown to admins
    source_key   TEXT NOT NULL UNIQUE,        -- identity for re-adds (absolute path, upload:name, faq:…)
    sha256       TEXT NOT NULL,               -- content hash: unchanged re-adds do nothing
    format       TEXT NOT NULL,               -- txt md html docx pdf faq
    added_at     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    chunk_count  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE kb_chunks (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES kb_documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    law         TEXT NOT NULL DEFAULT '',
    article     TEXT NOT NULL DEFAULT '',
    article_num INTEGER NOT NULL DEFAULT 0,
    chapter     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,               -- as the source shows it
    norm_text   TEXT NOT NULL,               -- normalised (simplified, folded) for indexing
    UNIQUE (doc_id, seq)
);

CREATE TABLE kb_embeddings (
    chunk_id    INTEGER PRIMARY KEY REFERENCES kb_chunks(id) ON DELETE CASCADE,
    embedder_id TEXT NOT NULL,               -- which embedder made it; never mixed in one index
    dim         INTEGER NOT NULL,
    vector      BLOB NOT NULL                -- dim little-endian float32
);
CREATE INDEX kb_embeddings_embedder ON kb_embeddings (embedder_id);
