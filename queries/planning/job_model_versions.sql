-- The history of the job model, newest first, without the contents.
SELECT version, created_at, created_by, note, based_on, content_sha256
FROM job_model_version
ORDER BY version DESC
