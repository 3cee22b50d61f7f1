-- Save a holder's own draft (no row when the draft is not theirs).
UPDATE project_draft
SET step = %(step)s::integer, data = %(data)s::jsonb, updated_at = now()
WHERE id = %(draft_id)s::bigint AND owner_id = %(owner_id)s::bigint
RETURNING id
