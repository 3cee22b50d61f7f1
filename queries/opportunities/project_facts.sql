-- What eligibility rules read about one PUBLISHED project (project_public: never a contact), by
-- reference: sector and sub-sector, the holder's standing and age, region, commune kind, mountain,
-- investment (MAD). The holder's age comes from the project row (migration 0009).
SELECT p.reference, p.title_fr, p.title_ar, p.is_demo, p.sector_code, p.sub_sector_code,
       p.cooperative_status, raw.holder_age, p.region_code, p.commune_code, p.commune_kind, p.is_mountain,
       p.investment_mad::float8 AS investment_mad
FROM project_public p
JOIN project raw ON raw.id = p.id
WHERE p.reference = %(reference)s::text
