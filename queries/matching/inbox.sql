-- An account's inbox, newest first, with when each message was read (NULL: unread).
SELECT i.id, i.match_id, i.subject_key, i.params, i.created_at, i.read_at
FROM inbox_message i
WHERE i.recipient_id = %(recipient_id)s::bigint
ORDER BY i.created_at DESC, i.id DESC
