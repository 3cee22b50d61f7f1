-- Saved scenarios, newest first, with the figures a list shows.
SELECT s.id, s.name, s.created_at, s.created_by,
       s.params ->> 'rule' AS rule,
       (s.params ->> 'envelope_mad')::float8 AS envelope_mad,
       s.params ->> 'region_code' AS region_code,
       (s.summary ->> 'allocated_mad')::float8 AS allocated_mad,
       (s.summary ->> 'projects_funded')::int AS projects_funded,
       coalesce((s.summary ->> 'includes_demo')::boolean, false) AS includes_demo
FROM scenario s
ORDER BY s.created_at DESC, s.id DESC
