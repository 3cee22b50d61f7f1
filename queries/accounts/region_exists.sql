-- Whether a region code exists.
SELECT EXISTS (SELECT 1 FROM region WHERE code = %(region_code)s::text) AS found
