-- Projects matching the dashboard's filters (see project_filtered), public fields only, one page at a time.
-- %(commune_kind)s ('rural'/'urban', NULL = any) narrows further: the investor view's "rural" AND
-- "mountain" toggles, which project_filtered's single zone cannot express.
-- %(sort)s: 'place' (region, then reference), 'gap' (largest funding gap first) or 'jobs_per_million'
-- (most direct jobs per million MAD first); missing keys last, ties by reference (byte order, as Python sorts).
-- gap_mad = investment − secured (missing secured = 0), NULL without investment; jobs_per_million_mad is
-- NULL without a positive investment. total_count is the number of matches before %(page_limit)s and
-- %(page_offset)s (a NULL limit means all rows), so one statement gives a page and the pager's total.
WITH matched AS (
    SELECT p.*,
           p.investment_mad - coalesce(p.funding_secured_mad, 0) AS gap,
           CASE WHEN p.investment_mad > 0 THEN p.jobs_direct / p.investment_mad * 1e6 END AS jobs_per_million
    FROM project_filtered(
        region_code => %(region_code)s::text, province_code => %(province_code)s::text,
        commune_code => %(commune_code)s::text, sector_codes => %(sector_codes)s::text[],
        status_codes => %(status_codes)s::text[], investment_min => %(investment_min)s::numeric,
        investment_max => %(investment_max)s::numeric, gap_min => %(gap_min)s::numeric,
        gap_max => %(gap_max)s::numeric, zone => %(zone)s::text, target_group => %(target_group)s::text,
        pattern => %(pattern)s::text, include_demo => %(include_demo)s::boolean) p
    WHERE %(commune_kind)s::text IS NULL OR p.commune_kind = %(commune_kind)s::text
)
SELECT p.reference, p.title_fr, p.title_ar, p.cooperative_name,
       p.sector_code, p.sector_fr, p.sector_ar, p.sub_sector_code, p.sub_sector_fr, p.sub_sector_ar,
       p.status_code, p.status_fr, p.status_ar,
       p.commune_code, p.commune_fr, p.commune_ar, p.province_code, p.province_fr, p.province_ar,
       p.region_code, p.region_fr, p.region_ar, p.commune_kind, p.is_mountain,
       p.investment_mad::float8 AS investment_mad, p.funding_secured_mad::float8 AS funding_secured_mad,
       p.gap::float8 AS gap_mad, p.jobs_per_million::float8 AS jobs_per_million_mad,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.target_groups,
       p.submitted_on, p.is_demo, ST_Y(p.point) AS lat, ST_X(p.point) AS lon,
       count(*) OVER () AS total_count
FROM matched p
ORDER BY CASE WHEN %(sort)s::text = 'gap' THEN p.gap END DESC NULLS LAST,
         CASE WHEN %(sort)s::text = 'jobs_per_million' THEN p.jobs_per_million END DESC NULLS LAST,
         CASE WHEN %(sort)s::text = 'place' THEN p.region_code END,
         p.reference COLLATE "C"
LIMIT %(page_limit)s::bigint OFFSET %(page_offset)s::bigint
