-- Units whose published establishment counts differ from the sum of their communes'.
WITH communes AS (
    SELECT c.region_code, c.province_code, c.cercle_code, e.*
    FROM establishments e JOIN commune c ON c.code = e.unit_code
    WHERE e.level = 'commune'
), sums AS (
    SELECT 'country' AS level, 'MA' AS unit_code, sum(establishments_total) AS total,
           sum(establishments_business) AS business, sum(establishments_jobs) AS jobs
    FROM communes
    UNION ALL
    SELECT 'region', region_code, sum(establishments_total), sum(establishments_business), sum(establishments_jobs)
    FROM communes GROUP BY region_code
    UNION ALL
    SELECT 'province', province_code, sum(establishments_total), sum(establishments_business), sum(establishments_jobs)
    FROM communes GROUP BY province_code
    UNION ALL
    SELECT 'cercle', cercle_code, sum(establishments_total), sum(establishments_business), sum(establishments_jobs)
    FROM communes WHERE cercle_code IS NOT NULL GROUP BY cercle_code
)
SELECT s.level, s.unit_code, e.establishments_total AS expected_total, s.total AS communes_total,
       e.establishments_jobs AS expected_jobs, s.jobs AS communes_jobs
FROM sums s LEFT JOIN establishments e ON e.level = s.level AND e.unit_code = s.unit_code
WHERE e.establishments_total IS DISTINCT FROM s.total
   OR e.establishments_business IS DISTINCT FROM s.business
   OR e.establishments_jobs IS DISTINCT FROM s.jobs
ORDER BY 1, 2
