-- One account by username, locked for the rest of the sign-in transaction.
SELECT id, username, display_name, role, region_code, password_hash, disabled, failed_logins, locked_until
FROM app_user
WHERE username = %(username)s::text
FOR UPDATE
