-- How many administrators can still sign in (not disabled).
SELECT count(*) AS admins FROM app_user WHERE role = 'admin' AND NOT disabled
