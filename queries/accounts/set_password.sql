-- A new password set by an administrator: failures forgotten and lock lifted.
UPDATE app_user SET password_hash = %(password_hash)s::text, failed_logins = 0, locked_until = NULL
WHERE id = %(user_id)s::bigint
