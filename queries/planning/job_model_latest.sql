-- The current job model: its latest version, with its content.
SELECT version, content, content_sha256, created_at, created_by, note, based_on
FROM job_model_version
ORDER BY version DESC
LIMIT 1
