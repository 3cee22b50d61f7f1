SELECT version, name, sha256, applied_at FROM schema_migration ORDER BY version
