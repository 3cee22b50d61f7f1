-- One definition of what the dashboard's filters mean, shared by the project
-- list, the maps, the heatmaps and the profiles: the public projects matching
-- every given filter (NULL means "any"). An inlinable SQL function, so the
-- planner still uses the indexes of the tables below project_public.
CREATE FUNCTION project_filtered(
    region_code text DEFAULT NULL, province_code text DEFAULT NULL, commune_code text DEFAULT NULL,
    sector_codes text[] DEFAULT NULL, status_codes text[] DEFAULT NULL,
    investment_min numeric DEFAULT NULL, investment_max numeric DEFAULT NULL,
    gap_min numeric DEFAULT NULL, gap_max numeric DEFAULT NULL,
    zone text DEFAULT NULL, target_group text DEFAULT NULL, pattern text DEFAULT NULL,
    include_demo boolean DEFAULT true)
RETURNS SETOF project_public LANGUAGE sql STABLE AS $$
    SELECT p.* FROM project_public p
    WHERE ($1 IS NULL OR p.region_code = $1)
      AND ($2 IS NULL OR p.province_code = $2)
      AND ($3 IS NULL OR p.commune_code = $3)
      AND ($4 IS NULL OR p.sector_code = ANY ($4) OR p.sub_sector_code = ANY ($4))
      AND ($5 IS NULL OR p.status_code = ANY ($5))
      AND ($6 IS NULL OR p.investment_mad >= $6)
      AND ($7 IS NULL OR p.investment_mad <= $7)
      AND ($8 IS NULL OR p.investment_mad - coalesce(p.funding_secured_mad, 0) >= $8)
      AND ($9 IS NULL OR p.investment_mad - coalesce(p.funding_secured_mad, 0) <= $9)
      AND ($10 IS NULL
           OR ($10 IN ('rural', 'urban') AND p.commune_kind = $10)
           OR ($10 = 'mountain' AND p.is_mountain))
      AND ($11 IS NULL
           OR ($11 = 'women' AND (p.jobs_women > 0 OR 'women' = ANY (p.target_groups)))
           OR ($11 = 'youth' AND (p.jobs_youth > 0 OR 'youth' = ANY (p.target_groups))))
      AND ($12 IS NULL OR p.reference ILIKE $12 OR p.title_fr ILIKE $12 OR p.title_ar ILIKE $12
           OR p.cooperative_name ILIKE $12)
      AND ($13 OR NOT p.is_demo)
$$;
