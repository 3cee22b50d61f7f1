-- Terrain of one commune for its profile: mountain or not, mean elevation (m)
-- and the share (0–1) of its area in mountain cells. No row without terrain.
SELECT t.is_mountain, round(t.elevation_mean_m::numeric, 0)::float8 AS elevation_mean_m,
       t.mountain_share::float8 AS mountain_area_share
FROM commune_terrain t
WHERE t.commune_code = %(commune_code)s::text
