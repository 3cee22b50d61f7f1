-- Published projects matching the explorer's filters (project_filtered) that one programme's rules
-- do not already rule out: sector or sub-sector in %(sectors)s, region in %(region_codes)s, a rural
-- commune when %(rural_only)s, a mountain commune when %(mountain_only)s, investment within the
-- bounds, standing in %(holder_kinds)s, age within the bounds (NULL arrays and bounds = any). A fact
-- that is not recorded never rules a project out here: the pure rules say "unknown" for it.
SELECT p.reference, p.title_fr, p.title_ar, p.is_demo, p.sector_code, p.sub_sector_code,
       p.sector_fr, p.sector_ar, p.cooperative_status, raw.holder_age, p.region_code, p.region_fr,
       p.region_ar, p.commune_code, p.commune_fr, p.commune_ar, p.commune_kind, p.is_mountain,
       p.investment_mad::float8 AS investment_mad
FROM project_filtered(
    region_code => %(region_code)s::text, province_code => %(province_code)s::text,
    commune_code => %(commune_code)s::text, sector_codes => %(sector_codes)s::text[],
    status_codes => %(status_codes)s::text[], investment_min => %(investment_min)s::numeric,
    investment_max => %(investment_max)s::numeric, gap_min => %(gap_min)s::numeric,
    gap_max => %(gap_max)s::numeric, zone => %(zone)s::text, target_group => %(target_group)s::text,
    pattern => %(pattern)s::text, include_demo => %(include_demo)s::boolean) p
JOIN project raw ON raw.id = p.id
WHERE (%(sectors)s::text[] IS NULL OR p.sector_code = ANY (%(sectors)s::text[])
       OR p.sub_sector_code = ANY (%(sectors)s::text[]))
  AND (%(region_codes)s::text[] IS NULL OR p.region_code = ANY (%(region_codes)s::text[]))
  AND (NOT %(rural_only)s::boolean OR p.commune_kind IS DISTINCT FROM 'urban')
  AND (NOT %(mountain_only)s::boolean OR p.is_mountain IS NOT FALSE)
  AND (%(opp_investment_min)s::numeric IS NULL OR p.investment_mad IS NULL
       OR p.investment_mad >= %(opp_investment_min)s::numeric)
  AND (%(opp_investment_max)s::numeric IS NULL OR p.investment_mad IS NULL
       OR p.investment_mad <= %(opp_investment_max)s::numeric)
  AND (%(holder_kinds)s::text[] IS NULL OR p.cooperative_status IS NULL
       OR p.cooperative_status = ANY (%(holder_kinds)s::text[]))
  AND (%(age_min)s::integer IS NULL OR raw.holder_age IS NULL OR raw.holder_age >= %(age_min)s::integer)
  AND (%(age_max)s::integer IS NULL OR raw.holder_age IS NULL OR raw.holder_age <= %(age_max)s::integer)
ORDER BY p.region_code, p.reference COLLATE "C"
