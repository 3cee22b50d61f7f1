-- Where each of a batch of points lies (longitude, latitude in EPSG:4326),
-- in one pass: the communes covering it; else the known gap of the commune
-- layer (commune_gap) holding it; else the nearest commune within %(snap_m)s
-- metres; else the region and province outlines; else, outside Morocco,
-- whether the point with latitude and longitude swapped would fall inside.
-- Each step runs only for the points the steps before left unresolved, on the
-- GiST indexes. The snap search keeps the communes within %(snap_deg)s degrees
-- (planar, index-assisted), then measures exact metres on the spheroid.
-- Points are visited in spatial order so that neighbours test the same polygons.
WITH pt AS MATERIALIZED (
    SELECT u.id, u.lon, u.lat, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) AS geom
    FROM unnest(%(ids)s::bigint[], %(lons)s::float8[], %(lats)s::float8[]) AS u (id, lon, lat)
    ORDER BY geom
),
located AS (
    SELECT pt.id,
           hit.codes AS covering_codes,
           hit.names AS covering_names,
           coalesce(hit.province_code, gap.province_code, near.province_code, outline_province.code)
               AS province_code,
           coalesce(hit.region_code, gap.region_code, near.region_code, outline_region.code) AS region_code,
           gap.area_km2::float8 AS gap_km2,
           near.code AS snapped_code,
           near.name_fr AS snapped_name,
           near.distance_m AS snapped_m,
           outline_region.code IS NOT NULL AS in_outline,
           swapped.hit IS NOT NULL AS swapped_in_morocco
    FROM pt
    LEFT JOIN LATERAL (
        -- Commune boundaries overlap by a few metres here and there: a point may have two.
        SELECT array_agg(c.code ORDER BY c.code) AS codes,
               array_agg(c.name_fr ORDER BY c.code) AS names,
               CASE WHEN count(DISTINCT c.province_code) = 1 THEN min(c.province_code) END AS province_code,
               CASE WHEN count(DISTINCT c.region_code) = 1 THEN min(c.region_code) END AS region_code
        FROM commune c
        WHERE ST_Covers(c.geom, pt.geom)
        HAVING count(*) > 0
    ) hit ON true
    LEFT JOIN LATERAL (
        SELECT g.province_code, g.region_code, g.area_km2
        FROM commune_gap g
        WHERE hit.codes IS NULL AND ST_Covers(g.geom, pt.geom)
        ORDER BY g.area_km2 DESC
        LIMIT 1
    ) gap ON true
    LEFT JOIN LATERAL (
        SELECT c.code, c.name_fr, c.province_code, c.region_code, d.distance_m
        FROM commune c
        CROSS JOIN LATERAL (SELECT ST_Distance(c.geom::geography, pt.geom::geography) AS distance_m) d
        WHERE hit.codes IS NULL AND gap.region_code IS NULL
          AND ST_DWithin(c.geom, pt.geom, %(snap_deg)s)
          AND d.distance_m <= %(snap_m)s
        ORDER BY d.distance_m, c.code
        LIMIT 1
    ) near ON true
    LEFT JOIN LATERAL (
        SELECT r.code
        FROM region r
        WHERE hit.codes IS NULL AND gap.region_code IS NULL AND near.code IS NULL
          AND ST_Covers(r.geom, pt.geom)
        ORDER BY r.code
        LIMIT 1
    ) outline_region ON true
    LEFT JOIN LATERAL (
        SELECT p.code
        FROM province p
        WHERE outline_region.code IS NOT NULL AND p.region_code = outline_region.code
          AND ST_Covers(p.geom, pt.geom)
        ORDER BY p.code
        LIMIT 1
    ) outline_province ON true
    LEFT JOIN LATERAL (
        SELECT true AS hit
        FROM region r
        WHERE hit.codes IS NULL AND gap.region_code IS NULL AND near.code IS NULL
          AND outline_region.code IS NULL
          AND ST_Covers(r.geom, ST_SetSRID(ST_MakePoint(pt.lat, pt.lon), 4326))
        LIMIT 1
    ) swapped ON true
)
SELECT located.*, p.name_fr AS province_name
FROM located
LEFT JOIN province p ON p.code = located.province_code
