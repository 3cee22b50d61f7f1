-- How many entries the opportunities catalogue holds (0 = not seeded yet).
SELECT count(*) AS rows FROM opportunity
