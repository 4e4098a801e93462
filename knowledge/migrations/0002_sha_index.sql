-- Content lookups: the same file loaded from a second place is not stored twice.
CREATE INDEX kb_documents_sha256 ON kb_documents (sha256);
