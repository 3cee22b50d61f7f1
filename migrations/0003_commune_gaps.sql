-- Known gaps of the commune layer: land inside Morocco's region outlines
-- (morocco-map) that no commune boundary (OpenStreetMap) covers. The point
-- geocoder gives a point there its province and region but no commune rather
-- than snapping it to a neighbour that does not hold it.
--
-- A gap is one connected uncovered part of a region larger than 5 km² once
-- opened by 100 m (shrunk by 100 m, then grown back): the thin slivers left
-- along coasts and borders by the ~150 m quantisation of the outlines vanish,
-- while real holes (the ~88 km² between Ifrane and Boulemane) stay. Each gap
-- is cut along the province outlines, one row per province it touches.
-- `queries/etl/refresh_commune_gaps.sql` recomputes it whenever the territory is loaded.
CREATE MATERIALIZED VIEW commune_gap AS
WITH covered AS (
    SELECT ST_Union(geom) AS geom FROM commune WHERE geom IS NOT NULL
),
uncovered AS (
    SELECT r.code AS region_code, (ST_Dump(ST_Difference(r.geom, covered.geom))).geom AS geom
    FROM region r CROSS JOIN covered
    WHERE r.geom IS NOT NULL
),
gap AS (
    SELECT region_code, geom FROM uncovered
    WHERE ST_Area(geom::geography) > 5e6
      AND ST_Area(ST_Buffer(ST_Buffer(geom::geography, -100), 100)) > 5e6
),
piece AS (
    SELECT p.code AS province_code, p.region_code,
           ST_Multi(ST_CollectionExtract(ST_Intersection(g.geom, p.geom), 3)) AS geom
    FROM gap g
    JOIN province p ON p.region_code = g.region_code AND ST_Intersects(p.geom, g.geom)
)
SELECT (row_number() OVER (ORDER BY province_code, ST_Area(geom) DESC))::integer AS id,
       province_code,
       region_code,
       round((ST_Area(geom::geography) / 1e6)::numeric, 2) AS area_km2,
       geom::geometry(MultiPolygon, 4326) AS geom
FROM piece
WHERE NOT ST_IsEmpty(geom);

CREATE UNIQUE INDEX commune_gap_id_idx ON commune_gap (id);
CREATE INDEX commune_gap_geom_idx ON commune_gap USING gist (geom);
