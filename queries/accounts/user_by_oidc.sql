-- The account linked to a single sign-on subject, if any.
SELECT id, username, display_name, role, region_code, disabled
FROM app_user
WHERE oidc_subject = %(subject)s::text
