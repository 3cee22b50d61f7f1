-- The status changes of some matches, oldest first.
SELECT e.match_id, e.from_status, e.to_status, e.reason, e.changed_by, e.changed_at
FROM project_match_event e
WHERE e.match_id = ANY(%(match_ids)s::bigint[])
ORDER BY e.match_id, e.changed_at, e.id
