-- Store a new version of the job model; the author is the transaction's actor (coopbank.actor).
-- %(content)s is the JSON text; its sha256 is taken over PostgreSQL's canonical jsonb text.
INSERT INTO job_model_version (content, content_sha256, note, based_on)
VALUES (%(content)s::jsonb, encode(sha256(convert_to((%(content)s::jsonb)::text, 'UTF8')), 'hex'),
        %(note)s::text, %(based_on)s::integer)
RETURNING version
