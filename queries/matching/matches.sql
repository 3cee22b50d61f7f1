-- The matches an account may see: everything (admin), its own (investor), those on its projects
-- (holder), those in its region or, for a national official (region NULL), all; newest change first.
SELECT m.id, m.status, m.close_reason, m.message, m.created_at, m.updated_at,
       m.investor_id, u.display_name AS investor_name,
       p.id AS project_id, p.reference, p.title_fr, p.title_ar, p.owner_id, p.is_demo,
       p.region_code, r.name_fr AS region_fr, r.name_ar AS region_ar
FROM project_match m
JOIN project p ON p.id = m.project_id
JOIN app_user u ON u.id = m.investor_id
JOIN region r ON r.code = p.region_code
WHERE (%(everything)s::boolean
       OR m.investor_id = %(investor_id)s::bigint
       OR p.owner_id = %(owner_id)s::bigint
       OR (%(official)s::boolean AND (%(region_code)s::text IS NULL OR p.region_code = %(region_code)s::text)))
  AND (%(match_id)s::bigint IS NULL OR m.id = %(match_id)s::bigint)
ORDER BY m.updated_at DESC, m.id DESC
