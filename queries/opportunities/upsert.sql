-- Add an entry to the catalogue, or replace every field of the entry with that code; the
-- triggers stamp updated_at/updated_by and record the change in opportunity_history.
INSERT INTO opportunity (code, kind, body, name_fr, name_ar, description_fr, description_ar, sectors,
                         holder_kinds, age_min, age_max, region_codes, rural_only, mountain_only,
                         investment_min, investment_max, ticket_min, ticket_max, url, source, active)
VALUES (%(code)s::text, %(kind)s::text, %(body)s::text, %(name_fr)s::text, %(name_ar)s::text,
        %(description_fr)s::text, %(description_ar)s::text, %(sectors)s::text[], %(holder_kinds)s::text[],
        %(age_min)s::integer, %(age_max)s::integer, %(region_codes)s::text[], %(rural_only)s::boolean,
        %(mountain_only)s::boolean, %(investment_min)s::numeric, %(investment_max)s::numeric,
        %(ticket_min)s::numeric, %(ticket_max)s::numeric, %(url)s::text, %(source)s::text, %(active)s::boolean)
ON CONFLICT (code) DO UPDATE SET
    kind = EXCLUDED.kind, body = EXCLUDED.body, name_fr = EXCLUDED.name_fr, name_ar = EXCLUDED.name_ar,
    description_fr = EXCLUDED.description_fr, description_ar = EXCLUDED.description_ar,
    sectors = EXCLUDED.sectors, holder_kinds = EXCLUDED.holder_kinds, age_min = EXCLUDED.age_min,
    age_max = EXCLUDED.age_max, region_codes = EXCLUDED.region_codes, rural_only = EXCLUDED.rural_only,
    mountain_only = EXCLUDED.mountain_only, investment_min = EXCLUDED.investment_min,
    investment_max = EXCLUDED.investment_max, ticket_min = EXCLUDED.ticket_min,
    ticket_max = EXCLUDED.ticket_max, url = EXCLUDED.url, source = EXCLUDED.source, active = EXCLUDED.active
RETURNING code, (xmax = 0) AS inserted
