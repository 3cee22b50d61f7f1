-- Names of the provinces or the regions (%(level)s) the priority index rolls up to.
SELECT code, name_fr, name_ar FROM province WHERE %(level)s::text = 'province'
UNION ALL
SELECT code, name_fr, name_ar FROM region WHERE %(level)s::text = 'region'
ORDER BY code
