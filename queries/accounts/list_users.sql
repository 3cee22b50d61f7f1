-- Every account for the administrators' list: never the password hash, only whether there is one.
SELECT id, username, display_name, role, region_code, disabled, failed_logins, locked_until,
       last_login_at, created_at, created_by,
       password_hash IS NOT NULL AS has_password, oidc_subject IS NOT NULL AS has_single_sign_on
FROM app_user
ORDER BY username
