-- Cercles whose population or households differ from the sum of their communes.
SELECT ce.code, ce.population_2024 AS expected_population, sum(c.population_2024) AS communes_population,
       ce.households_2024 AS expected_households, sum(c.households_2024) AS communes_households
FROM cercle ce LEFT JOIN commune c ON c.cercle_code = ce.code
GROUP BY ce.code
HAVING ce.population_2024 IS DISTINCT FROM sum(c.population_2024)
    OR ce.households_2024 IS DISTINCT FROM sum(c.households_2024)
