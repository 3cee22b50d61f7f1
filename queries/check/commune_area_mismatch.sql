-- Full-resolution communes whose geodesic area differs from HCP's area by more
-- than %(tolerance)s (a share): a sign of a wrong join or a broken boundary.
SELECT code, name_fr, area_km2, round((ST_Area(geom::geography) / 1e6)::numeric, 2) AS geometry_km2
FROM commune
WHERE geom_precision = 'full' AND area_km2 IS NOT NULL
  AND abs(ST_Area(geom::geography) / 1e6 - area_km2) > %(tolerance)s * area_km2
ORDER BY code
