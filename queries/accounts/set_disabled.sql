-- Disable (or enable again) an account.
UPDATE app_user SET disabled = %(disabled)s::boolean WHERE id = %(user_id)s::bigint
