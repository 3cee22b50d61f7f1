-- Store the seed as the first version, only while no version exists (idempotent under job_model_lock).
INSERT INTO job_model_version (content, content_sha256, note)
SELECT %(content)s::jsonb, encode(sha256(convert_to((%(content)s::jsonb)::text, 'UTF8')), 'hex'), %(note)s::text
WHERE NOT EXISTS (SELECT 1 FROM job_model_version)
RETURNING version
