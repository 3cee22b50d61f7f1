-- The method and thresholds behind the stored mountain classification.
SELECT m.method, m.thresholds, m.dem_sha256, m.computed_at, count(t.*) AS communes,
       count(*) FILTER (WHERE t.is_mountain) AS mountain_communes
FROM terrain_method m JOIN commune_terrain t ON t.method_id = m.id
GROUP BY m.id ORDER BY m.id DESC LIMIT 1
