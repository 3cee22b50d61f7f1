-- The catalogue, by kind then code: every entry, or one %(kind)s; inactive entries only with
-- %(include_inactive)s. Amounts in MAD as float8.
SELECT code, kind, body, name_fr, name_ar, description_fr, description_ar, sectors, holder_kinds,
       age_min, age_max, region_codes, rural_only, mountain_only,
       investment_min::float8 AS investment_min, investment_max::float8 AS investment_max,
       ticket_min::float8 AS ticket_min, ticket_max::float8 AS ticket_max,
       url, source, active, updated_at, updated_by
FROM opportunity
WHERE (%(kind)s::text IS NULL OR kind = %(kind)s::text)
  AND (%(include_inactive)s::boolean OR active)
  AND (%(code)s::text IS NULL OR code = %(code)s::text)
ORDER BY CASE kind WHEN 'funding' THEN 1 WHEN 'training' THEN 2 ELSE 3 END, code COLLATE "C"
