SELECT count(*) FILTER (WHERE t.is_mountain) AS communes,
       round(sum(c.population_2024) FILTER (WHERE t.is_mountain)::numeric / sum(c.population_2024), 4)
           AS population_share,
       count(*) FILTER (WHERE t.is_mountain IS NULL) AS unclassified
FROM commune c LEFT JOIN commune_terrain t ON t.commune_code = c.code
