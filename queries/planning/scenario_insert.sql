-- Record a scenario under a new name; no row comes back when the name is taken (nothing is written then).
INSERT INTO scenario (name, created_by, params, summary)
VALUES (btrim(%(name)s::text), btrim(%(created_by)s::text), %(params)s::jsonb, %(summary)s::jsonb)
ON CONFLICT (name) DO NOTHING
RETURNING id
