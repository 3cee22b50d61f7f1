-- Keep the draft of a project in step with what was resubmitted.
UPDATE project_draft SET data = %(data)s::jsonb, updated_at = now()
WHERE project_id = %(project_id)s::bigint AND owner_id = %(owner_id)s::bigint
