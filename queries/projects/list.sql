-- Projects matching the explorer's filters (see project_filtered), public fields only.
SELECT p.reference, p.title_fr, p.title_ar, p.cooperative_name,
       p.sector_code, p.sector_fr, p.sector_ar, p.sub_sector_code, p.sub_sector_fr, p.sub_sector_ar,
       p.status_code, p.status_fr, p.status_ar,
       p.commune_code, p.commune_fr, p.commune_ar, p.province_code, p.province_fr, p.province_ar,
       p.region_code, p.region_fr, p.region_ar, p.commune_kind, p.is_mountain,
       p.investment_mad::float8 AS investment_mad, p.funding_secured_mad::float8 AS funding_secured_mad,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.target_groups,
       p.submitted_on, p.is_demo, ST_Y(p.point) AS lat, ST_X(p.point) AS lon
FROM project_filtered(
    region_code => %(region_code)s::text, province_code => %(province_code)s::text,
    commune_code => %(commune_code)s::text, sector_codes => %(sector_codes)s::text[],
    status_codes => %(status_codes)s::text[], investment_min => %(investment_min)s::numeric,
    investment_max => %(investment_max)s::numeric, gap_min => %(gap_min)s::numeric,
    gap_max => %(gap_max)s::numeric, zone => %(zone)s::text, target_group => %(target_group)s::text,
    pattern => %(pattern)s::text, include_demo => %(include_demo)s::boolean) p
ORDER BY p.region_code, p.reference
