INSERT INTO etl_load (step, fingerprint, summary, loaded_at)
VALUES (%(step)s, %(fingerprint)s, %(summary)s, now())
ON CONFLICT (step) DO UPDATE SET
    fingerprint = EXCLUDED.fingerprint, summary = EXCLUDED.summary, loaded_at = EXCLUDED.loaded_at
