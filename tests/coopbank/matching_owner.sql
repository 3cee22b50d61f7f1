-- Test-only: make an account the holder of a project (the wizard does this for submitted projects).
UPDATE project SET owner_id = %(owner_id)s WHERE reference = %(reference)s
