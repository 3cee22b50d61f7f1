-- A project's status changes, oldest first, with both labels of each status.
SELECT h.changed_at, h.from_status, f.label_fr AS from_fr, f.label_ar AS from_ar,
       h.to_status, s.label_fr AS to_fr, s.label_ar AS to_ar
FROM project_status_history h
JOIN project_status s ON s.code = h.to_status
LEFT JOIN project_status f ON f.code = h.from_status
WHERE h.project_id = %(project_id)s
ORDER BY h.changed_at, h.id
