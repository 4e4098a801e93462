-- Every message handled once: WeChat retries (same MsgId, or sender +
-- CreateTime for events) and restarts find the stored reply here.
CREATE TABLE processed_messages (
	channel TEXT NOT NULL,
	msg_key TEXT NOT NULL,
	user_hash TEXT NOT NULL,
	route TEXT NOT NULL,
	reply TEXT NOT NULL,
	handled_at TEXT NOT NULL,
	PRIMARY KEY (channel, msg_key)
) WITHOUT ROWID;

-- Answers that were ready only after WeChat's last attempt and could not be
-- pushed: delivered in front of the reply to the user's next message.
CREATE TABLE pending_replies (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	text TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX pending_replies_user ON pending_replies (channel, user_id, id);
