SELECT 'region' AS level, count(*) FILTER (WHERE geom_repaired) AS repaired FROM region
UNION ALL SELECT 'province', count(*) FILTER (WHERE geom_repaired) FROM province
UNION ALL SELECT 'commune', count(*) FILTER (WHERE geom_repaired) FROM commune
