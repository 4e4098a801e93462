-- Cadres, 法律明白人 and admins who bound themselves with an invite code.
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	name TEXT NOT NULL,
	village TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL CHECK (role IN ('cadre', 'admin')),
	invite_code TEXT NOT NULL DEFAULT '',
	bound_at TEXT NOT NULL,
	removed_at TEXT
);
-- One live binding per user; removed rows stay for the ledger's history.
CREATE UNIQUE INDEX people_live_user ON people (channel, user_id) WHERE removed_at IS NULL;

-- Bind codes handed out by `pufabot users invite` or an admin's 邀请.
CREATE TABLE invites (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	village TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL CHECK (role IN ('cadre', 'admin')),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used_by INTEGER REFERENCES people (id),
	used_at TEXT
);
