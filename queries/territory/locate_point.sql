-- The commune, province and region holding a point (longitude, latitude in
-- EPSG:4326). Where no commune covers the point (a gap in OpenStreetMap) the
-- commune stays NULL and the province and region come from their own outlines.
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326) AS g),
hit AS (
    SELECT c.code, c.name_fr, c.name_ar, c.province_code, c.region_code
    FROM commune c, pt WHERE ST_Covers(c.geom, pt.g)
    ORDER BY ST_Area(c.geom) LIMIT 1
)
SELECT hit.code AS commune_code, hit.name_fr AS commune_name_fr, hit.name_ar AS commune_name_ar,
       coalesce(hit.province_code,
                (SELECT p.code FROM province p WHERE ST_Covers(p.geom, pt.g) LIMIT 1)) AS province_code,
       coalesce(hit.region_code,
                (SELECT r.code FROM region r WHERE ST_Covers(r.geom, pt.g) LIMIT 1)) AS region_code
FROM pt LEFT JOIN hit ON true
