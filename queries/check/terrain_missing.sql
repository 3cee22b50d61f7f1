-- Communes with a boundary but no terrain figures.
SELECT c.code, c.name_fr FROM commune c LEFT JOIN commune_terrain t ON t.commune_code = c.code
WHERE c.geom IS NOT NULL AND (t.commune_code IS NULL OR t.cells = 0)
ORDER BY c.code
