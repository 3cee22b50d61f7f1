-- One inbox message (a message key and its parameters) to each recipient.
INSERT INTO inbox_message (recipient_id, match_id, subject_key, params)
SELECT DISTINCT recipient, %(match_id)s::bigint, %(subject_key)s::text, %(params)s::jsonb
FROM unnest(%(recipients)s::bigint[]) AS recipient
