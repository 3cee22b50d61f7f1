-- Establishment rows whose unit code is not a known unit of their level
-- (arrondissements have no table of their own and are left out), and
-- communes with no establishment row.
SELECT e.level, e.unit_code, 'no such unit' AS problem
FROM establishments e
WHERE (e.level = 'region' AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = e.unit_code))
   OR (e.level = 'province' AND NOT EXISTS (SELECT 1 FROM province p WHERE p.code = e.unit_code))
   OR (e.level = 'cercle' AND NOT EXISTS (SELECT 1 FROM cercle c WHERE c.code = e.unit_code))
   OR (e.level = 'commune' AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.code = e.unit_code))
UNION ALL
SELECT 'commune', c.code, 'no establishments row'
FROM commune c
WHERE NOT EXISTS (SELECT 1 FROM establishments e WHERE e.level = 'commune' AND e.unit_code = c.code)
ORDER BY 1, 2
