-- A successful sign-in: failures forgotten, lock lifted, the hash renewed when its parameters changed.
UPDATE app_user
SET failed_logins = 0, locked_until = NULL, last_login_at = %(at)s::timestamptz,
    password_hash = coalesce(%(password_hash)s::text, password_hash)
WHERE id = %(user_id)s::bigint
