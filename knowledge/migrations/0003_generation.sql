-- A change counter: every write to the knowledge base (a document stored,
-- removed, retired or put back) bumps it in its own transaction, so that a
-- running server notices what another process (the `pufabot kb` and
-- `pufabot questions answer` commands) changed and brings its in-memory
-- index up to date (Base.Sync).
CREATE TABLE kb_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO kb_generation (id, generation) VALUES (1, 0);
-- The generation of the write that stored a document's current chunks:
-- a changed value tells a running server to re-read them.
ALTER TABLE kb_documents ADD COLUMN content_gen INTEGER NOT NULL DEFAULT 0;
