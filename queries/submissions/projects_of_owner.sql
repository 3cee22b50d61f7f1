-- A holder's own projects (any publication), with the latest moderation decision and its reason.
SELECT p.id, p.reference, p.title_fr, p.title_ar, p.publication, p.status_code,
       p.sector_code, s.label_fr AS sector_fr, s.label_ar AS sector_ar,
       c.name_fr AS commune_fr, c.name_ar AS commune_ar, p.region_code, p.is_demo,
       p.created_at, p.updated_at, d.id AS draft_id,
       m.decision, m.reason, m.decided_by, m.decided_at
FROM project p
JOIN sector s ON s.code = p.sector_code
LEFT JOIN commune c ON c.code = p.commune_code
LEFT JOIN project_draft d ON d.project_id = p.id
LEFT JOIN LATERAL (
    SELECT md.decision, md.reason, md.decided_by, md.decided_at
    FROM moderation_decision md WHERE md.project_id = p.id
    ORDER BY md.decided_at DESC, md.id DESC LIMIT 1
) m ON true
WHERE p.owner_id = %(owner_id)s::bigint
ORDER BY p.updated_at DESC, p.id DESC
