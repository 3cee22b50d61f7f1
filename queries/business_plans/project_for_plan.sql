-- The project whose plan is being saved, locked for the transaction: who owns it, its region,
-- its investment (MAD) and direct jobs.
SELECT id, reference, owner_id, region_code, investment_mad::float8 AS investment_mad, jobs_direct
FROM project
WHERE id = %(project_id)s::bigint
FOR UPDATE
