-- The region of the project a geocode review is about (NULL when it has none), for the rights check.
SELECT p.region_code
FROM geocode_review g
LEFT JOIN project p ON p.id = g.project_id
WHERE g.id = %(review_id)s::bigint
