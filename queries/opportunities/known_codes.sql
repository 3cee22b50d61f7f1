-- The codes an eligibility rule may name: every sector and sub-sector, and every region.
SELECT (SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM sector) AS sector_codes,
       (SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM region) AS region_codes
