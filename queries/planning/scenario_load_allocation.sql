-- The money per project of one saved scenario (MAD), in funding order.
SELECT a.position, a.reference, a.allocated_mad::float8 AS allocated_mad
FROM scenario_allocation a
WHERE a.scenario_id = %(scenario_id)s::bigint
ORDER BY a.position
