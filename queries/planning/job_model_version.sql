-- One version of the job model, with its content.
SELECT version, content, content_sha256, created_at, created_by, note, based_on
FROM job_model_version
WHERE version = %(version)s::integer
