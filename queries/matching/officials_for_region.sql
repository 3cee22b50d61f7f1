-- The active official accounts that govern a region: its own officials and the national ones.
SELECT u.id
FROM app_user u
WHERE u.role = 'official' AND NOT u.disabled
  AND (u.region_code IS NULL OR u.region_code = %(region_code)s::text)
ORDER BY u.id
