INSERT INTO import_run (file_name, file_sha256, file_format, encoding, rows_read, inserted, updated, unchanged,
                        rejected)
VALUES (%(file_name)s, %(file_sha256)s, %(file_format)s, %(encoding)s, %(rows_read)s, %(inserted)s,
        %(updated)s, %(unchanged)s, %(rejected)s)
RETURNING id
