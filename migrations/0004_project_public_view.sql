-- The public face of a project: every field but the private contact, with its
-- sector and status labels, place names, commune kind and terrain, and a point
-- for maps (the project's own location, else its commune's label point, else
-- its province's; EPSG:4326). Pages and exports read this view, never project_contact.
CREATE VIEW project_public AS
SELECT p.id, p.reference, p.title_fr, p.title_ar, p.description,
       p.cooperative_name, p.cooperative_status, p.odco_registration,
       p.sector_code, s.label_fr AS sector_fr, s.label_ar AS sector_ar,
       p.sub_sector_code, ss.label_fr AS sub_sector_fr, ss.label_ar AS sub_sector_ar,
       p.status_code, st.label_fr AS status_fr, st.label_ar AS status_ar,
       p.investment_mad, p.funding_secured_mad, p.funding_sources,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.members_women, p.members_youth,
       p.target_groups, p.training_needs, p.partnership_sought,
       p.commune_code, c.name_fr AS commune_fr, c.name_ar AS commune_ar, c.kind AS commune_kind,
       t.is_mountain,
       p.province_code, pr.name_fr AS province_fr, pr.name_ar AS province_ar,
       p.region_code, r.name_fr AS region_fr, r.name_ar AS region_ar,
       p.geocode_method, p.geocode_confidence, p.submitted_on, p.is_demo, p.created_at, p.updated_at,
       CASE WHEN p.location IS NOT NULL THEN 'project'
            WHEN c.label_point IS NOT NULL THEN 'commune'
            WHEN pr.label_point IS NOT NULL THEN 'province' END AS point_source,
       coalesce(p.location, c.label_point, pr.label_point) AS point
FROM project p
JOIN sector s ON s.code = p.sector_code
LEFT JOIN sector ss ON ss.code = p.sub_sector_code
JOIN project_status st ON st.code = p.status_code
JOIN region r ON r.code = p.region_code
LEFT JOIN province pr ON pr.code = p.province_code
LEFT JOIN commune c ON c.code = p.commune_code
LEFT JOIN commune_terrain t ON t.commune_code = p.commune_code;
