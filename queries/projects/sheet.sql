-- One project's public sheet by reference (never project_contact), with a
-- point for the map in EPSG:4326 degrees (see the project_public view).
SELECT p.id, p.reference, p.title_fr, p.title_ar, p.description,
       p.cooperative_name, p.cooperative_status, p.odco_registration,
       p.sector_code, p.sector_fr, p.sector_ar, p.sub_sector_code, p.sub_sector_fr, p.sub_sector_ar,
       p.status_code, p.status_fr, p.status_ar,
       p.investment_mad::float8 AS investment_mad, p.funding_secured_mad::float8 AS funding_secured_mad,
       p.funding_sources, p.jobs_direct, p.jobs_women, p.jobs_youth,
       p.members_total, p.members_women, p.members_youth, p.target_groups,
       p.training_needs, p.partnership_sought,
       p.commune_code, p.commune_fr, p.commune_ar, p.commune_kind, p.is_mountain,
       p.province_code, p.province_fr, p.province_ar, p.region_code, p.region_fr, p.region_ar,
       p.geocode_method, p.geocode_confidence::float8 AS geocode_confidence,
       p.submitted_on, p.is_demo, p.updated_at, p.point_source,
       ST_Y(p.point) AS lat, ST_X(p.point) AS lon
FROM project_public p
WHERE p.reference = %(reference)s
