INSERT INTO terrain_method (method, thresholds, dem_sha256)
VALUES (%(method)s, %(thresholds)s, %(dem_sha256)s)
RETURNING id
