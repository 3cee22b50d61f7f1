-- Submitted projects waiting for a decision, oldest first, in one region or (NULL) everywhere.
-- Every stored field, as typed (the page shows them inert), with its labels and places.
SELECT p.id, p.reference, p.title_fr, p.title_ar, p.description, p.cooperative_name, p.cooperative_status,
       p.odco_registration, p.sector_code, s.label_fr AS sector_fr, s.label_ar AS sector_ar,
       p.sub_sector_code, ss.label_fr AS sub_sector_fr, ss.label_ar AS sub_sector_ar,
       p.status_code, st.label_fr AS status_fr, st.label_ar AS status_ar,
       p.investment_mad::float8 AS investment_mad, p.funding_secured_mad::float8 AS funding_secured_mad,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.members_women, p.members_youth,
       p.target_groups, p.training_needs, p.partnership_sought, p.holder_age,
       p.commune_code, c.name_fr AS commune_fr, c.name_ar AS commune_ar,
       p.province_code, pr.name_fr AS province_fr, pr.name_ar AS province_ar,
       p.region_code, r.name_fr AS region_fr, r.name_ar AS region_ar,
       p.geocode_method, ST_Y(p.location) AS lat, ST_X(p.location) AS lon,
       p.submitted_on, p.updated_at, p.is_demo, u.display_name AS holder_name, u.username AS holder_username,
       m.decision AS last_decision, m.reason AS last_reason
FROM project p
JOIN sector s ON s.code = p.sector_code
LEFT JOIN sector ss ON ss.code = p.sub_sector_code
JOIN project_status st ON st.code = p.status_code
JOIN region r ON r.code = p.region_code
LEFT JOIN province pr ON pr.code = p.province_code
LEFT JOIN commune c ON c.code = p.commune_code
LEFT JOIN app_user u ON u.id = p.owner_id
LEFT JOIN LATERAL (
    SELECT md.decision, md.reason FROM moderation_decision md WHERE md.project_id = p.id
    ORDER BY md.decided_at DESC, md.id DESC LIMIT 1
) m ON true
WHERE p.publication = 'submitted'
  AND (%(region_code)s::text IS NULL OR p.region_code = %(region_code)s::text)
ORDER BY p.updated_at, p.id
