INSERT INTO cercle (code, code_digits, province_code, region_code, name_fr, name_ar,
                    population_2024, households_2024)
VALUES (%(code)s, %(code_digits)s, %(province_code)s, %(region_code)s, %(name_fr)s, %(name_ar)s,
        %(population_2024)s, %(households_2024)s)
ON CONFLICT (code) DO UPDATE SET
    code_digits = EXCLUDED.code_digits, province_code = EXCLUDED.province_code,
    region_code = EXCLUDED.region_code, name_fr = EXCLUDED.name_fr, name_ar = EXCLUDED.name_ar,
    population_2024 = EXCLUDED.population_2024, households_2024 = EXCLUDED.households_2024
