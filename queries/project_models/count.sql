-- How many models the catalogue holds (0 = not seeded yet).
SELECT count(*) AS models FROM project_model
