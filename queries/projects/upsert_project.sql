-- Insert or update one project by reference; no row comes back when nothing changed.
INSERT INTO project AS p (
    reference, title_fr, title_ar, description, cooperative_name, cooperative_status, odco_registration,
    sector_code, sub_sector_code, status_code, investment_mad, funding_secured_mad,
    jobs_direct, jobs_women, jobs_youth, members_total, members_women, members_youth,
    training_needs, partnership_sought, commune_code, province_code, region_code, location,
    geocode_method, geocode_confidence, submitted_on, is_demo)
VALUES (
    %(reference)s, %(title_fr)s, %(title_ar)s, %(description)s, %(cooperative_name)s, %(cooperative_status)s,
    %(odco_registration)s, %(sector_code)s, %(sub_sector_code)s, %(status_code)s, %(investment_mad)s,
    %(funding_secured_mad)s, %(jobs_direct)s, %(jobs_women)s, %(jobs_youth)s, %(members_total)s,
    %(members_women)s, %(members_youth)s, %(training_needs)s, %(partnership_sought)s, %(commune_code)s,
    %(province_code)s, %(region_code)s,
    CASE WHEN %(lon)s::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326) END,
    %(geocode_method)s, %(geocode_confidence)s, %(submitted_on)s, %(is_demo)s)
ON CONFLICT (reference) DO UPDATE SET
    title_fr = EXCLUDED.title_fr, title_ar = EXCLUDED.title_ar, description = EXCLUDED.description,
    cooperative_name = EXCLUDED.cooperative_name, cooperative_status = EXCLUDED.cooperative_status,
    odco_registration = EXCLUDED.odco_registration, sector_code = EXCLUDED.sector_code,
    sub_sector_code = EXCLUDED.sub_sector_code, status_code = EXCLUDED.status_code,
    investment_mad = EXCLUDED.investment_mad, funding_secured_mad = EXCLUDED.funding_secured_mad,
    jobs_direct = EXCLUDED.jobs_direct, jobs_women = EXCLUDED.jobs_women, jobs_youth = EXCLUDED.jobs_youth,
    members_total = EXCLUDED.members_total, members_women = EXCLUDED.members_women,
    members_youth = EXCLUDED.members_youth, training_needs = EXCLUDED.training_needs,
    partnership_sought = EXCLUDED.partnership_sought, commune_code = EXCLUDED.commune_code,
    province_code = EXCLUDED.province_code, region_code = EXCLUDED.region_code, location = EXCLUDED.location,
    geocode_method = EXCLUDED.geocode_method, geocode_confidence = EXCLUDED.geocode_confidence,
    submitted_on = EXCLUDED.submitted_on
WHERE p.is_demo = EXCLUDED.is_demo
  AND (p.title_fr, p.title_ar, p.description, p.cooperative_name, p.cooperative_status, p.odco_registration,
       p.sector_code, p.sub_sector_code, p.status_code, p.investment_mad, p.funding_secured_mad,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.members_women, p.members_youth,
       p.training_needs, p.partnership_sought, p.commune_code, p.province_code, p.region_code,
       ST_AsEWKB(p.location), p.geocode_method, p.geocode_confidence, p.submitted_on)
      IS DISTINCT FROM
      (EXCLUDED.title_fr, EXCLUDED.title_ar, EXCLUDED.description, EXCLUDED.cooperative_name,
       EXCLUDED.cooperative_status, EXCLUDED.odco_registration, EXCLUDED.sector_code, EXCLUDED.sub_sector_code,
       EXCLUDED.status_code, EXCLUDED.investment_mad, EXCLUDED.funding_secured_mad, EXCLUDED.jobs_direct,
       EXCLUDED.jobs_women, EXCLUDED.jobs_youth, EXCLUDED.members_total, EXCLUDED.members_women,
       EXCLUDED.members_youth, EXCLUDED.training_needs, EXCLUDED.partnership_sought, EXCLUDED.commune_code,
       EXCLUDED.province_code, EXCLUDED.region_code, ST_AsEWKB(EXCLUDED.location), EXCLUDED.geocode_method,
       EXCLUDED.geocode_confidence, EXCLUDED.submitted_on)
RETURNING id, (xmax = 0) AS inserted
