-- Queue an ambiguous place name for an official, once per project.
INSERT INTO geocode_review (project_id, query, candidates)
VALUES (%(project_id)s, %(query)s, %(candidates)s)
ON CONFLICT (project_id) WHERE state = 'pending' DO NOTHING
