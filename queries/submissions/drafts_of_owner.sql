-- A holder's drafts not submitted yet, latest first.
SELECT d.id, d.step, d.data, d.created_at, d.updated_at
FROM project_draft d
WHERE d.owner_id = %(owner_id)s::bigint AND d.project_id IS NULL
ORDER BY d.updated_at DESC, d.id DESC
