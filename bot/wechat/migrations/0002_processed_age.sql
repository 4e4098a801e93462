-- Dedupe records are pruned by age (SQLStore.Prune).
CREATE INDEX processed_messages_handled ON processed_messages (handled_at);
