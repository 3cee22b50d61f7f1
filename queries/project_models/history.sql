-- Every change of one model, newest first: the operation, the row before and after (jsonb), who and when.
SELECT id, code, operation, before, after, changed_by, changed_at
FROM project_model_history
WHERE code = %(code)s::text
ORDER BY changed_at DESC, id DESC
