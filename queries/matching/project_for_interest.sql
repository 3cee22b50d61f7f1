-- The published project an investor names by reference, with its region and holder account (NULL for imports).
SELECT p.id, p.reference, p.title_fr, p.title_ar, p.region_code, p.owner_id, p.is_demo
FROM project p
WHERE p.reference = %(reference)s::text AND p.publication = 'published'
FOR SHARE
