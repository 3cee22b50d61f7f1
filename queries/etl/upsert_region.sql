INSERT INTO region AS r (code, iso_3166_2, name_fr, name_ar, population_2024, households_2024,
                         geom, geom_display, label_point, geom_source, geom_precision, geom_repaired)
VALUES (%(code)s, %(iso_3166_2)s, %(name_fr)s, %(name_ar)s, %(population_2024)s, %(households_2024)s,
        ST_GeomFromWKB(%(geom)s, 4326), ST_GeomFromWKB(%(geom_display)s, 4326),
        ST_PointOnSurface(ST_GeomFromWKB(%(geom)s, 4326)),
        %(geom_source)s, %(geom_precision)s, %(geom_repaired)s)
ON CONFLICT (code) DO UPDATE SET
    iso_3166_2 = EXCLUDED.iso_3166_2, name_fr = EXCLUDED.name_fr, name_ar = EXCLUDED.name_ar,
    population_2024 = EXCLUDED.population_2024, households_2024 = EXCLUDED.households_2024,
    geom = EXCLUDED.geom, geom_display = EXCLUDED.geom_display, label_point = EXCLUDED.label_point,
    geom_source = EXCLUDED.geom_source, geom_precision = EXCLUDED.geom_precision,
    geom_repaired = EXCLUDED.geom_repaired
