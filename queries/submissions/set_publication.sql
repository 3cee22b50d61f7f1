-- Move a project to a new publication state after a decision.
UPDATE project SET publication = %(publication)s WHERE id = %(project_id)s::bigint
