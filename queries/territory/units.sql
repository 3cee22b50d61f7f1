-- Territorial units of one level ('region', 'province' or 'commune') with the
-- indicators the maps can show, optionally within one region. Rates per 1,000
-- inhabitants use the 2024 legal population; shares are 0–1.
WITH commune_figures AS (
    SELECT c.code, c.region_code, c.province_code, c.kind, c.population_2024, c.population_2014,
           c.area_km2, t.is_mountain, t.elevation_mean_m, t.mountain_share,
           e.establishments_business AS businesses, e.establishments_jobs AS jobs
    FROM commune c
    LEFT JOIN commune_terrain t ON t.commune_code = c.code
    LEFT JOIN establishments e ON e.level = 'commune' AND e.unit_code = c.code
    WHERE %(region_code)s::text IS NULL OR c.region_code = %(region_code)s::text
), grouped AS (
    SELECT 'region' AS level, region_code AS code, region_code, NULL::text AS province_code, NULL::text AS kind,
           sum(population_2024) AS population_2024, sum(population_2014) AS population_2014,
           sum(population_2024) FILTER (WHERE population_2014 IS NOT NULL) AS population_2024_comparable,
           sum(area_km2) AS area_km2,
           sum(population_2024) FILTER (WHERE kind = 'rural') AS rural_population,
           sum(population_2024) FILTER (WHERE is_mountain) AS mountain_population,
           count(*) FILTER (WHERE is_mountain) AS mountain_communes, count(*) AS communes,
           sum(businesses) AS businesses, sum(jobs) AS jobs, NULL::double precision AS elevation_mean_m
    FROM commune_figures WHERE %(level)s = 'region' GROUP BY region_code
    UNION ALL
    SELECT 'province', province_code, region_code, province_code, NULL,
           sum(population_2024), sum(population_2014),
           sum(population_2024) FILTER (WHERE population_2014 IS NOT NULL), sum(area_km2),
           sum(population_2024) FILTER (WHERE kind = 'rural'),
           sum(population_2024) FILTER (WHERE is_mountain),
           count(*) FILTER (WHERE is_mountain), count(*),
           sum(businesses), sum(jobs), NULL
    FROM commune_figures WHERE %(level)s = 'province' GROUP BY region_code, province_code
    UNION ALL
    SELECT 'commune', code, region_code, province_code, kind,
           population_2024, population_2014,
           CASE WHEN population_2014 IS NOT NULL THEN population_2024 END, area_km2,
           CASE WHEN kind = 'rural' THEN population_2024 ELSE 0 END,
           CASE WHEN is_mountain THEN population_2024 ELSE 0 END,
           CASE WHEN is_mountain THEN 1 ELSE 0 END, 1,
           businesses, jobs, elevation_mean_m
    FROM commune_figures WHERE %(level)s = 'commune'
), named AS (
    SELECT g.*, u.name_fr, u.name_ar, u.geom_display
    FROM grouped g
    JOIN (SELECT 'region' AS level, code, name_fr, name_ar, geom_display FROM region
          UNION ALL SELECT 'province', code, name_fr, name_ar, geom_display FROM province
          UNION ALL SELECT 'commune', code, name_fr, name_ar, geom_display FROM commune) u
      ON u.level = g.level AND u.code = g.code
)
SELECT level, code, region_code, province_code, name_fr, name_ar, kind, communes,
       population_2024, population_2014,
       round(100.0 * (population_2024_comparable - population_2014) / nullif(population_2014, 0), 2)
           AS change_pct,
       round(population_2024 / nullif(area_km2, 0), 1) AS density,
       area_km2,
       round(coalesce(rural_population, 0)::numeric / nullif(population_2024, 0), 4) AS rural_share,
       round(coalesce(mountain_population, 0)::numeric / nullif(population_2024, 0), 4) AS mountain_share,
       mountain_communes,
       businesses, jobs,
       round(1000.0 * businesses / nullif(population_2024, 0), 2) AS businesses_per_1000,
       round(1000.0 * jobs / nullif(population_2024, 0), 2) AS jobs_per_1000,
       round(elevation_mean_m::numeric, 0) AS elevation_mean_m,
       CASE WHEN %(with_geometry)s THEN ST_AsGeoJSON(geom_display, 4) END AS geojson
FROM named
ORDER BY code
