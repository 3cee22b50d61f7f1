-- Remove every demo project (contacts, history and reviews go with them).
WITH gone AS (DELETE FROM project WHERE is_demo RETURNING 1) SELECT count(*) AS deleted FROM gone
