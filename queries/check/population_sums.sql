-- Regions, provinces (not préfectures d'arrondissements, which hold no commune)
-- and cercles whose population or households differ from the sum of their communes.
WITH units AS (
    SELECT 'region' AS level, code, population_2024, households_2024 FROM region
    UNION ALL
    SELECT 'province', code, population_2024, households_2024 FROM province
    WHERE kind <> 'prefecture_of_arrondissements'
    UNION ALL
    SELECT 'cercle', code, population_2024, households_2024 FROM cercle
), sums AS (
    SELECT 'region' AS level, region_code AS code, sum(population_2024) AS population,
           sum(households_2024) AS households
    FROM commune GROUP BY region_code
    UNION ALL
    SELECT 'province', province_code, sum(population_2024), sum(households_2024) FROM commune GROUP BY province_code
    UNION ALL
    SELECT 'cercle', cercle_code, sum(population_2024), sum(households_2024)
    FROM commune WHERE cercle_code IS NOT NULL GROUP BY cercle_code
)
SELECT u.level, u.code, u.population_2024 AS expected_population, s.population AS communes_population,
       u.households_2024 AS expected_households, s.households AS communes_households
FROM units u LEFT JOIN sums s ON s.level = u.level AND s.code = u.code
WHERE u.population_2024 IS DISTINCT FROM s.population OR u.households_2024 IS DISTINCT FROM s.households
ORDER BY 1, 2
