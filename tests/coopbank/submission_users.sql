-- Test-only: an account with a fake argon2id hash (the tests never sign in with a password).
INSERT INTO app_user (username, display_name, role, region_code, password_hash)
VALUES (%(username)s, %(display_name)s, %(role)s, %(region_code)s, '$argon2id$v=19$m=65536,t=3,p=4$test$test')
RETURNING id
