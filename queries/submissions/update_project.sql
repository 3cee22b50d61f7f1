-- A holder's changes to their own project after an official asked for them: back to 'submitted'.
UPDATE project SET
    title_fr = %(title_fr)s, title_ar = %(title_ar)s, description = %(description)s,
    cooperative_name = %(cooperative_name)s, cooperative_status = %(cooperative_status)s,
    odco_registration = %(odco_registration)s, sector_code = %(sector_code)s,
    sub_sector_code = %(sub_sector_code)s, status_code = %(status_code)s,
    investment_mad = %(investment_mad)s::numeric, funding_secured_mad = %(funding_secured_mad)s::numeric,
    jobs_direct = %(jobs_direct)s::integer, jobs_women = %(jobs_women)s::integer,
    jobs_youth = %(jobs_youth)s::integer, members_total = %(members_total)s::integer,
    members_women = %(members_women)s::integer, members_youth = %(members_youth)s::integer,
    target_groups = %(target_groups)s::text[], training_needs = %(training_needs)s,
    partnership_sought = %(partnership_sought)s, commune_code = %(commune_code)s,
    province_code = %(province_code)s, region_code = %(region_code)s,
    location = CASE WHEN %(lon)s::float8 IS NULL THEN NULL
                    ELSE ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) END,
    geocode_method = %(geocode_method)s, geocode_confidence = %(geocode_confidence)s::numeric,
    holder_age = %(holder_age)s::integer, publication = 'submitted'
WHERE id = %(project_id)s::bigint AND owner_id = %(owner_id)s::bigint AND publication = 'changes_requested'
RETURNING id, reference
