-- One moderation decision (who decided comes from the transaction's actor).
INSERT INTO moderation_decision (project_id, decision, reason)
VALUES (%(project_id)s::bigint, %(decision)s, %(reason)s)
RETURNING id, decided_by, decided_at
