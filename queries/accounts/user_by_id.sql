-- One account by id, locked for the rest of the transaction (administration).
SELECT id, username, display_name, role, region_code, disabled
FROM app_user
WHERE id = %(user_id)s::bigint
FOR UPDATE
