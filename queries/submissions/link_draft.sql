-- Mark a draft as submitted: it now belongs to its project.
UPDATE project_draft SET project_id = %(project_id)s::bigint, updated_at = now()
WHERE id = %(draft_id)s::bigint AND owner_id = %(owner_id)s::bigint
