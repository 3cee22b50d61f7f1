-- Every commune boundary as WKB (EPSG:4326), for comparing the PostGIS point
-- geocoder with an in-memory spatial join.
SELECT code, ST_AsBinary(geom) AS wkb
FROM commune
WHERE geom IS NOT NULL
ORDER BY code
