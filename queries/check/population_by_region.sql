-- Regions whose population or households differ from the sum of their communes.
SELECT r.code, r.population_2024 AS expected_population, sum(c.population_2024) AS communes_population,
       r.households_2024 AS expected_households, sum(c.households_2024) AS communes_households
FROM region r LEFT JOIN commune c ON c.region_code = r.code
GROUP BY r.code
HAVING r.population_2024 IS DISTINCT FROM sum(c.population_2024)
    OR r.households_2024 IS DISTINCT FROM sum(c.households_2024)
