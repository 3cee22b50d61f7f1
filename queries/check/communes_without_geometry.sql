SELECT code, name_fr, province_code FROM commune WHERE geom IS NULL ORDER BY code
