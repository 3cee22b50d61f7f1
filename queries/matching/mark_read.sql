-- Mark one of the recipient's own messages as read (the first reading time is kept); no row when not theirs.
UPDATE inbox_message
SET read_at = coalesce(read_at, now())
WHERE id = %(message_id)s::bigint AND recipient_id = %(recipient_id)s::bigint
RETURNING id
