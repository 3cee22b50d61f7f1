-- A new match (status 'new') and its first event; no row when the investor already has one not closed.
WITH created AS (
    INSERT INTO project_match (project_id, investor_id, message)
    VALUES (%(project_id)s::bigint, %(investor_id)s::bigint, %(message)s::text)
    ON CONFLICT (project_id, investor_id) WHERE status <> 'closed' DO NOTHING
    RETURNING id, status
), event AS (
    INSERT INTO project_match_event (match_id, from_status, to_status)
    SELECT id, NULL, status FROM created
)
SELECT id FROM created
