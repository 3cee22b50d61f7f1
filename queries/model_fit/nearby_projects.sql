-- Published projects of the bank (rejected and withdrawn left out) found in each
-- commune and its neighbours: the commune itself, and the communes whose
-- simplified outline lies within %(km)s km of it (touching ones at 0 km; the
-- distance is taken in degrees of latitude, 111.32 km each). Counted per
-- sector, sub-sector and project model; only projects of the given
-- %(sectors)s, %(sub_sectors)s or %(models)s count. The model link
-- (project.model_code) is read through to_jsonb so that the query also runs
-- before the migration that adds it (it is then NULL).
WITH chosen AS MATERIALIZED (
    SELECT p.commune_code, p.sector_code, p.sub_sector_code, to_jsonb(p) ->> 'model_code' AS model_code,
           p.is_demo
    FROM project p
    WHERE p.publication = 'published'
      AND p.commune_code IS NOT NULL
      AND p.status_code NOT IN ('rejected', 'withdrawn')
      AND (p.sector_code = ANY (%(sectors)s::text[]) OR p.sub_sector_code = ANY (%(sub_sectors)s::text[])
           OR to_jsonb(p) ->> 'model_code' = ANY (%(models)s::text[]))
), near AS (
    SELECT k.commune_code AS code, k.* FROM chosen k
    UNION ALL
    SELECT c.code, k.*
    FROM chosen k
    JOIN commune o ON o.code = k.commune_code
    JOIN commune c ON c.geom && ST_Expand(o.geom, %(km)s::float8 / 80.0)
        AND ST_DWithin(c.geom_display, o.geom_display, %(km)s::float8 / 111.32)
        AND c.code <> o.code
)
SELECT code AS commune_code, sector_code, sub_sector_code, model_code,
       count(*)::int AS projects, bool_or(is_demo) AS has_demo
FROM near
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
