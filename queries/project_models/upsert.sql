-- Add a model, or replace every field of the model with that code; the triggers stamp
-- updated_at/updated_by and record the change in project_model_history.
INSERT INTO project_model (code, sector_code, sub_sector_code, name_fr, name_ar, description_fr, description_ar,
                           investment, operating_costs_mad, revenue_mad, jobs_direct, women_share, youth_share,
                           members, skills, programmes, conditions, sources)
VALUES (%(code)s::text, %(sector_code)s::text, %(sub_sector_code)s::text, %(name_fr)s::text, %(name_ar)s::text,
        %(description_fr)s::text, %(description_ar)s::text, %(investment)s::jsonb,
        %(operating_costs_mad)s::numeric[], %(revenue_mad)s::numeric[], %(jobs_direct)s::integer,
        %(women_share)s::numeric, %(youth_share)s::numeric, %(members)s::integer, %(skills)s::text[],
        %(programmes)s::text[], %(conditions)s::jsonb, %(sources)s::jsonb)
ON CONFLICT (code) DO UPDATE SET
    sector_code = EXCLUDED.sector_code, sub_sector_code = EXCLUDED.sub_sector_code,
    name_fr = EXCLUDED.name_fr, name_ar = EXCLUDED.name_ar, description_fr = EXCLUDED.description_fr,
    description_ar = EXCLUDED.description_ar, investment = EXCLUDED.investment,
    operating_costs_mad = EXCLUDED.operating_costs_mad, revenue_mad = EXCLUDED.revenue_mad,
    jobs_direct = EXCLUDED.jobs_direct, women_share = EXCLUDED.women_share, youth_share = EXCLUDED.youth_share,
    members = EXCLUDED.members, skills = EXCLUDED.skills, programmes = EXCLUDED.programmes,
    conditions = EXCLUDED.conditions, sources = EXCLUDED.sources
RETURNING code, (xmax = 0) AS inserted
