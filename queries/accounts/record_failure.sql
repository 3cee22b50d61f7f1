-- A failed sign-in: the count of failures in a row and, once too many, the end of the lock.
UPDATE app_user
SET failed_logins = %(failed_logins)s::integer, locked_until = %(locked_until)s::timestamptz
WHERE id = %(user_id)s::bigint
