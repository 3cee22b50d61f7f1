-- Communes to place demo projects in: kind, population, mountain flag and a point inside each.
SELECT c.code, c.name_fr, c.name_ar, c.province_code, c.region_code, c.kind, c.population_2024,
       coalesce(t.is_mountain, false) AS is_mountain, ST_X(c.label_point) AS lon, ST_Y(c.label_point) AS lat
FROM commune c LEFT JOIN commune_terrain t ON t.commune_code = c.code
WHERE c.label_point IS NOT NULL
ORDER BY c.code
