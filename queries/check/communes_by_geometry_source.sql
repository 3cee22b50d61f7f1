SELECT coalesce(geom_precision::text, 'none') AS precision, coalesce(geom_source, '') AS source, count(*) AS communes
FROM commune GROUP BY 1, 2 ORDER BY 1, 2
