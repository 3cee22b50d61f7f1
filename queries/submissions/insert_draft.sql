-- A new wizard draft of a holder; returns its id.
INSERT INTO project_draft (owner_id, step, data)
VALUES (%(owner_id)s::bigint, %(step)s::integer, %(data)s::jsonb)
RETURNING id
