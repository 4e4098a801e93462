-- Admins' replies that could not be pushed, looked up on every message of
-- their user to put them in front of the reply (TakeOwed).
CREATE INDEX questions_owed ON questions (channel, user_id) WHERE delivery = 'not_delivered';
