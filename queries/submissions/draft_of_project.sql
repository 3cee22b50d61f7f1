-- The draft a submitted project came from (with its owner).
SELECT d.id, d.owner_id, d.step, d.data, d.project_id
FROM project_draft d
WHERE d.project_id = %(project_id)s::bigint
