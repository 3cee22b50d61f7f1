-- One row per commune with the raw values of the priority index's indicators
-- (planning/data/priority.toml). NULL means "no data": planning/priority.py
-- imputes it. Money in MAD, rates per 1,000 inhabitants of 2024, census rates in
-- percent. Projects count unless rejected or withdrawn; demo projects count only
-- when %(include_demo)s, and has_demo says whether any did.
WITH investment AS (
    SELECT p.commune_code, sum(coalesce(p.investment_mad, 0)) AS investment_mad, bool_or(p.is_demo) AS has_demo
    FROM project_public p
    WHERE p.commune_code IS NOT NULL
      AND p.status_code NOT IN ('rejected', 'withdrawn')
      AND (%(include_demo)s::boolean OR NOT p.is_demo)
    GROUP BY p.commune_code
), census AS (
    SELECT commune_code,
           max(value) FILTER (WHERE path = 'labour.unemploymentRate') AS unemployment,
           max(value) FILTER (WHERE path = 'illiteracy.rate10Plus') AS illiteracy,
           max(value) FILTER (WHERE path = 'amenities.electricity') AS electricity,
           max(value) FILTER (WHERE path = 'households.distanceToPavedRoadKm') AS road
    FROM commune_indicator
    WHERE census_year = 2024
      AND path IN ('labour.unemploymentRate', 'illiteracy.rate10Plus', 'amenities.electricity',
                   'households.distanceToPavedRoadKm')
    GROUP BY commune_code
)
SELECT c.code, c.name_fr, c.name_ar, c.province_code, c.region_code, c.population_2024, c.kind,
       coalesce(t.is_mountain, false) AS is_mountain,
       CASE c.kind WHEN 'rural' THEN 1.0 ELSE 0.0 END::float8 AS rural,
       t.mountain_share::float8 AS mountain,
       CASE WHEN c.population_2014 > 0
            THEN greatest(0.0, 100.0 * (c.population_2014 - c.population_2024) / c.population_2014) END::float8
           AS decline,
       (1000.0 * e.establishments_business / nullif(c.population_2024, 0))::float8 AS businesses,
       (1000.0 * e.establishments_jobs / nullif(c.population_2024, 0))::float8 AS jobs,
       (coalesce(i.investment_mad, 0) / nullif(c.population_2024, 0))::float8 AS coverage,
       coalesce(i.has_demo, false) AS has_demo,
       s.unemployment, s.illiteracy, s.electricity, s.road
FROM commune c
LEFT JOIN commune_terrain t ON t.commune_code = c.code AND t.cells > 0
LEFT JOIN establishments e ON e.level = 'commune' AND e.unit_code = c.code
LEFT JOIN investment i ON i.commune_code = c.code
LEFT JOIN census s ON s.commune_code = c.code
ORDER BY c.code
