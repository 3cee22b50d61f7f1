-- One project's owner, region and publication, locked for a decision or a resubmission.
SELECT p.id, p.reference, p.owner_id, p.region_code, p.publication
FROM project p
WHERE p.id = %(project_id)s::bigint
FOR UPDATE
