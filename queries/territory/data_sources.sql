-- Files loaded into the database, with their checksum and when they were loaded.
SELECT name, sha256, origin, loaded_at FROM source_file ORDER BY name
