-- Stored projects among the given references: id, whether demo, and a manual geocoding to keep.
SELECT id, reference, is_demo, geocode_method, commune_code, province_code, region_code, geocode_confidence
FROM project WHERE reference = ANY (%(references)s::text[])
