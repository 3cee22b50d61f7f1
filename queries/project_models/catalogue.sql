-- The models, by sector then code, or the one model with %(code)s (NULL = all).
SELECT code, sector_code, sub_sector_code, name_fr, name_ar, description_fr, description_ar, investment,
       operating_costs_mad::float8[] AS operating_costs_mad, revenue_mad::float8[] AS revenue_mad, jobs_direct,
       women_share::float8 AS women_share, youth_share::float8 AS youth_share, members, skills, programmes,
       conditions, sources, updated_at, updated_by
FROM project_model
WHERE %(code)s::text IS NULL OR code = %(code)s::text
ORDER BY sector_code, code
