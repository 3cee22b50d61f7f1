-- One sign-in attempt, failed or not (the back-off and the audit read them).
INSERT INTO login_attempt (username, attempted_at, succeeded)
VALUES (%(username)s::text, %(attempted_at)s::timestamptz, %(succeeded)s::boolean)
