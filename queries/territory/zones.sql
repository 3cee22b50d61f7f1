-- Outline of the rural communes and of the mountain communes (display
-- geometry, dissolved), optionally within one region: light overlays for maps.
SELECT 'rural' AS zone, ST_AsGeoJSON(ST_Union(c.geom_display), 4) AS geojson
FROM commune c
WHERE c.kind = 'rural' AND (%(region_code)s::text IS NULL OR c.region_code = %(region_code)s::text)
UNION ALL
SELECT 'mountain', ST_AsGeoJSON(ST_Union(c.geom_display), 4)
FROM commune c JOIN commune_terrain t ON t.commune_code = c.code
WHERE t.is_mountain AND (%(region_code)s::text IS NULL OR c.region_code = %(region_code)s::text)
