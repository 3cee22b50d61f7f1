-- One draft by id, with its owner and the publication of its project (if submitted).
SELECT d.id, d.owner_id, d.step, d.data, d.created_at, d.updated_at, d.project_id,
       p.publication, p.reference
FROM project_draft d
LEFT JOIN project p ON p.id = d.project_id
WHERE d.id = %(draft_id)s::bigint
