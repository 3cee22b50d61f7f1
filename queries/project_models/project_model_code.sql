-- The model a project was adopted from (NULL when none).
SELECT model_code FROM project WHERE id = %(project_id)s::bigint
