-- Every change of one catalogue entry, newest first: the operation, the row before and after (jsonb),
-- who made it and when.
SELECT id, code, operation, before, after, changed_by, changed_at
FROM opportunity_history
WHERE code = %(code)s::text
ORDER BY changed_at DESC, id DESC
