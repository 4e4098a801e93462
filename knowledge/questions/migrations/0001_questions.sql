-- The question log: every question a resident asked, how it was answered,
-- their feedback, and the admins' later replies. user_id is kept so that a
-- later reply can be pushed; it is never written to logs (user_hash is).
CREATE TABLE questions (
    id            INTEGER PRIMARY KEY,
    asked_at      TEXT NOT NULL,              -- UTC, fixed-width, sorts as text
    channel       TEXT NOT NULL,
    user_hash     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    question      TEXT NOT NULL,              -- as the resident wrote it
    normalized    TEXT NOT NULL,              -- after textnorm
    query         TEXT NOT NULL DEFAULT '',   -- what was searched (with conversation context)
    sources       TEXT NOT NULL DEFAULT '[]', -- JSON array of the top sources
    topic         TEXT NOT NULL DEFAULT '',   -- short name of the top law, for digests
    covered       INTEGER NOT NULL,
    mode          TEXT NOT NULL,              -- llm faq extractive referral safety offtopic declined
    answer        TEXT NOT NULL DEFAULT '',
    latency_ms    INTEGER NOT NULL DEFAULT 0,
    feedback      TEXT NOT NULL DEFAULT '',   -- useful / useless
    feedback_at   TEXT NOT NULL DEFAULT '',
    reply         TEXT NOT NULL DEFAULT '',   -- an admin's answer
    replied_at    TEXT NOT NULL DEFAULT '',
    replied_by    TEXT NOT NULL DEFAULT '',
    faq_doc_id    TEXT NOT NULL DEFAULT '',
    delivery      TEXT NOT NULL DEFAULT '',   -- delivered / not_delivered
    delivery_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX questions_user ON questions (channel, user_id, asked_at);
CREATE INDEX questions_time ON questions (asked_at);
