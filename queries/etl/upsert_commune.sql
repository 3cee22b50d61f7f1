INSERT INTO commune (code, code_digits, slug, name_fr, name_ar, kind, region_code, province_code,
                     cercle_code, population_2024, households_2024, population_2014, change_pct, area_km2,
                     geom, geom_display, label_point, geom_source, geom_precision, geom_repaired)
VALUES (%(code)s, %(code_digits)s, %(slug)s, %(name_fr)s, %(name_ar)s, %(kind)s, %(region_code)s,
        %(province_code)s, %(cercle_code)s, %(population_2024)s, %(households_2024)s,
        %(population_2014)s, %(change_pct)s, %(area_km2)s,
        ST_GeomFromWKB(%(geom)s, 4326), ST_GeomFromWKB(%(geom_display)s, 4326),
        ST_PointOnSurface(ST_GeomFromWKB(%(geom)s, 4326)),
        %(geom_source)s, %(geom_precision)s, %(geom_repaired)s)
ON CONFLICT (code) DO UPDATE SET
    code_digits = EXCLUDED.code_digits, slug = EXCLUDED.slug, name_fr = EXCLUDED.name_fr,
    name_ar = EXCLUDED.name_ar, kind = EXCLUDED.kind, region_code = EXCLUDED.region_code,
    province_code = EXCLUDED.province_code, cercle_code = EXCLUDED.cercle_code,
    population_2024 = EXCLUDED.population_2024, households_2024 = EXCLUDED.households_2024,
    population_2014 = EXCLUDED.population_2014, change_pct = EXCLUDED.change_pct,
    area_km2 = EXCLUDED.area_km2, geom = EXCLUDED.geom, geom_display = EXCLUDED.geom_display,
    label_point = EXCLUDED.label_point, geom_source = EXCLUDED.geom_source,
    geom_precision = EXCLUDED.geom_precision, geom_repaired = EXCLUDED.geom_repaired
