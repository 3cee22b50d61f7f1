-- How many models the catalogue holds (0 = not seeded yet).
SELECT count(*) AS rows FROM project_model
