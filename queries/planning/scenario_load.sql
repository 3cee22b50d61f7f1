-- One saved scenario: who saved it, when, what was asked and what came out.
SELECT s.id, s.name, s.created_at, s.created_by, s.params, s.summary
FROM scenario s
WHERE s.id = %(scenario_id)s::bigint
