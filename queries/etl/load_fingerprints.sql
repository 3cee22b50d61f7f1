SELECT step, fingerprint, summary, loaded_at FROM etl_load
