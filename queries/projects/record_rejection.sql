INSERT INTO import_rejection (run_id, row_number, reference, raw, errors)
VALUES (%(run_id)s, %(row_number)s, %(reference)s, %(raw)s, %(errors)s)
