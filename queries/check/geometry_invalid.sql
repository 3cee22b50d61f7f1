-- Stored geometries that are invalid, empty or not in EPSG:4326.
SELECT 'region' AS level, code FROM region
WHERE geom IS NOT NULL AND (NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_SRID(geom) <> 4326)
UNION ALL SELECT 'province', code FROM province
WHERE geom IS NOT NULL AND (NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_SRID(geom) <> 4326)
UNION ALL SELECT 'commune', code FROM commune
WHERE geom IS NOT NULL AND (NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_SRID(geom) <> 4326)
