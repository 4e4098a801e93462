-- The ledger (台账): one row per reported activity.
CREATE TABLE activities (
	id INTEGER PRIMARY KEY,
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	reporter TEXT NOT NULL DEFAULT '',
	village TEXT NOT NULL DEFAULT '',
	date TEXT NOT NULL,              -- activity date, YYYY-MM-DD
	type TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	topics TEXT NOT NULL DEFAULT '[]', -- JSON array
	participants INTEGER NOT NULL DEFAULT 0,
	materials INTEGER NOT NULL DEFAULT 0,
	consultations INTEGER NOT NULL DEFAULT 0,
	households INTEGER NOT NULL DEFAULT 0,
	mediations INTEGER NOT NULL DEFAULT 0,
	mediations_resolved INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',   -- the original text, always kept
	text_hash TEXT NOT NULL,         -- of the normalised original text, for dedupe
	day TEXT NOT NULL,               -- the day the message was sent, YYYY-MM-DD
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT                  -- 撤销: kept but never counted
);
-- The same text from the same user on the same day is stored once.
CREATE UNIQUE INDEX activities_dedupe ON activities (channel, user_id, day, text_hash) WHERE deleted_at IS NULL;
CREATE INDEX activities_user ON activities (channel, user_id, id);
CREATE INDEX activities_date ON activities (date) WHERE deleted_at IS NULL;

-- Photos of an activity, saved under <data dir>/photos.
CREATE TABLE activity_photos (
	id INTEGER PRIMARY KEY,
	activity_id INTEGER NOT NULL REFERENCES activities (id),
	file TEXT NOT NULL UNIQUE,       -- relative to the photo dir: 2025-03/12-1.jpg
	media_id TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX activity_photos_activity ON activity_photos (activity_id);

-- A report waiting for its missing essentials: one per user.
CREATE TABLE activity_pending (
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	record TEXT NOT NULL,            -- JSON of the partial record
	asked_at TEXT NOT NULL,
	PRIMARY KEY (channel, user_id)
);
