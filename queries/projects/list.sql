-- Projects matching the explorer's filters, from the public view (no contact).
-- Every filter is a bound parameter; NULL means "any".
SELECT p.reference, p.title_fr, p.title_ar, p.cooperative_name,
       p.sector_code, p.sector_fr, p.sector_ar, p.sub_sector_code, p.sub_sector_fr, p.sub_sector_ar,
       p.status_code, p.status_fr, p.status_ar,
       p.commune_code, p.commune_fr, p.commune_ar, p.province_code, p.province_fr, p.province_ar,
       p.region_code, p.region_fr, p.region_ar, p.commune_kind, p.is_mountain,
       p.investment_mad::float8 AS investment_mad, p.funding_secured_mad::float8 AS funding_secured_mad,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.target_groups,
       p.submitted_on, p.is_demo
FROM project_public p
WHERE (%(region_code)s::text IS NULL OR p.region_code = %(region_code)s::text)
  AND (%(province_code)s::text IS NULL OR p.province_code = %(province_code)s::text)
  AND (%(commune_code)s::text IS NULL OR p.commune_code = %(commune_code)s::text)
  AND (%(sector_codes)s::text[] IS NULL OR p.sector_code = ANY(%(sector_codes)s::text[])
       OR p.sub_sector_code = ANY(%(sector_codes)s::text[]))
  AND (%(status_codes)s::text[] IS NULL OR p.status_code = ANY(%(status_codes)s::text[]))
  AND (%(investment_min)s::numeric IS NULL OR p.investment_mad >= %(investment_min)s::numeric)
  AND (%(investment_max)s::numeric IS NULL OR p.investment_mad <= %(investment_max)s::numeric)
  AND (%(zone)s::text IS NULL
       OR (%(zone)s::text IN ('rural', 'urban') AND p.commune_kind = %(zone)s::text)
       OR (%(zone)s::text = 'mountain' AND p.is_mountain))
  AND (%(target_group)s::text IS NULL
       OR (%(target_group)s::text = 'women' AND (p.jobs_women > 0 OR 'women' = ANY(p.target_groups)))
       OR (%(target_group)s::text = 'youth' AND (p.jobs_youth > 0 OR 'youth' = ANY(p.target_groups))))
  AND (%(pattern)s::text IS NULL
       OR p.reference ILIKE %(pattern)s::text OR p.title_fr ILIKE %(pattern)s::text
       OR p.title_ar ILIKE %(pattern)s::text OR p.cooperative_name ILIKE %(pattern)s::text)
  AND (%(include_demo)s::boolean OR NOT p.is_demo)
ORDER BY p.region_code, p.reference
