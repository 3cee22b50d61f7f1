-- Project metrics per unit of %(level)s ('region', 'province' or 'commune'), and
-- per sector when %(by_sector)s, for the projects matching the filters (see
-- project_filtered). Money in MAD; gap = needed − secured. Projects without a
-- unit at that level (a commune left to review) are grouped under a NULL code.
SELECT CASE %(level)s::text WHEN 'region' THEN p.region_code WHEN 'province' THEN p.province_code
                            ELSE p.commune_code END AS code,
       CASE WHEN %(by_sector)s::boolean THEN p.sector_code END AS sector_code,
       count(*) AS projects,
       coalesce(sum(p.investment_mad), 0)::float8 AS investment_mad,
       coalesce(sum(p.funding_secured_mad), 0)::float8 AS secured_mad,
       coalesce(sum(p.investment_mad - coalesce(p.funding_secured_mad, 0)), 0)::float8 AS gap_mad,
       coalesce(sum(p.jobs_direct), 0) AS jobs_direct,
       coalesce(sum(p.jobs_women), 0) AS jobs_women,
       coalesce(sum(p.jobs_youth), 0) AS jobs_youth
FROM project_filtered(
    region_code => %(region_code)s::text, province_code => %(province_code)s::text,
    commune_code => %(commune_code)s::text, sector_codes => %(sector_codes)s::text[],
    status_codes => %(status_codes)s::text[], investment_min => %(investment_min)s::numeric,
    investment_max => %(investment_max)s::numeric, gap_min => %(gap_min)s::numeric,
    gap_max => %(gap_max)s::numeric, zone => %(zone)s::text, target_group => %(target_group)s::text,
    pattern => %(pattern)s::text, include_demo => %(include_demo)s::boolean) p
GROUP BY 1, 2
ORDER BY 1, 2
