INSERT INTO source_file (name, sha256, origin, loaded_at)
VALUES (%(name)s, %(sha256)s, %(origin)s, now())
ON CONFLICT (name) DO UPDATE SET
    sha256 = EXCLUDED.sha256, origin = EXCLUDED.origin, loaded_at = EXCLUDED.loaded_at
