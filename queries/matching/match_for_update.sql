-- One match with its project's region, holder and titles, locked for a status change.
SELECT m.id, m.status, m.investor_id, u.display_name AS investor_name,
       p.id AS project_id, p.reference, p.title_fr, p.title_ar, p.region_code, p.owner_id
FROM project_match m
JOIN project p ON p.id = m.project_id
JOIN app_user u ON u.id = m.investor_id
WHERE m.id = %(match_id)s::bigint
FOR UPDATE OF m
