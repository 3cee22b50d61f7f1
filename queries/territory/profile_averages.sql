-- Per-capita indicators of Morocco ('national') and of one region ('region',
-- when %(region_code)s is given), computed as in territory/units: shares 0–1,
-- change in percent, rates per 1,000 inhabitants (2024 legal population).
WITH figures AS (
    SELECT c.region_code, c.kind, c.population_2024, c.population_2014, t.is_mountain,
           e.establishments_business AS businesses, e.establishments_jobs AS jobs
    FROM commune c
    LEFT JOIN commune_terrain t ON t.commune_code = c.code
    LEFT JOIN establishments e ON e.level = 'commune' AND e.unit_code = c.code
), scoped AS (
    SELECT 'national' AS scope, f.* FROM figures f
    UNION ALL
    SELECT 'region', f.* FROM figures f WHERE f.region_code = %(region_code)s::text
)
SELECT scope,
       sum(population_2024)::float8 AS population_2024,
       round(100.0 * (sum(population_2024) FILTER (WHERE population_2014 IS NOT NULL) - sum(population_2014))
             / nullif(sum(population_2014), 0), 2)::float8 AS change_pct,
       round(coalesce(sum(population_2024) FILTER (WHERE kind = 'rural'), 0)::numeric
             / nullif(sum(population_2024), 0), 4)::float8 AS rural_share,
       round(coalesce(sum(population_2024) FILTER (WHERE is_mountain), 0)::numeric
             / nullif(sum(population_2024), 0), 4)::float8 AS mountain_share,
       round(1000.0 * sum(businesses) / nullif(sum(population_2024), 0), 2)::float8 AS businesses_per_1000,
       round(1000.0 * sum(jobs) / nullif(sum(population_2024), 0), 2)::float8 AS jobs_per_1000
FROM scoped
GROUP BY scope
ORDER BY scope
