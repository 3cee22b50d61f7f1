-- HCP 2024 economic establishments per region (all of Morocco) or per province
-- of one region (%(level)s 'region' or 'province', %(region_code)s for provinces),
-- with the unit's 2024 legal population. Farms are not counted by HCP.
WITH unit AS (
    SELECT 'region' AS level, code, code AS region_code, name_fr, name_ar, population_2024 FROM region
    UNION ALL
    SELECT 'province', code, region_code, name_fr, name_ar, population_2024 FROM province
)
SELECT u.code, u.name_fr, u.name_ar, u.population_2024,
       e.establishments_business AS businesses, e.establishments_jobs AS jobs,
       e.sector_industry AS industry, e.sector_construction AS construction,
       e.sector_commerce AS commerce, e.sector_services AS services
FROM unit u
JOIN establishments e ON e.level = u.level AND e.unit_code = u.code
WHERE u.level = %(level)s::text
  AND (%(region_code)s::text IS NULL OR u.region_code = %(region_code)s::text)
ORDER BY u.code
