-- Geocoding questions waiting for an official, oldest first: what the file said
-- (query) and each candidate commune with its score, names and province. A regional
-- official (%(national)s false) sees only the reviews of projects in %(region_code)s.
SELECT g.id AS review_id, g.created_at, g.query, p.reference, p.title_fr, p.title_ar, p.region_code, p.is_demo,
       coalesce((
           SELECT jsonb_agg(jsonb_build_object(
                      'commune_code', c.code, 'score', (e.value ->> 'score')::float8,
                      'name_fr', c.name_fr, 'name_ar', c.name_ar, 'province_code', c.province_code,
                      'province_fr', pr.name_fr, 'province_ar', pr.name_ar)
                  ORDER BY (e.value ->> 'score')::float8 DESC NULLS LAST, e.ordinality)
           FROM jsonb_array_elements(g.candidates) WITH ORDINALITY AS e (value, ordinality)
           JOIN commune c ON c.code = e.value ->> 'code'
           JOIN province pr ON pr.code = c.province_code
       ), '[]'::jsonb) AS candidates
FROM geocode_review g
LEFT JOIN project p ON p.id = g.project_id
WHERE g.state = 'pending'
  AND (%(national)s::boolean OR p.region_code = %(region_code)s::text)
ORDER BY g.created_at, g.id
