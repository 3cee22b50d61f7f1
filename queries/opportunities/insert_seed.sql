-- One seed entry of coopbank/data/opportunities.toml; an entry already there is left as it is.
INSERT INTO opportunity (code, kind, body, name_fr, name_ar, description_fr, description_ar, sectors,
                         holder_kinds, age_min, age_max, region_codes, rural_only, mountain_only,
                         investment_min, investment_max, ticket_min, ticket_max, url, source, active)
VALUES (%(code)s::text, %(kind)s::text, %(body)s::text, %(name_fr)s::text, %(name_ar)s::text,
        %(description_fr)s::text, %(description_ar)s::text, %(sectors)s::text[], %(holder_kinds)s::text[],
        %(age_min)s::integer, %(age_max)s::integer, %(region_codes)s::text[], %(rural_only)s::boolean,
        %(mountain_only)s::boolean, %(investment_min)s::numeric, %(investment_max)s::numeric,
        %(ticket_min)s::numeric, %(ticket_max)s::numeric, %(url)s::text, %(source)s::text, %(active)s::boolean)
ON CONFLICT (code) DO NOTHING
RETURNING code
