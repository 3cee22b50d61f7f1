-- Change an account's role and, for an official, its region (NULL: national).
UPDATE app_user SET role = %(role)s::text, region_code = %(region_code)s::text
WHERE id = %(user_id)s::bigint
