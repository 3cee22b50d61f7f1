-- Move a match from one status to the next and record the event; no row when it was no longer in from_status.
WITH changed AS (
    UPDATE project_match
    SET status = %(to_status)s::text,
        close_reason = CASE WHEN %(to_status)s::text = 'closed' THEN %(reason)s::text ELSE close_reason END,
        updated_at = now(), updated_by = coopbank_actor()
    WHERE id = %(match_id)s::bigint AND status = %(from_status)s::text
    RETURNING id, status
), event AS (
    INSERT INTO project_match_event (match_id, from_status, to_status, reason)
    SELECT id, %(from_status)s::text, status, %(reason)s::text FROM changed
)
SELECT id FROM changed
