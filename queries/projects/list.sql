-- Projects matching the explorer's filters, with their PUBLIC fields only (no
-- project_contact), sector and status labels, and the commune's place names,
-- kind and terrain. Every filter is a bound parameter; NULL means "any".
SELECT p.reference, p.title_fr, p.title_ar, p.cooperative_name,
       p.sector_code, s.label_fr AS sector_fr, s.label_ar AS sector_ar,
       p.sub_sector_code, ss.label_fr AS sub_sector_fr, ss.label_ar AS sub_sector_ar,
       p.status_code, st.label_fr AS status_fr, st.label_ar AS status_ar,
       p.commune_code, c.name_fr AS commune_fr, c.name_ar AS commune_ar,
       p.province_code, pr.name_fr AS province_fr, pr.name_ar AS province_ar,
       p.region_code, r.name_fr AS region_fr, r.name_ar AS region_ar,
       c.kind AS commune_kind, t.is_mountain,
       p.investment_mad::float8 AS investment_mad, p.funding_secured_mad::float8 AS funding_secured_mad,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.target_groups,
       p.submitted_on, p.is_demo
FROM project p
JOIN sector s ON s.code = p.sector_code
LEFT JOIN sector ss ON ss.code = p.sub_sector_code
JOIN project_status st ON st.code = p.status_code
JOIN region r ON r.code = p.region_code
LEFT JOIN province pr ON pr.code = p.province_code
LEFT JOIN commune c ON c.code = p.commune_code
LEFT JOIN commune_terrain t ON t.commune_code = p.commune_code
WHERE (%(region_code)s::text IS NULL OR p.region_code = %(region_code)s::text)
  AND (%(province_code)s::text IS NULL OR p.province_code = %(province_code)s::text)
  AND (%(commune_code)s::text IS NULL OR p.commune_code = %(commune_code)s::text)
  AND (%(sector_codes)s::text[] IS NULL OR p.sector_code = ANY(%(sector_codes)s::text[])
       OR p.sub_sector_code = ANY(%(sector_codes)s::text[]))
  AND (%(status_codes)s::text[] IS NULL OR p.status_code = ANY(%(status_codes)s::text[]))
  AND (%(investment_min)s::numeric IS NULL OR p.investment_mad >= %(investment_min)s::numeric)
  AND (%(investment_max)s::numeric IS NULL OR p.investment_mad <= %(investment_max)s::numeric)
  AND (%(zone)s::text IS NULL
       OR (%(zone)s::text IN ('rural', 'urban') AND c.kind = %(zone)s::text)
       OR (%(zone)s::text = 'mountain' AND t.is_mountain))
  AND (%(target_group)s::text IS NULL
       OR (%(target_group)s::text = 'women' AND (p.jobs_women > 0 OR 'women' = ANY(p.target_groups)))
       OR (%(target_group)s::text = 'youth' AND (p.jobs_youth > 0 OR 'youth' = ANY(p.target_groups))))
  AND (%(pattern)s::text IS NULL
       OR p.reference ILIKE %(pattern)s::text OR p.title_fr ILIKE %(pattern)s::text
       OR p.title_ar ILIKE %(pattern)s::text OR p.cooperative_name ILIKE %(pattern)s::text)
  AND (%(include_demo)s::boolean OR NOT p.is_demo)
ORDER BY p.region_code, p.reference
