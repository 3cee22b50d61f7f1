-- A stamp that changes whenever a project is added, edited or removed: cached page data is keyed on it.
SELECT count(*) AS projects, coalesce(max(updated_at), 'epoch')::text AS last_change,
       (SELECT coalesce(max(id), 0) FROM project_audit) AS last_audit
FROM project
