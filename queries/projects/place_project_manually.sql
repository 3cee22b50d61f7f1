-- Put a project in the commune an official chose: commune, province and region
-- follow the commune; a stored point outside that commune is dropped.
UPDATE project p
SET commune_code = c.code, province_code = c.province_code, region_code = c.region_code,
    geocode_method = 'manual', geocode_confidence = 1.0,
    location = CASE WHEN ST_Covers(c.geom, p.location) THEN p.location END
FROM commune c
WHERE c.code = %(commune_code)s AND p.id = %(project_id)s
