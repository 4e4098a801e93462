-- The unsent rest of long replies, served on "更多".
CREATE TABLE reply_rest (
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	rest TEXT NOT NULL,
	saved_at TEXT NOT NULL,
	PRIMARY KEY (channel, user_id)
);
