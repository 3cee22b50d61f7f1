-- Every commune with its French and Arabic names, slug, and the codes and
-- names of its province and region: what the name geocoder matches against.
SELECT c.code, c.name_fr, c.name_ar, c.slug,
       c.province_code, p.name_fr AS province_name_fr, p.name_ar AS province_name_ar,
       c.region_code, r.name_fr AS region_name_fr, r.name_ar AS region_name_ar
FROM commune c
JOIN province p ON p.code = c.province_code
JOIN region r ON r.code = c.region_code
ORDER BY c.code
