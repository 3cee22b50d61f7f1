-- A holder's submitted project, waiting for moderation (publication 'submitted').
INSERT INTO project (
    reference, title_fr, title_ar, description, cooperative_name, cooperative_status, odco_registration,
    sector_code, sub_sector_code, status_code, investment_mad, funding_secured_mad,
    jobs_direct, jobs_women, jobs_youth, members_total, members_women, members_youth, target_groups,
    training_needs, partnership_sought, commune_code, province_code, region_code, location,
    geocode_method, geocode_confidence, submitted_on, is_demo, owner_id, publication, holder_age)
VALUES (
    %(reference)s, %(title_fr)s, %(title_ar)s, %(description)s, %(cooperative_name)s, %(cooperative_status)s,
    %(odco_registration)s, %(sector_code)s, %(sub_sector_code)s, %(status_code)s, %(investment_mad)s::numeric,
    %(funding_secured_mad)s::numeric, %(jobs_direct)s::integer, %(jobs_women)s::integer, %(jobs_youth)s::integer,
    %(members_total)s::integer, %(members_women)s::integer, %(members_youth)s::integer,
    %(target_groups)s::text[], %(training_needs)s, %(partnership_sought)s, %(commune_code)s,
    %(province_code)s, %(region_code)s,
    CASE WHEN %(lon)s::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) END,
    %(geocode_method)s, %(geocode_confidence)s::numeric, current_date, false, %(owner_id)s::bigint, 'submitted',
    %(holder_age)s::integer)
RETURNING id, reference
