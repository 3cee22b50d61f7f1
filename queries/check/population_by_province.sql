-- Provinces (not préfectures d'arrondissements, which hold no commune) whose
-- population or households differ from the sum of their communes.
SELECT p.code, p.population_2024 AS expected_population, sum(c.population_2024) AS communes_population,
       p.households_2024 AS expected_households, sum(c.households_2024) AS communes_households
FROM province p LEFT JOIN commune c ON c.province_code = p.code
WHERE p.kind <> 'prefecture_of_arrondissements'
GROUP BY p.code
HAVING p.population_2024 IS DISTINCT FROM sum(c.population_2024)
    OR p.households_2024 IS DISTINCT FROM sum(c.households_2024)
