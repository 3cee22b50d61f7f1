-- HCP 2024 establishments of each sector (industry, construction, commerce,
-- services) per 1,000 inhabitants of 2024, for every commune and for its
-- province (planning/model_fit.py uses the province when HCP publishes no row
-- for the commune). NULL means "no data". Farms are not counted by HCP.
SELECT c.code,
       (1000.0 * ec.sector_industry / nullif(c.population_2024, 0))::float8 AS industry,
       (1000.0 * ec.sector_construction / nullif(c.population_2024, 0))::float8 AS construction,
       (1000.0 * ec.sector_commerce / nullif(c.population_2024, 0))::float8 AS commerce,
       (1000.0 * ec.sector_services / nullif(c.population_2024, 0))::float8 AS services,
       (1000.0 * ep.sector_industry / nullif(p.population_2024, 0))::float8 AS industry_province,
       (1000.0 * ep.sector_construction / nullif(p.population_2024, 0))::float8 AS construction_province,
       (1000.0 * ep.sector_commerce / nullif(p.population_2024, 0))::float8 AS commerce_province,
       (1000.0 * ep.sector_services / nullif(p.population_2024, 0))::float8 AS services_province
FROM commune c
JOIN province p ON p.code = c.province_code
LEFT JOIN establishments ec ON ec.level = 'commune' AND ec.unit_code = c.code
LEFT JOIN establishments ep ON ep.level = 'province' AND ep.unit_code = c.province_code
ORDER BY c.code
