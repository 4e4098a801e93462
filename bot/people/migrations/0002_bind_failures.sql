-- Wrong bind codes sent by a user, for the lockout: after MaxBindFailures
-- within BindFailureWindow the user's bind attempts are refused until the
-- oldest of them is a window old. Rows older than the window are pruned.
CREATE TABLE bind_failures (
	channel TEXT NOT NULL,
	user_id TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX bind_failures_user ON bind_failures (channel, user_id, at);
