-- A new account; created_by comes from the transaction's actor (coopbank_actor()).
INSERT INTO app_user (username, display_name, role, region_code, password_hash, oidc_subject)
VALUES (%(username)s::text, %(display_name)s::text, %(role)s::text, %(region_code)s::text,
        %(password_hash)s::text, %(oidc_subject)s::text)
ON CONFLICT DO NOTHING
RETURNING id, username, display_name, role, region_code
