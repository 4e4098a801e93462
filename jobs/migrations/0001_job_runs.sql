-- One row per (job, period): whoever inserts it runs it. status is
-- "running" while a runner holds it (until lease_until) and "done" after.
CREATE TABLE job_runs (
	id          INTEGER PRIMARY KEY,
	job         TEXT NOT NULL,
	period      TEXT NOT NULL,
	status      TEXT NOT NULL,
	owner       TEXT NOT NULL,
	as_of       TEXT NOT NULL,
	claimed_at  TEXT NOT NULL,
	lease_until TEXT NOT NULL,
	finished_at TEXT NOT NULL DEFAULT '',
	UNIQUE (job, period)
);

-- One row per message part per recipient of a run. status is "pending"
-- just before the send, then "sent" or "failed"; a pending row found when a
-- crashed run resumes is not sent again (delivery unknown).
CREATE TABLE job_sends (
	run_id  INTEGER NOT NULL REFERENCES job_runs (id),
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	part    INTEGER NOT NULL,
	name    TEXT NOT NULL,
	status  TEXT NOT NULL,
	errcode INTEGER NOT NULL DEFAULT 0,
	error   TEXT NOT NULL DEFAULT '',
	at      TEXT NOT NULL,
	PRIMARY KEY (run_id, channel, user_id, part)
);

CREATE INDEX job_sends_status_at ON job_sends (status, at);
