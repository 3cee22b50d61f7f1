-- Link the holder's own project to the model it was adopted from (NULL = none).
UPDATE project SET model_code = %(model_code)s::text
WHERE id = %(project_id)s::bigint AND owner_id = %(owner_id)s::bigint
